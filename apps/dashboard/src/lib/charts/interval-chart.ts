import { min, max, scaleLinear } from 'd3';
import { axisBottom } from './axis.js';
import { ACCENT, INK, INK_MUTED, categorical } from './palette.js';
import {
  checkId,
  checkSize,
  emptyMessage,
  svgRoot,
  tag,
  textTag,
  textWidth,
  truncate,
} from './svg.js';

export interface Interval {
  key: string;
  label: string;
  estimate: number;
  /** 95% confidence interval. */
  low: number;
  high: number;
  /** The pooled estimate among its parts. */
  emphasis?: boolean;
}

export interface IntervalChartOptions {
  id: string;
  width: number;
  title: string;
  desc: string;
  intervals: readonly Interval[];
  format: (value: number) => string;
  xLabel: string;
  noDataMessage: string;
}

const ROW = 26;
const MARGIN = { top: 10, right: 20, bottom: 44 };

export function intervalChartHeight(rows: number): number {
  return MARGIN.top + Math.max(1, rows) * ROW + MARGIN.bottom;
}

/**
 * Estimates with their confidence intervals (a forest plot), against a zero line: an interval
 * that does not cross zero is an effect distinguishable from none.
 *
 * @example
 * ```ts
 * intervalChart({ id: 'impact', width: 640, title: 'Effect of mentoring', desc: '...',
 *   intervals: [{ key: 'all', label: 'All sectors', estimate: 0.05, low: 0.04, high: 0.06 }], format: String, xLabel: 'Effect', noDataMessage: 'None' });
 * ```
 */
export function intervalChart(options: IntervalChartOptions): string {
  const { id, width, title, desc, intervals } = options;
  checkId(id);
  checkSize(width);
  const height = intervalChartHeight(intervals.length);
  for (const iv of intervals) {
    if (
      ![iv.estimate, iv.low, iv.high].every(Number.isFinite) ||
      iv.low > iv.estimate ||
      iv.estimate > iv.high
    ) {
      throw new Error(
        `invalid interval ${iv.key}: ${iv.low} <= ${iv.estimate} <= ${iv.high} does not hold`,
      );
    }
  }
  if (intervals.length === 0) {
    return svgRoot(
      { id, width, height, title, desc },
      emptyMessage(width, height, options.noDataMessage),
    );
  }
  const left = Math.max(
    60,
    Math.min(width * 0.38, Math.max(...intervals.map((iv) => textWidth(iv.label))) + 10),
  );
  const lo = Math.min(
    0,
    min(intervals, (iv) => iv.low)!,
  );
  const hi = Math.max(
    0,
    max(intervals, (iv) => iv.high)!,
  );
  const x = scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .nice(4)
    .range([left, width - MARGIN.right]);
  const bottom = MARGIN.top + intervals.length * ROW;
  const rows = intervals.map((iv, i) => {
    const y = MARGIN.top + i * ROW + ROW / 2;
    const color = iv.emphasis ? ACCENT : categorical(0);
    return tag(
      'g',
      { class: 'interval', 'data-key': iv.key },
      textTag(
        'text',
        {
          x: left - 8,
          y,
          dy: '0.32em',
          'text-anchor': 'end',
          fill: INK,
          'font-weight': iv.emphasis ? 700 : null,
        },
        truncate(iv.label, left - 12),
      ),
      tag('line', {
        x1: x(iv.low),
        x2: x(iv.high),
        y1: y,
        y2: y,
        stroke: color,
        'stroke-width': 2.5,
      }),
      tag('line', {
        x1: x(iv.low),
        x2: x(iv.low),
        y1: y - 5,
        y2: y + 5,
        stroke: color,
        'stroke-width': 2,
      }),
      tag('line', {
        x1: x(iv.high),
        x2: x(iv.high),
        y1: y - 5,
        y2: y + 5,
        stroke: color,
        'stroke-width': 2,
      }),
      iv.emphasis
        ? tag('rect', {
            x: x(iv.estimate) - 6,
            y: y - 6,
            width: 12,
            height: 12,
            fill: color,
            transform: `rotate(45 ${Math.round(x(iv.estimate) * 100) / 100} ${y})`,
          })
        : tag('circle', { cx: x(iv.estimate), cy: y, r: 5, fill: color }),
      textTag(
        'title',
        {},
        `${iv.label}: ${options.format(iv.estimate)} [${options.format(iv.low)}, ${options.format(iv.high)}]`,
      ),
    );
  });
  return svgRoot(
    { id, width, height, title, desc },
    axisBottom(x, bottom, {
      format: options.format,
      ticks: Math.max(2, Math.floor((width - left) / 80)),
      gridTop: MARGIN.top,
      x1: width - MARGIN.right,
      label: options.xLabel,
    }),
    tag('line', {
      class: 'zero',
      x1: x(0),
      x2: x(0),
      y1: MARGIN.top,
      y2: bottom,
      stroke: INK_MUTED,
      'stroke-width': 1.5,
      'aria-hidden': 'true',
    }),
    ...rows,
  );
}
