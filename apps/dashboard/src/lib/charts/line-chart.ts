import { extent, max, min, scaleLinear } from 'd3';
import { axisBottom, axisLeft } from './axis.js';
import { legend, type LegendItem } from './legend.js';
import { INK, INK_MUTED, categorical, dash } from './palette.js';
import { checkId, checkSize, emptyMessage, polyline, svgRoot, tag, textTag } from './svg.js';

export interface LinePoint {
  x: number;
  /** null: no value that year; the line breaks there rather than bridging the gap. */
  y: number | null;
  /**
   * A partial year (few villages have a value): drawn as an open marker, joined to its
   * neighbours only by a thin dotted segment, never by the series' line.
   */
  partial?: boolean;
}

export interface LineSeries {
  key: string;
  label: string;
  points: readonly LinePoint[];
  /** Drawn thicker, on top: the series the page is about. */
  emphasis?: boolean;
}

export interface LineBand {
  label: string;
  points: readonly { x: number; y0: number; y1: number }[];
}

export interface LineChartOptions {
  id: string;
  width: number;
  height: number;
  title: string;
  desc: string;
  series: readonly LineSeries[];
  /** A shaded range behind the lines (p10-p90). */
  band?: LineBand;
  /** A horizontal reference line (the "lagging" threshold). */
  threshold?: { value: number; label: string };
  /** Legend label of partial points ({@link LinePoint.partial}); required when there are some. */
  partialLabel?: string;
  /**
   * Years whose values are extrapolated, not measured (the synthetic data beyond the last
   * published ILD year): their span is shaded and labelled. Only these years: an imported year
   * after them is not.
   */
  extrapolated?: { years: readonly number[]; label: string };
  /** A dashed extrapolation, e.g. the trend of the share below the threshold to zero. */
  projection?: { label: string; from: { x: number; y: number }; to: { x: number; y: number } };
  /** The y domain; default the data's extent with some air, clamped to `yClamp`. */
  yDomain?: readonly [number, number];
  /** Limits the automatic y domain never crosses (the measure's scale). */
  yClamp?: readonly [number, number];
  formatY: (value: number) => string;
  /** Tick labels of x; default the value as is (years). */
  formatX?: (value: number) => string;
  xLabel?: string;
  yLabel?: string;
  noDataMessage: string;
}

const MARGIN = { top: 10, right: 16, bottom: 28, left: 48 };
/** The dotted segment that leads to a partial year: thin, so it never reads as the line. */
const PARTIAL_LINE = { dash: '1 3', width: 1.5 } as const;

/**
 * Lines over the years, one per series, with an optional band (p10-p90), threshold and
 * projection. A missing year breaks the line; a lone year shows as a dot; a partial year is an
 * open marker on a dotted segment, named in the legend; extrapolated years are shaded and
 * labelled. Series differ by colour and dash, and the legend names them.
 *
 * @example
 * ```ts
 * lineChart({ id: 'trend', width: 640, height: 280, title: 'Skills index', desc: '...',
 *   series: [{ key: 'mean', label: 'Mean', points: [{ x: 2020, y: 3.46 }, { x: 2021, y: 3.49 }] }],
 *   formatY: String, noDataMessage: 'No data' });
 * ```
 */
export function lineChart(options: LineChartOptions): string {
  const { id, width, height, title, desc, series } = options;
  checkId(id);
  checkSize(width, height);
  const formatX = options.formatX ?? ((x: number) => String(x));

  const defined = series.flatMap((s) =>
    s.points.filter((p): p is { x: number; y: number } => p.y !== null && Number.isFinite(p.y)),
  );
  const bandPoints = options.band?.points ?? [];
  if (defined.length === 0 && bandPoints.length === 0) {
    return svgRoot(
      { id, width, height, title, desc },
      emptyMessage(width, height, options.noDataMessage),
    );
  }

  const hasPartial = series.some((s) => s.points.some((p) => p.partial && p.y !== null));
  if (hasPartial && !options.partialLabel) throw new Error('partial points need a partialLabel');
  const items: LegendItem[] = series.map((s, i) => ({
    label: s.label,
    color: categorical(i),
    line: { dash: dash(i), width: s.emphasis ? 3.5 : 2 },
  }));
  if (options.band) items.push({ label: options.band.label, color: categorical(0), band: true });
  if (options.threshold)
    items.push({ label: options.threshold.label, color: INK, line: { dash: '4 4', width: 1.5 } });
  if (hasPartial && options.partialLabel)
    items.push({
      label: options.partialLabel,
      color: INK_MUTED,
      line: PARTIAL_LINE,
      marker: 'open',
    });
  if (options.projection)
    items.push({
      label: options.projection.label,
      color: INK_MUTED,
      line: { dash: '2 4', width: 1.5 },
    });
  const legendBlock = legend(
    items,
    MARGIN.left,
    MARGIN.top + 6,
    width - MARGIN.left - MARGIN.right,
  );
  const top = MARGIN.top + legendBlock.height + (options.yLabel ? 18 : 6);
  const bottom = height - MARGIN.bottom - (options.xLabel ? 14 : 0);
  if (bottom - top < 40) throw new Error(`invalid height: ${height} (too small for the legend)`);

  const xs = [
    ...defined.map((p) => p.x),
    ...bandPoints.map((p) => p.x),
    ...(options.projection ? [options.projection.from.x, options.projection.to.x] : []),
  ];
  const [x0, x1] = extent(xs) as [number, number];
  const x = scaleLinear()
    .domain(x0 === x1 ? [x0 - 1, x1 + 1] : [x0, x1])
    .range([MARGIN.left + 8, width - MARGIN.right - 8]);

  const ys = [
    ...defined.map((p) => p.y),
    ...bandPoints.flatMap((p) => [p.y0, p.y1]),
    ...(options.threshold ? [options.threshold.value] : []),
    ...(options.projection ? [options.projection.from.y, options.projection.to.y] : []),
  ];
  const y = scaleLinear().range([bottom, top]);
  if (options.yDomain) {
    y.domain(options.yDomain);
  } else {
    const lo = min(ys)!;
    const hi = max(ys)!;
    const pad = hi === lo ? Math.max(Math.abs(hi) * 0.1, 0.5) : (hi - lo) * 0.1;
    const clamp = options.yClamp ?? [-Infinity, Infinity];
    y.domain([Math.max(clamp[0], lo - pad), Math.min(clamp[1], hi + pad)]).nice(5);
  }

  // Years are integers: tick every year when they fit, else let d3 thin them out.
  const span = x.domain()[1]! - x.domain()[0]!;
  const integerX = xs.every(Number.isInteger);
  const xTicks =
    integerX && span <= (width - MARGIN.left) / 44
      ? Array.from(
          { length: Math.floor(span) + 1 },
          (_, i) => Math.ceil(x.domain()[0]!) + i,
        ).filter((v) => v <= x.domain()[1]!)
      : x
          .ticks(Math.max(2, Math.floor(width / 90)))
          .filter((v) => !integerX || Number.isInteger(v));

  const parts: string[] = [
    legendBlock.svg,
    axisLeft(y, MARGIN.left, {
      format: options.formatY,
      ticks: 5,
      gridRight: width - MARGIN.right,
      y0: top,
      ...(options.yLabel ? { label: options.yLabel } : {}),
    }),
    axisBottom(x, bottom, {
      format: formatX,
      values: xTicks,
      x1: width - MARGIN.right,
      ...(options.xLabel ? { label: options.xLabel } : {}),
    }),
  ];

  if (options.extrapolated) {
    const { years, label } = options.extrapolated;
    const [d0, d1] = x.domain() as [number, number];
    const shown = years.filter((year) => year >= d0 && year <= d1);
    if (shown.length > 0) {
      // Half a year either side, so the first and last extrapolated markers sit inside the zone.
      const from = x(Math.max(d0, Math.min(...shown) - 0.5));
      const to = Math.min(width - MARGIN.right, x(Math.max(...shown) + 0.5));
      parts.push(
        tag(
          'g',
          { class: 'extrapolated', 'data-years': shown.join(' ') },
          tag('rect', {
            x: from,
            y: top,
            width: Math.max(0, to - from),
            height: bottom - top,
            fill: INK_MUTED,
            'fill-opacity': 0.08,
          }),
          textTag(
            'text',
            { x: to - 4, y: top + 12, 'text-anchor': 'end', fill: INK_MUTED, 'font-size': 11 },
            label,
          ),
        ),
      );
    }
  }

  if (options.band && bandPoints.length > 0) {
    const sorted = [...bandPoints].sort((a, b) => a.x - b.x);
    const upper = sorted.map((p) => [x(p.x), y(p.y1)] as const);
    const lower = sorted.map((p) => [x(p.x), y(p.y0)] as const).reverse();
    parts.push(
      tag('path', {
        class: 'band',
        d: `${polyline([...upper, ...lower])}Z`,
        fill: categorical(0),
        'fill-opacity': 0.15,
        'aria-hidden': 'true',
      }),
    );
  }

  if (options.threshold) {
    const ty = y(options.threshold.value);
    parts.push(
      tag('line', {
        class: 'threshold',
        x1: MARGIN.left,
        x2: width - MARGIN.right,
        y1: ty,
        y2: ty,
        stroke: INK,
        'stroke-width': 1.5,
        'stroke-dasharray': '4 4',
        'aria-hidden': 'true',
      }),
    );
  }

  if (options.projection) {
    const { from, to } = options.projection;
    parts.push(
      tag('path', {
        class: 'projection',
        d: polyline([
          [x(from.x), y(from.y)],
          [x(to.x), y(to.y)],
        ]),
        stroke: INK_MUTED,
        'stroke-width': 1.5,
        'stroke-dasharray': '2 4',
        fill: 'none',
        'aria-hidden': 'true',
      }),
    );
  }

  // Emphasised series first, underneath: they are drawn wider, so a thin series on the same
  // values (a median beside its mean) stays visible on top of them instead of hidden below.
  const order = series
    .map((s, i) => ({ s, i }))
    .sort((a, b) => Number(b.s.emphasis ?? false) - Number(a.s.emphasis ?? false));
  for (const { s, i } of order) {
    const color = categorical(i);
    const points = [...s.points].sort((a, b) => a.x - b.x);
    // The series' line joins complete years only: a missing year breaks it, and a partial one
    // breaks it too (its value is of a few villages), reached by a dotted segment instead.
    const runs: (readonly [number, number])[][] = [];
    const dotted: (readonly [number, number])[][] = [];
    let run: (readonly [number, number])[] = [];
    let previous: { x: number; y: number; partial: boolean } | null = null;
    for (const p of points) {
      if (p.y === null || !Number.isFinite(p.y)) {
        if (run.length > 0) runs.push(run);
        run = [];
        previous = null;
        continue;
      }
      const partial = p.partial === true;
      if (partial) {
        if (run.length > 0) runs.push(run);
        run = [];
      } else {
        run.push([x(p.x), y(p.y)]);
      }
      if (previous && (partial || previous.partial)) {
        dotted.push([
          [x(previous.x), y(previous.y)],
          [x(p.x), y(p.y)],
        ]);
      }
      previous = { x: p.x, y: p.y, partial };
    }
    if (run.length > 0) runs.push(run);
    const path = runs
      .filter((r) => r.length > 1)
      .map(polyline)
      .join('');
    const dots = points
      .filter((p): p is LinePoint & { y: number } => p.y !== null && Number.isFinite(p.y))
      .map((p) =>
        p.partial
          ? tag(
              'circle',
              {
                class: 'partial',
                cx: x(p.x),
                cy: y(p.y),
                r: s.emphasis ? 4.5 : 3.5,
                fill: '#ffffff',
                stroke: color,
                'stroke-width': 2,
              },
              textTag(
                'title',
                {},
                `${s.label}, ${formatX(p.x)} (${options.partialLabel ?? ''}): ${options.formatY(p.y)}`,
              ),
            )
          : tag(
              'circle',
              { cx: x(p.x), cy: y(p.y), r: s.emphasis ? 3.5 : 2.5, fill: color },
              textTag('title', {}, `${s.label}, ${formatX(p.x)}: ${options.formatY(p.y)}`),
            ),
      );
    const partialPath = dotted.map(polyline).join('');
    parts.push(
      tag(
        'g',
        { class: 'series', 'data-key': s.key },
        path === ''
          ? ''
          : tag('path', {
              d: path,
              fill: 'none',
              stroke: color,
              'stroke-width': s.emphasis ? 3.5 : 2,
              'stroke-dasharray': dash(i),
              'stroke-linejoin': 'round',
              'stroke-linecap': 'round',
            }),
        partialPath === ''
          ? ''
          : tag('path', {
              class: 'partial-segment',
              d: partialPath,
              fill: 'none',
              stroke: color,
              'stroke-width': PARTIAL_LINE.width,
              'stroke-dasharray': PARTIAL_LINE.dash,
            }),
        ...dots,
      ),
    );
  }

  return svgRoot({ id, width, height, title, desc }, ...parts);
}
