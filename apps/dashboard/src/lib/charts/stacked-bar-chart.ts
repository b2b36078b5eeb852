import { max, scaleLinear } from 'd3';
import { axisBottom } from './axis.js';
import { legend } from './legend.js';
import { INK, categorical } from './palette.js';
import { checkId, checkSize, emptyMessage, svgRoot, tag, textTag, textWidth } from './svg.js';

export interface StackedBar {
  key: string;
  label: string;
  /** One value per segment, in the order of `segments`; null when missing (the row says so). */
  values: readonly (number | null)[];
}

export interface StackedBarChartOptions {
  id: string;
  width: number;
  title: string;
  desc: string;
  /** Names of the parts, e.g. between and within provinces. */
  segments: readonly string[];
  bars: readonly StackedBar[];
  format: (value: number) => string;
  noDataMessage: string;
}

const ROW = 24;
const MARGIN = { top: 8, right: 56, bottom: 28 };

export function stackedBarChartHeight(
  bars: number,
  segments: readonly string[],
  width: number,
): number {
  const legendRows = Math.ceil(
    segments.reduce((sum, s) => sum + textWidth(s) + 44, 0) / Math.max(1, width - 80),
  );
  return MARGIN.top + legendRows * 18 + 8 + Math.max(1, bars) * ROW + MARGIN.bottom;
}

/**
 * Horizontal bars split into parts that add up to the whole: the Theil index split into its
 * between-group and within-group parts, one bar per year. Parts are non-negative.
 *
 * @example
 * ```ts
 * stackedBarChart({ id: 'theil', width: 640, title: 'Theil', desc: '...', segments: ['Between', 'Within'],
 *   bars: [{ key: '2024', label: '2024', values: [0.0001, 0.002] }], format: String, noDataMessage: 'None' });
 * ```
 */
export function stackedBarChart(options: StackedBarChartOptions): string {
  const { id, width, title, desc, bars, segments } = options;
  checkId(id);
  checkSize(width);
  const height = stackedBarChartHeight(bars.length, segments, width);
  for (const bar of bars) {
    if (bar.values.length !== segments.length) {
      throw new Error(
        `invalid bar ${bar.key}: ${bar.values.length} values for ${segments.length} segments`,
      );
    }
    for (const v of bar.values)
      if (v !== null && !(v >= 0)) throw new Error(`invalid value in bar ${bar.key}: ${v}`);
  }
  const totals = bars.map((b) => b.values.reduce<number>((sum, v) => sum + (v ?? 0), 0));
  if (bars.length === 0 || totals.every((t) => t === 0)) {
    return svgRoot(
      { id, width, height, title, desc },
      emptyMessage(width, height, options.noDataMessage),
    );
  }
  const left = Math.max(48, Math.max(...bars.map((b) => textWidth(b.label))) + 10);
  const legendBlock = legend(
    segments.map((s, i) => ({ label: s, color: categorical(i) })),
    left,
    MARGIN.top + 6,
    width - left - MARGIN.right,
  );
  const top = MARGIN.top + legendBlock.height + 8;
  const x = scaleLinear()
    .domain([0, max(totals)!])
    .nice(4)
    .range([left, width - MARGIN.right]);
  const bottom = top + bars.length * ROW;
  const rows = bars.map((bar, i) => {
    const y = top + i * ROW;
    let acc = 0;
    const rects = bar.values.map((v, j) => {
      if (v === null) return '';
      const r = tag(
        'rect',
        {
          x: x(acc),
          y: y + 3,
          width: Math.max(0, x(acc + v) - x(acc)),
          height: ROW - 6,
          fill: categorical(j),
        },
        textTag('title', {}, `${bar.label}, ${segments[j]}: ${options.format(v)}`),
      );
      acc += v;
      return r;
    });
    const missing = bar.values.some((v) => v === null);
    return tag(
      'g',
      { class: 'stack', 'data-key': bar.key },
      textTag(
        'text',
        { x: left - 6, y: y + ROW / 2, dy: '0.32em', 'text-anchor': 'end', fill: INK },
        bar.label,
      ),
      ...rects,
      textTag(
        'text',
        { x: x(acc) + 4, y: y + ROW / 2, dy: '0.32em', fill: INK },
        missing ? '–' : options.format(totals[i]!),
      ),
    );
  });
  return svgRoot(
    { id, width, height, title, desc },
    legendBlock.svg,
    axisBottom(x, bottom, {
      format: options.format,
      ticks: Math.max(2, Math.floor((width - left) / 90)),
      gridTop: top,
      x1: width - MARGIN.right,
    }),
    ...rows,
  );
}
