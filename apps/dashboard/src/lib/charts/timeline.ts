import { scaleUtc } from 'd3';
import { ACCENT, INK, INK_MUTED, RULE, categorical } from './palette.js';
import { checkId, checkSize, emptyMessage, svgRoot, tag, textTag, truncate } from './svg.js';

export interface TimelineEvent {
  key: string;
  /** `YYYY-MM-DD`. */
  start: string;
  /** `YYYY-MM-DD`; same as start for a one-day event. */
  end: string;
  label: string;
  /** Second line: date, place, participants. */
  detail: string;
  /** The published (real) event among synthetic ones. */
  emphasis?: boolean;
}

export interface TimelineOptions {
  id: string;
  width: number;
  title: string;
  desc: string;
  events: readonly TimelineEvent[];
  /** First and last year of the axis (the data's years), so timelines of villages line up. */
  years: readonly [number, number];
  noDataMessage: string;
}

const ROW = 40;
const MARGIN = { top: 10, right: 16, bottom: 28, left: 16 };

export function timelineHeight(events: number): number {
  return MARGIN.top + Math.max(1, events) * ROW + MARGIN.bottom;
}

function utc(date: string): Date {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`invalid date: ${date}`);
  return d;
}

/**
 * Events on a shared time axis, one row each (oldest first): a mark at the date and two lines of
 * text. Rows rather than one crowded line, so it reads at 360 px.
 *
 * @example
 * ```ts
 * timeline({ id: 'events', width: 640, title: 'Mentoring', desc: '...', years: [2020, 2025],
 *   events: [{ key: 'e1', start: '2021-11-02', end: '2021-11-03', label: 'Workshop', detail: '2 Nov 2021' }], noDataMessage: 'None' });
 * ```
 */
export function timeline(options: TimelineOptions): string {
  const { id, width, title, desc, events } = options;
  checkId(id);
  checkSize(width);
  const height = timelineHeight(events.length);
  const [firstYear, lastYear] = options.years;
  if (!(Number.isInteger(firstYear) && Number.isInteger(lastYear) && lastYear >= firstYear)) {
    throw new Error(`invalid years: ${firstYear}-${lastYear}`);
  }
  if (events.length === 0) {
    return svgRoot(
      { id, width, height, title, desc },
      emptyMessage(width, height, options.noDataMessage),
    );
  }
  const sorted = [...events].sort(
    (a, b) => a.start.localeCompare(b.start) || a.key.localeCompare(b.key),
  );
  const x = scaleUtc()
    .domain([new Date(Date.UTC(firstYear, 0, 1)), new Date(Date.UTC(lastYear + 1, 0, 1))])
    .range([MARGIN.left, width - MARGIN.right]);
  const bottom = height - MARGIN.bottom;
  const yearTicks = Array.from({ length: lastYear - firstYear + 2 }, (_, i) => firstYear + i);
  const axis = tag(
    'g',
    { class: 'axis axis-x', 'aria-hidden': 'true' },
    tag('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: bottom, y2: bottom, stroke: INK }),
    ...yearTicks.map((year) => {
      const tx = x(new Date(Date.UTC(year, 0, 1)));
      return tag(
        'g',
        {},
        tag('line', { x1: tx, x2: tx, y1: MARGIN.top, y2: bottom + 5, stroke: RULE }),
        year <= lastYear
          ? textTag(
              'text',
              {
                x: x(new Date(Date.UTC(year, 6, 1))),
                y: bottom + 17,
                'text-anchor': 'middle',
                fill: INK_MUTED,
              },
              String(year),
            )
          : '',
      );
    }),
  );
  const rows = sorted.map((event, i) => {
    const y = MARGIN.top + i * ROW + 14;
    const s = utc(event.start);
    const e = utc(event.end);
    if (e < s)
      throw new Error(
        `invalid event ${event.key}: ends ${event.end} before it starts ${event.start}`,
      );
    const cx = x(s);
    const color = event.emphasis ? ACCENT : categorical(0);
    const right = cx > width / 2;
    const textX = right ? cx - 10 : cx + 10;
    const room = right ? cx - 10 - MARGIN.left : width - MARGIN.right - cx - 10;
    return tag(
      'g',
      { class: 'event', 'data-key': event.key },
      tag('rect', {
        x: cx - 5,
        y: y - 5,
        width: Math.max(10, x(e) - cx + 10),
        height: 10,
        rx: 5,
        fill: color,
      }),
      textTag(
        'text',
        {
          x: textX,
          y: y - 6,
          'text-anchor': right ? 'end' : 'start',
          fill: INK,
          'font-weight': event.emphasis ? 700 : 600,
        },
        truncate(event.label, room),
      ),
      textTag(
        'text',
        {
          x: textX,
          y: y + 14,
          'text-anchor': right ? 'end' : 'start',
          fill: INK_MUTED,
          'font-size': 11,
        },
        truncate(event.detail, room, 11),
      ),
      textTag('title', {}, `${event.label}: ${event.detail}`),
    );
  });
  return svgRoot({ id, width, height, title, desc }, axis, ...rows);
}
