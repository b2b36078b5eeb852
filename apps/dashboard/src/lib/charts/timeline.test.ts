import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { timeline, type TimelineOptions } from './timeline.js';

const base: TimelineOptions = {
  id: 'events',
  width: 640,
  title: 'Mentoring',
  desc: 'Timeline',
  years: [2020, 2025],
  events: [
    { key: 'b', start: '2023-05-10', end: '2023-05-10', label: 'UMKM', detail: '10 May 2023' },
    {
      key: 'kominfo-blitar-2021-11-02',
      start: '2021-11-02',
      end: '2021-11-03',
      label: 'Seminar and workshop, Kampung Coklat',
      detail: '2-3 November 2021, 120 participants',
      emphasis: true,
    },
  ],
  noDataMessage: 'No mentoring yet',
};

describe('timeline', () => {
  it('puts events in date order on a shared year axis', async () => {
    const svg = timeline(base);
    await expectSvgSnapshot('timeline', svg);
    expect(svg.indexOf('kominfo-blitar')).toBeLessThan(svg.indexOf('data-key="b"'));
  });

  it('says when there are no events', () => {
    expect(timeline({ ...base, events: [] })).toContain('No mentoring yet');
  });

  it('refuses an event that ends before it starts, and bad dates', () => {
    expect(() =>
      timeline({ ...base, events: [{ ...base.events[0]!, end: '2023-05-01' }] }),
    ).toThrow('invalid event b');
    expect(() =>
      timeline({ ...base, events: [{ ...base.events[0]!, start: '2023-13-01' }] }),
    ).toThrow('invalid date: 2023-13-01');
    expect(() => timeline({ ...base, years: [2025, 2020] })).toThrow('invalid years: 2025-2020');
  });
});
