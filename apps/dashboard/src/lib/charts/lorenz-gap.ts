import { max, scaleLinear } from 'd3';
import { axisBottom, axisLeft } from './axis.js';
import type { LorenzPoint } from './lorenz-curve.js';
import { legend } from './legend.js';
import { INK, categorical, dash } from './palette.js';
import { checkId, checkSize, emptyMessage, polyline, svgRoot, tag, textTag } from './svg.js';

export interface LorenzGapOptions {
  id: string;
  width: number;
  height: number;
  title: string;
  desc: string;
  points: readonly LorenzPoint[];
  /** Shares (x axis) as text. */
  formatPercent: (share: number) => string;
  /** The gap (percentage points, 0-1) as text. */
  formatGap: (gap: number) => string;
  labels: {
    x: string;
    y: string;
    widest: string;
    /** The legend's name of `points` when `others` are drawn beside it ("Indonesia"). */
    own?: string;
  };
  noDataMessage: string;
  /**
   * Other regions' gaps drawn beside this one's as lines, each in its own colour and dash, with
   * a legend (the cross-filter's selected children).
   */
  others?: readonly { key: string; label: string; points: readonly LorenzPoint[] }[];
}

const MARGIN = { top: 24, right: 16, bottom: 44, left: 52 };

/**
 * The widest gap between equality and the Lorenz curve: where, and how wide. Its area is half
 * the Gini.
 *
 * @example
 * ```ts
 * widestLorenzGap([{ populationShare: 0, valueShare: 0 }, { populationShare: 0.5, valueShare: 0.4 },
 *   { populationShare: 1, valueShare: 1 }]); // { populationShare: 0.5, gap: 0.1 }
 * ```
 */
export function widestLorenzGap(
  points: readonly LorenzPoint[],
): { populationShare: number; gap: number } | null {
  let widest: { populationShare: number; gap: number } | null = null;
  for (const p of points) {
    const gap = p.populationShare - p.valueShare;
    if (!widest || gap > widest.gap) widest = { populationShare: p.populationShare, gap };
  }
  return widest;
}

/**
 * The Lorenz curve's distance from equality, p - L(p), on its own scale. At a Gini of 0.04 the
 * curve lies on the diagonal to the eye; this view draws the gap itself (its area is half the
 * Gini), so the picture matches the number: how much of the total the lowest share of villages
 * lacks, and where it lacks most.
 *
 * @example
 * ```ts
 * lorenzGap({ id: 'lorenz-gap', width: 400, height: 220, title: 'Gap', desc: '...', points,
 *   formatPercent: String, formatGap: String, labels: { x: 'Villages', y: 'Gap', widest: 'widest' },
 *   noDataMessage: 'No data' });
 * ```
 */
export function lorenzGap(options: LorenzGapOptions): string {
  const { id, width, height, title, desc } = options;
  checkId(id);
  checkSize(width, height);
  const points = [...options.points].sort((a, b) => a.populationShare - b.populationShare);
  const widest = widestLorenzGap(points);
  if (points.length < 2 || widest === null) {
    return svgRoot(
      { id, width, height, title, desc },
      emptyMessage(width, height, options.noDataMessage),
    );
  }
  const others = (options.others ?? [])
    .map((o) => ({
      ...o,
      points: [...o.points].sort((a, b) => a.populationShare - b.populationShare),
    }))
    .filter((o) => o.points.length >= 2);
  const key =
    others.length > 0
      ? legend(
          [
            { label: options.labels.own ?? title, color: categorical(0), line: { dash: null } },
            ...others.map((o, i) => ({
              label: o.label,
              color: categorical(i + 1),
              line: { dash: dash(i + 1) },
            })),
          ],
          MARGIN.left,
          4,
          width - MARGIN.left - MARGIN.right,
        )
      : { svg: '', height: 0 };
  const top = MARGIN.top + key.height;
  const bottom = height - MARGIN.bottom;
  const x = scaleLinear()
    .domain([0, 1])
    .range([MARGIN.left, width - MARGIN.right]);
  const highest = Math.max(
    max(points, (p) => p.populationShare - p.valueShare) ?? 0,
    ...others.map((o) => max(o.points, (p) => p.populationShare - p.valueShare) ?? 0),
  );
  const y = scaleLinear()
    .domain([0, highest > 0 ? highest * 1.15 : 0.01])
    .range([bottom, top])
    .nice(4);
  const line = points.map(
    (p) => [x(p.populationShare), y(p.populationShare - p.valueShare)] as const,
  );
  const area = `${polyline(line)}L${x(points.at(-1)!.populationShare)},${y(0)}L${x(points[0]!.populationShare)},${y(0)}Z`;
  const color = categorical(0);
  const wx = x(widest.populationShare);
  const wy = y(widest.gap);
  const anchor = widest.populationShare > 0.7 ? 'end' : 'start';
  return svgRoot(
    { id, width, height, title, desc },
    axisLeft(y, MARGIN.left, {
      format: options.formatGap,
      ticks: 4,
      gridRight: width - MARGIN.right,
      y0: top,
      label: options.labels.y,
    }),
    axisBottom(x, bottom, {
      format: options.formatPercent,
      values: [0, 0.25, 0.5, 0.75, 1],
      x1: width - MARGIN.right,
      label: options.labels.x,
    }),
    tag('path', {
      class: 'gap-area',
      d: area,
      fill: color,
      'fill-opacity': 0.2,
      'aria-hidden': 'true',
    }),
    tag('path', {
      class: 'gap',
      d: polyline(line),
      fill: 'none',
      stroke: color,
      'stroke-width': 2.5,
    }),
    key.svg,
    ...others.map((o, i) => {
      const w = widestLorenzGap(o.points);
      return tag(
        'path',
        {
          class: 'gap-other',
          'data-key': o.key,
          d: polyline(
            o.points.map(
              (p) => [x(p.populationShare), y(p.populationShare - p.valueShare)] as const,
            ),
          ),
          fill: 'none',
          stroke: categorical(i + 1),
          'stroke-width': 2,
          'stroke-dasharray': dash(i + 1),
        },
        textTag(
          'title',
          {},
          w
            ? `${o.label}: ${options.labels.widest} ${options.formatGap(w.gap)} (${options.formatPercent(w.populationShare)})`
            : o.label,
        ),
      );
    }),
    tag(
      'circle',
      { class: 'widest', cx: wx, cy: wy, r: 4, fill: color },
      textTag(
        'title',
        {},
        `${options.labels.widest}: ${options.formatGap(widest.gap)} (${options.formatPercent(widest.populationShare)})`,
      ),
    ),
    textTag(
      'text',
      {
        x: wx + (anchor === 'end' ? -8 : 8),
        y: wy - 6,
        'text-anchor': anchor,
        fill: INK,
        'font-size': 12,
      },
      `${options.labels.widest}: ${options.formatGap(widest.gap)}`,
    ),
  );
}
