import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { eventStudyChart, type EventStudyChartOptions } from './event-study-chart.js';

const base: EventStudyChartOptions = {
  id: 'event-study',
  width: 640,
  title: 'Effect by year since the first mentoring',
  desc: 'Event study',
  points: [
    { eventTime: -3, estimate: 0.004, low: -0.012, high: 0.02 },
    { eventTime: -2, estimate: -0.003, low: -0.015, high: 0.009 },
    { eventTime: 0, estimate: 0.002, low: -0.008, high: 0.012 },
    { eventTime: 1, estimate: 0.149, low: 0.139, high: 0.159 },
    { eventTime: 2, estimate: 0.152, low: 0.14, high: 0.164 },
    { eventTime: 3, estimate: 0.147, low: 0.131, high: 0.163 },
  ],
  baseEventTime: -1,
  format: (v) => v.toFixed(2),
  formatEventTime: (k) => (k > 0 ? `+${k}` : String(k)),
  xLabel: 'Years since the first mentoring',
  yLabel: 'Extra change since the year before',
  eventLabel: 'First mentoring',
  baseLabel: 'Base year (0 by construction)',
  noDataMessage: 'No estimate',
};

describe('eventStudyChart', () => {
  it('draws estimates with whiskers, a zero line, the event and the base year', async () => {
    const svg = eventStudyChart(base);
    expect(svg).toContain('stroke-dasharray="5 4"');
    expect(svg.match(/class="event-time placebo"/g)).toHaveLength(2);
    expect(svg.match(/class="event-time"/g)).toHaveLength(4);
    await expectSvgSnapshot('event-study-chart', svg);
  });

  it('says when there is no estimate', () => {
    expect(eventStudyChart({ ...base, points: [] })).toContain('No estimate');
  });

  it('refuses an estimate outside its interval, a repeated or a base event time', () => {
    const bad = (points: EventStudyChartOptions['points']) => () =>
      eventStudyChart({ ...base, points });
    expect(bad([{ eventTime: 1, estimate: 1, low: 2, high: 3 }])).toThrow(
      'invalid interval at event time 1',
    );
    expect(
      bad([
        { eventTime: 1, estimate: 0, low: 0, high: 0 },
        { eventTime: 1, estimate: 0, low: 0, high: 0 },
      ]),
    ).toThrow('invalid event time: 1');
    expect(bad([{ eventTime: -1, estimate: 0, low: 0, high: 0 }])).toThrow(
      'invalid event time: -1',
    );
  });
});
