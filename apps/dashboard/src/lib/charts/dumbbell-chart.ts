import { max, min, scaleLinear } from 'd3';
import { axisBottom } from './axis.js';
import { legend } from './legend.js';
import { ACCENT, INK, INK_MUTED, categorical } from './palette.js';
import {
  checkId,
  checkSize,
  emptyMessage,
  escapeXml,
  svgRoot,
  tag,
  textTag,
  textWidth,
  truncate,
} from './svg.js';

export interface Dumbbell {
  key: string;
  label: string;
  from: number | null;
  to: number | null;
  href?: string;
  /** Moved against the scope's trend: drawn in the accent colour and named in the legend. */
  against?: boolean;
}

export interface DumbbellChartOptions {
  id: string;
  width: number;
  title: string;
  desc: string;
  rows: readonly Dumbbell[];
  /** The x domain; default the values' extent. */
  domain?: readonly [number, number];
  format: (value: number) => string;
  /** Legend words: the two years, and the rows that went against the trend. */
  labels: { from: string; to: string; against: string };
  noDataMessage: string;
}

const ROW = 22;
const MARGIN = { top: 8, right: 16, bottom: 28 };

/** The height of a dumbbell chart of `rows` rows (with its legend). */
export function dumbbellChartHeight(rows: number): number {
  return MARGIN.top + 24 + Math.max(1, rows) * ROW + MARGIN.bottom;
}

/**
 * Each child region from one year to another: a hollow dot at the earlier value, a filled dot at
 * the later, joined; rows in the given order (sort before), each a link with `href`. A row that
 * moved against the scope's trend is drawn in the accent colour. A row with one year only shows
 * that dot.
 *
 * @example
 * ```ts
 * dumbbellChart({ id: 'districts', width: 640, title: '2021 to 2024', desc: '...', format: String,
 *   rows: [{ key: '35.05.01', label: 'Bakung', from: 3.3, to: 3.5 }],
 *   labels: { from: '2021', to: '2024', against: 'against the trend' }, noDataMessage: 'No data' });
 * ```
 */
export function dumbbellChart(options: DumbbellChartOptions): string {
  const { id, width, title, desc, rows } = options;
  checkId(id);
  checkSize(width);
  const height = dumbbellChartHeight(rows.length);
  const values = rows.flatMap((r) => [r.from, r.to]).filter((v): v is number => v !== null);
  if (values.length === 0) {
    return svgRoot(
      { id, width, height, title, desc },
      emptyMessage(width, height, options.noDataMessage),
    );
  }
  const labelWidth = Math.min(width * 0.35, Math.max(...rows.map((r) => textWidth(r.label))) + 8);
  const left = Math.max(60, labelWidth);
  const color = categorical(0);
  const legendBlock = legend(
    [
      {
        label: options.labels.from,
        color: INK_MUTED,
        line: { dash: null, width: 1 },
        marker: 'open',
      },
      { label: options.labels.to, color, line: { dash: null } },
      ...(rows.some((r) => r.against) ? [{ label: options.labels.against, color: ACCENT }] : []),
    ],
    left,
    MARGIN.top + 6,
    width - left - MARGIN.right,
  );
  const top = MARGIN.top + 24;
  const [lo, hi] = options.domain ?? [min(values)!, max(values)!];
  const pad = hi === lo ? 0.5 : (hi - lo) * 0.05;
  const x = scaleLinear()
    .domain(options.domain ? [lo, hi] : [lo - pad, hi + pad])
    .range([left, width - MARGIN.right])
    .nice(5);
  const bottom = top + rows.length * ROW;
  const marks = rows.map((r, i) => {
    const y = top + i * ROW + ROW / 2;
    const stroke = r.against ? ACCENT : color;
    const change =
      r.from !== null && r.to !== null
        ? ` (${r.to - r.from > 0 ? '+' : ''}${options.format(r.to - r.from)})`
        : '';
    const text = `${r.label}: ${r.from === null ? '–' : options.format(r.from)} → ${r.to === null ? '–' : options.format(r.to)}${change}`;
    const label = truncate(r.label, left - 10);
    const body = [
      tag(
        'text',
        { x: left - 6, y, dy: '0.32em', 'text-anchor': 'end', fill: INK },
        escapeXml(label),
        ...(label === r.label ? [] : [textTag('title', {}, r.label)]),
      ),
      r.from !== null && r.to !== null
        ? tag('line', { x1: x(r.from), x2: x(r.to), y1: y, y2: y, stroke, 'stroke-width': 2.5 })
        : '',
      r.from === null
        ? ''
        : tag('circle', {
            class: 'from',
            cx: x(r.from),
            cy: y,
            r: 4.5,
            fill: '#ffffff',
            stroke: INK_MUTED,
            'stroke-width': 2,
          }),
      r.to === null ? '' : tag('circle', { class: 'to', cx: x(r.to), cy: y, r: 5, fill: stroke }),
      textTag('title', {}, text),
    ];
    const g = tag('g', { class: r.against ? 'row against' : 'row', 'data-key': r.key }, ...body);
    return r.href ? tag('a', { href: r.href, 'aria-label': text, class: 'row-link' }, g) : g;
  });
  return svgRoot(
    { id, width, height, title, desc },
    legendBlock.svg,
    axisBottom(x, bottom, {
      format: options.format,
      ticks: Math.max(2, Math.floor((width - left) / 80)),
      gridTop: top,
      x1: width - MARGIN.right,
    }),
    ...marks,
  );
}
