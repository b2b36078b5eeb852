import { scaleLinear } from 'd3';
import { axisBottom, axisLeft } from './axis.js';
import { legend } from './legend.js';
import { INK_MUTED, categorical } from './palette.js';
import { checkId, checkSize, emptyMessage, polyline, svgRoot, tag, textTag } from './svg.js';

export interface LorenzPoint {
  /** Cumulative share of villages, poorest first, 0-1. */
  populationShare: number;
  /** Cumulative share of the total value they hold, 0-1. */
  valueShare: number;
}

export interface LorenzCurveOptions {
  id: string;
  width: number;
  title: string;
  desc: string;
  points: readonly LorenzPoint[];
  gini: number | null;
  formatPercent: (share: number) => string;
  formatGini: (gini: number) => string;
  labels: { curve: string; equality: string; x: string; y: string; gini: string };
  noDataMessage: string;
}

const MARGIN = { top: 10, right: 16, bottom: 44, left: 48 };

/** A square plot plus the legend; the height follows from the width. */
export function lorenzCurveHeight(width: number): number {
  return Math.round(
    Math.min(width, 520) - MARGIN.left - MARGIN.right + MARGIN.top + MARGIN.bottom + 42,
  );
}

/**
 * The Lorenz curve of the villages' values: the cumulative share of the total held by the lowest
 * x% of villages, against the diagonal of perfect equality; the area between them is shaded and
 * the Gini (twice that area) is written inside.
 *
 * @example
 * ```ts
 * lorenzCurve({ id: 'lorenz', width: 400, title: 'Lorenz', desc: '...', gini: 0.04,
 *   points: [{ populationShare: 0, valueShare: 0 }, { populationShare: 1, valueShare: 1 }], ... });
 * ```
 */
export function lorenzCurve(options: LorenzCurveOptions): string {
  const { id, width, title, desc, points } = options;
  checkId(id);
  checkSize(width);
  const height = lorenzCurveHeight(width);
  for (const p of points) {
    if (!(
      p.populationShare >= 0 &&
      p.populationShare <= 1 &&
      p.valueShare >= 0 &&
      p.valueShare <= 1
    )) {
      throw new Error(`invalid Lorenz point: (${p.populationShare}, ${p.valueShare})`);
    }
  }
  if (points.length < 2) {
    return svgRoot(
      { id, width, height, title, desc },
      emptyMessage(width, height, options.noDataMessage),
    );
  }

  const color = categorical(0);
  const legendBlock = legend(
    [
      { label: options.labels.curve, color, line: { dash: null } },
      { label: options.labels.equality, color: INK_MUTED, line: { dash: '4 4', width: 1.5 } },
    ],
    MARGIN.left,
    MARGIN.top + 6,
    width - MARGIN.left - MARGIN.right,
  );
  const top = MARGIN.top + legendBlock.height + 22;
  const side = Math.min(width - MARGIN.left - MARGIN.right, height - top - MARGIN.bottom);
  const x = scaleLinear()
    .domain([0, 1])
    .range([MARGIN.left, MARGIN.left + side]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([top + side, top]);
  const sorted = [...points].sort((a, b) => a.populationShare - b.populationShare);
  const curve = sorted.map((p) => [x(p.populationShare), y(p.valueShare)] as const);
  const area = `${polyline(curve)}L${x(1)},${y(1)}L${x(0)},${y(0)}Z`;
  const ticks = [0, 0.25, 0.5, 0.75, 1];

  return svgRoot(
    { id, width, height, title, desc },
    legendBlock.svg,
    axisLeft(y, MARGIN.left, {
      format: options.formatPercent,
      values: ticks,
      gridRight: MARGIN.left + side,
      y0: top,
    }),
    axisBottom(x, top + side, {
      format: options.formatPercent,
      values: ticks,
      gridTop: top,
      x1: MARGIN.left + side,
      label: options.labels.x,
    }),
    tag('path', {
      class: 'lorenz-area',
      d: area,
      fill: color,
      'fill-opacity': 0.15,
      'aria-hidden': 'true',
    }),
    tag('line', {
      class: 'equality',
      x1: x(0),
      y1: y(0),
      x2: x(1),
      y2: y(1),
      stroke: INK_MUTED,
      'stroke-width': 1.5,
      'stroke-dasharray': '4 4',
    }),
    tag('path', {
      class: 'lorenz',
      d: polyline(curve),
      fill: 'none',
      stroke: color,
      'stroke-width': 2.5,
    }),
    options.gini === null
      ? ''
      : textTag(
          'text',
          {
            x: x(0.62),
            y: y(0.38),
            'text-anchor': 'middle',
            class: 'gini',
            fill: color,
            'font-weight': 600,
          },
          `${options.labels.gini} ${options.formatGini(options.gini)}`,
        ),
    textTag(
      'text',
      {
        x: MARGIN.left - 6,
        y: top - 4,
        fill: INK_MUTED,
        'font-size': 11,
        'text-anchor': 'start',
        class: 'axis-label',
      },
      options.labels.y,
    ),
  );
}
