import { extent, scaleLinear, scaleLog } from 'd3';
import { axisBottom, axisLeft } from './axis.js';
import { legend } from './legend.js';
import { ACCENT, INK_MUTED, categorical } from './palette.js';
import { checkId, checkSize, emptyMessage, polyline, svgRoot, tag, textTag } from './svg.js';

export interface ScatterPoint {
  key: string;
  label: string;
  x: number;
  y: number;
  href?: string;
}

export interface ScatterPlotOptions {
  id: string;
  width: number;
  height: number;
  title: string;
  desc: string;
  points: readonly ScatterPoint[];
  /**
   * `log`: x on a log scale (positive values only), as in beta convergence where growth is
   * regressed on ln(initial level); the fit is then y = intercept + slope ln(x), a straight line.
   */
  xType?: 'linear' | 'log';
  /** The fitted line y = intercept + slope x (or slope ln x), drawn across the x range. */
  fit?: { slope: number; intercept: number; label: string } | null;
  formatX: (value: number) => string;
  formatY: (value: number) => string;
  xLabel: string;
  yLabel: string;
  pointsLabel: string;
  noDataMessage: string;
}

const MARGIN = { top: 10, right: 16, bottom: 44, left: 56 };

/**
 * Points with a fitted line: initial level against growth for beta convergence. A falling line
 * (laggards grow faster) is convergence. Points with `href` are links.
 *
 * @example
 * ```ts
 * scatterPlot({ id: 'beta', width: 640, height: 320, title: 'Beta convergence', desc: '...',
 *   points: [{ key: '35', label: 'Jawa Timur', x: 3.4, y: 0.02 }], fit: { slope: -0.05, intercept: 0.2, label: 'Fit' }, ... });
 * ```
 */
export function scatterPlot(options: ScatterPlotOptions): string {
  const { id, width, height, title, desc, points } = options;
  checkId(id);
  checkSize(width, height);
  const log = options.xType === 'log';
  const valid = points.filter(
    (p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!log || p.x > 0),
  );
  if (valid.length === 0) {
    return svgRoot(
      { id, width, height, title, desc },
      emptyMessage(width, height, options.noDataMessage),
    );
  }
  const items = [{ label: options.pointsLabel, color: categorical(0) }];
  if (options.fit) items.push({ label: options.fit.label, color: ACCENT });
  const legendBlock = legend(
    items.map((item, i) => (i === 1 ? { ...item, line: { dash: null } } : item)),
    MARGIN.left,
    MARGIN.top + 6,
    width - MARGIN.left - MARGIN.right,
  );
  const top = MARGIN.top + legendBlock.height + 18;
  const pad = (lo: number, hi: number): [number, number] => {
    const d = hi === lo ? Math.max(Math.abs(hi) * 0.1, 0.01) : (hi - lo) * 0.08;
    return [lo - d, hi + d];
  };
  const [x0, x1] = extent(valid, (p) => p.x) as [number, number];
  const [y0, y1] = extent(valid, (p) => p.y) as [number, number];
  const x = (log ? scaleLog() : scaleLinear())
    .domain(
      log ? [x0 === x1 ? x0 * 0.9 : x0 * 0.98, x0 === x1 ? x1 * 1.1 : x1 * 1.02] : pad(x0, x1),
    )
    .range([MARGIN.left, width - MARGIN.right]);
  if (!log) x.nice(5);
  const fx = (v: number) => (log ? Math.log(v) : v);
  const y = scaleLinear()
    .domain(pad(Math.min(y0, 0), Math.max(y1, 0)))
    .nice(5)
    .range([height - MARGIN.bottom, top]);

  const dots = valid.map((p) => {
    const dot = tag(
      'circle',
      {
        cx: x(p.x),
        cy: y(p.y),
        r: 4.5,
        fill: categorical(0),
        'fill-opacity': 0.7,
        stroke: '#ffffff',
        'stroke-width': 1,
      },
      textTag('title', {}, `${p.label}: ${options.formatX(p.x)}, ${options.formatY(p.y)}`),
    );
    return p.href
      ? tag(
          'a',
          {
            href: p.href,
            'aria-label': `${p.label}: ${options.formatX(p.x)}, ${options.formatY(p.y)}`,
          },
          dot,
        )
      : dot;
  });
  const parts = [
    legendBlock.svg,
    axisLeft(y, MARGIN.left, {
      format: options.formatY,
      ticks: 5,
      gridRight: width - MARGIN.right,
      y0: top,
      label: options.yLabel,
    }),
    axisBottom(x, height - MARGIN.bottom, {
      format: options.formatX,
      ticks: Math.max(2, Math.floor(width / 100)),
      x1: width - MARGIN.right,
      label: options.xLabel,
    }),
    tag('line', {
      class: 'zero',
      x1: MARGIN.left,
      x2: width - MARGIN.right,
      y1: y(0),
      y2: y(0),
      stroke: INK_MUTED,
      'stroke-width': 1,
      'aria-hidden': 'true',
    }),
    tag('g', { class: 'points' }, ...dots),
  ];
  if (options.fit) {
    const [fx0, fx1] = x.domain() as [number, number];
    const line = [fx0, fx1].map(
      (v) => [x(v), y(options.fit!.intercept + options.fit!.slope * fx(v))] as const,
    );
    parts.push(
      tag('path', {
        class: 'fit',
        d: polyline(line),
        stroke: ACCENT,
        'stroke-width': 2.5,
        fill: 'none',
        'clip-path': `url(#${id}-clip)`,
      }),
    );
    parts.unshift(
      tag(
        'clipPath',
        { id: `${id}-clip` },
        tag('rect', {
          x: MARGIN.left,
          y: top,
          width: width - MARGIN.left - MARGIN.right,
          height: height - MARGIN.bottom - top,
        }),
      ),
    );
  }
  return svgRoot(
    { id, width, height, title, desc, interactive: valid.some((p) => p.href) },
    ...parts,
  );
}
