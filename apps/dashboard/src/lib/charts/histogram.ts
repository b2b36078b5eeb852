import { max, scaleLinear } from 'd3';
import { axisBottom, axisLeft } from './axis.js';
import { ACCENT, INK, categorical } from './palette.js';
import { checkId, checkSize, emptyMessage, svgRoot, tag, textTag } from './svg.js';

export interface Bin {
  x0: number;
  x1: number;
  /** Villages in [x0, x1). */
  count: number;
  /** A link that selects the bin (the cross-filter's range of values). */
  href?: string;
  /** In the selected range: outlined, the other bins faded. */
  selected?: boolean;
}

export interface HistogramOptions {
  id: string;
  width: number;
  height: number;
  title: string;
  desc: string;
  bins: readonly Bin[];
  threshold?: { value: number; label: string };
  formatX: (value: number) => string;
  formatCount: (count: number) => string;
  xLabel: string;
  yLabel: string;
  noDataMessage: string;
  /** Said after a selected bin's count in its tooltip and accessible name ("dipilih"). */
  selectedWord?: string;
}

const MARGIN = { top: 28, right: 16, bottom: 44, left: 48 };

/**
 * The distribution of the villages' values as adjacent bars, with the threshold marked: bins
 * below it are drawn in the accent colour so the lagging share is visible at a glance.
 * Bins come precomputed, so thousands of villages cost as little as ten.
 *
 * @example
 * ```ts
 * histogram({ id: 'dist', width: 640, height: 240, title: 'Distribution', desc: '...',
 *   bins: [{ x0: 3, x1: 3.5, count: 12 }], formatX: String, formatCount: String, ... });
 * ```
 */
export function histogram(options: HistogramOptions): string {
  const { id, width, height, title, desc, bins } = options;
  checkId(id);
  checkSize(width, height);
  for (const b of bins) {
    if (!(b.x1 > b.x0) || !(b.count >= 0))
      throw new Error(`invalid bin: [${b.x0}, ${b.x1}) count ${b.count}`);
  }
  const total = bins.reduce((sum, b) => sum + b.count, 0);
  if (bins.length === 0 || total === 0) {
    return svgRoot(
      { id, width, height, title, desc },
      emptyMessage(width, height, options.noDataMessage),
    );
  }
  const lo = Math.min(...bins.map((b) => b.x0), options.threshold?.value ?? Infinity);
  const hi = Math.max(...bins.map((b) => b.x1), options.threshold?.value ?? -Infinity);
  const x = scaleLinear()
    .domain([lo, hi])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, max(bins, (b) => b.count)!])
    .nice(4)
    .range([height - MARGIN.bottom, MARGIN.top]);
  const anySelected = bins.some((b) => b.selected);
  const bars = bins.map((b) => {
    const below = options.threshold !== undefined && b.x1 <= options.threshold.value;
    const text = `${options.formatX(b.x0)}–${options.formatX(b.x1)}: ${options.formatCount(b.count)}${
      b.selected && options.selectedWord ? ` (${options.selectedWord})` : ''
    }`;
    const left = x(b.x0) + 0.5;
    const binWidth = Math.max(0.5, x(b.x1) - x(b.x0) - 1);
    const attrs = {
      x: left,
      y: y(b.count),
      width: binWidth,
      height: y(0) - y(b.count),
      fill: below ? ACCENT : categorical(0),
      'fill-opacity': anySelected && !b.selected ? 0.35 : null,
      stroke: b.selected ? INK : null,
      'stroke-width': b.selected ? 2 : null,
    };
    if (b.href === undefined) return tag('rect', attrs, textTag('title', {}, text));
    // A bin of few villages is a sliver: the link covers the bin's whole column, so it can be hit.
    const hit = tag('rect', {
      x: left,
      y: MARGIN.top,
      width: binWidth,
      height: height - MARGIN.bottom - MARGIN.top,
      fill: 'transparent',
    });
    return tag(
      'a',
      {
        href: b.href,
        'aria-label': text,
        class: 'bin-link',
        'data-key': String(b.x0),
        'data-selected': b.selected ? 'true' : null,
        'data-sveltekit-noscroll': '',
        'data-sveltekit-keepfocus': '',
      },
      tag('g', { class: 'bin' }, textTag('title', {}, text), hit, tag('rect', attrs)),
    );
  });
  const parts = [
    axisLeft(y, MARGIN.left, {
      format: options.formatCount,
      // Counts are whole villages: a tick at 0.5 would print as "1" beside the "1" of 1.
      values: y.ticks(4).filter(Number.isInteger),
      gridRight: width - MARGIN.right,
      y0: MARGIN.top,
      label: options.yLabel,
    }),
    axisBottom(x, height - MARGIN.bottom, {
      format: options.formatX,
      ticks: Math.max(2, Math.floor(width / 90)),
      x1: width - MARGIN.right,
      label: options.xLabel,
    }),
    tag('g', { class: 'bins' }, ...bars),
  ];
  if (options.threshold) {
    const tx = x(options.threshold.value);
    parts.push(
      tag('line', {
        class: 'threshold',
        x1: tx,
        x2: tx,
        y1: MARGIN.top - 6,
        y2: height - MARGIN.bottom,
        stroke: INK,
        'stroke-width': 1.5,
        'stroke-dasharray': '4 4',
        'aria-hidden': 'true',
      }),
      textTag(
        'text',
        { x: tx + 4, y: MARGIN.top + 10, fill: INK, 'font-size': 11, 'aria-hidden': 'true' },
        options.threshold.label,
      ),
    );
  }
  return svgRoot(
    { id, width, height, title, desc, interactive: bins.some((b) => b.href !== undefined) },
    ...parts,
  );
}
