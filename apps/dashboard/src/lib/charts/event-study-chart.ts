import { max, min, scaleLinear } from 'd3';
import { axisBottom, axisLeft } from './axis.js';
import { INK, INK_MUTED, categorical } from './palette.js';
import { checkId, checkSize, emptyMessage, svgRoot, tag, textTag } from './svg.js';

/** One event time of an event study: its estimate and 95 % interval. */
export interface EventStudyPoint {
  /** Years from the first event (an integer): negative for a placebo before it. */
  eventTime: number;
  estimate: number;
  low: number;
  high: number;
}

export interface EventStudyChartOptions {
  id: string;
  width: number;
  title: string;
  desc: string;
  points: readonly EventStudyPoint[];
  /** The event time every estimate is measured from (drawn as a hollow point at 0). */
  baseEventTime: number;
  /** Formats an estimate (the y axis). */
  format: (value: number) => string;
  /** Labels an event time on the x axis, e.g. `k => k > 0 ? `+${k}` : String(k)`. */
  formatEventTime: (eventTime: number) => string;
  xLabel: string;
  yLabel: string;
  /** Written beside the dashed line at the event. */
  eventLabel: string;
  /** Tooltip of the base point. */
  baseLabel: string;
  noDataMessage: string;
}

const HEIGHT = 300;
const MARGIN = { top: 24, right: 20, bottom: 44, left: 64 };

const round = (v: number) => Math.round(v * 100) / 100;

/**
 * An event study: the estimate at each event time with its 95 % interval as a whisker, against a
 * zero line, with a dashed line where the event begins (between the base year and the event year)
 * and the base year as a hollow point at 0 (every estimate is a change from it). Placebo years
 * (before the event) are drawn muted: there an interval that misses 0 is a warning, after it an
 * effect.
 *
 * @example
 * ```ts
 * eventStudyChart({ id: 'event-study', width: 640, title: 'Effect by year', desc: '...',
 *   points: [{ eventTime: -2, estimate: 0, low: -0.01, high: 0.01 }, { eventTime: 1, estimate: 0.15, low: 0.14, high: 0.16 }],
 *   baseEventTime: -1, format: (v) => v.toFixed(2), formatEventTime: String, xLabel: 'Years since mentoring',
 *   yLabel: 'Extra change', eventLabel: 'First mentoring', baseLabel: 'Base year', noDataMessage: 'None' });
 * ```
 */
export function eventStudyChart(options: EventStudyChartOptions): string {
  const { id, width, title, desc, points, baseEventTime } = options;
  checkId(id);
  checkSize(width);
  const height = HEIGHT;
  const seen = new Set<number>();
  for (const p of points) {
    if (!Number.isInteger(p.eventTime) || seen.has(p.eventTime) || p.eventTime === baseEventTime) {
      throw new Error(`invalid event time: ${p.eventTime}`);
    }
    seen.add(p.eventTime);
    if (
      ![p.estimate, p.low, p.high].every(Number.isFinite) ||
      p.low > p.estimate ||
      p.estimate > p.high
    ) {
      throw new Error(
        `invalid interval at event time ${p.eventTime}: ${p.low} <= ${p.estimate} <= ${p.high} does not hold`,
      );
    }
  }
  if (points.length === 0) {
    return svgRoot(
      { id, width, height, title, desc },
      emptyMessage(width, height, options.noDataMessage),
    );
  }
  const first = Math.min(
    baseEventTime,
    min(points, (p) => p.eventTime)!,
  );
  const last = Math.max(
    baseEventTime,
    max(points, (p) => p.eventTime)!,
  );
  const x = scaleLinear()
    .domain([first - 0.5, last + 0.5])
    .range([MARGIN.left, width - MARGIN.right]);
  const lo = Math.min(
    0,
    min(points, (p) => p.low)!,
  );
  const hi = Math.max(
    0,
    max(points, (p) => p.high)!,
  );
  const y = scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .nice(5)
    .range([height - MARGIN.bottom, MARGIN.top]);
  const bottom = height - MARGIN.bottom;
  const eventX = round(x(baseEventTime + 0.5));
  const ticks = Array.from({ length: last - first + 1 }, (_, i) => first + i);

  const marks = points.map((p) => {
    const cx = round(x(p.eventTime));
    const color = p.eventTime < baseEventTime + 1 ? INK_MUTED : categorical(0);
    const cap = (v: number) =>
      tag('line', {
        x1: cx - 5,
        x2: cx + 5,
        y1: round(y(v)),
        y2: round(y(v)),
        stroke: color,
        'stroke-width': 2,
      });
    return tag(
      'g',
      {
        class: p.eventTime < baseEventTime ? 'event-time placebo' : 'event-time',
        'data-k': p.eventTime,
      },
      tag('line', {
        x1: cx,
        x2: cx,
        y1: round(y(p.low)),
        y2: round(y(p.high)),
        stroke: color,
        'stroke-width': 2.5,
      }),
      cap(p.low),
      cap(p.high),
      tag('circle', { cx, cy: round(y(p.estimate)), r: 5, fill: color }),
      textTag(
        'title',
        {},
        `${options.formatEventTime(p.eventTime)}: ${options.format(p.estimate)} [${options.format(p.low)}, ${options.format(p.high)}]`,
      ),
    );
  });
  const baseX = round(x(baseEventTime));
  return svgRoot(
    { id, width, height, title, desc },
    axisLeft(y, MARGIN.left, {
      format: options.format,
      ticks: 5,
      gridRight: width - MARGIN.right,
      y0: MARGIN.top,
      label: options.yLabel,
    }),
    axisBottom(x, bottom, {
      format: options.formatEventTime,
      values: ticks,
      x1: width - MARGIN.right,
      label: options.xLabel,
    }),
    tag('line', {
      class: 'zero',
      x1: MARGIN.left,
      x2: width - MARGIN.right,
      y1: round(y(0)),
      y2: round(y(0)),
      stroke: INK_MUTED,
      'stroke-width': 1.5,
      'aria-hidden': 'true',
    }),
    tag(
      'g',
      { class: 'event', 'aria-hidden': 'true' },
      tag('line', {
        x1: eventX,
        x2: eventX,
        y1: MARGIN.top,
        y2: bottom,
        stroke: INK,
        'stroke-width': 1,
        'stroke-dasharray': '5 4',
      }),
      textTag(
        'text',
        { x: eventX + 4, y: MARGIN.top + 10, fill: INK, 'text-anchor': 'start' },
        options.eventLabel,
      ),
    ),
    tag(
      'g',
      { class: 'base' },
      tag('circle', {
        cx: baseX,
        cy: round(y(0)),
        r: 4.5,
        fill: 'white',
        stroke: INK_MUTED,
        'stroke-width': 1.5,
      }),
      textTag('title', {}, options.baseLabel),
    ),
    ...marks,
  );
}
