import { max, min, scaleLinear } from 'd3';
import { axisBottom } from './axis.js';
import { ACCENT, INK, INK_MUTED, categorical } from './palette.js';
import {
  checkId,
  checkSize,
  emptyMessage,
  escapeXml,
  selectLinkAttributes,
  svgRoot,
  tag,
  textTag,
  textWidth,
  truncate,
} from './svg.js';

export interface Bar {
  key: string;
  label: string;
  /** null: no data; the row stays, with a dash, so a missing region is not silently dropped. */
  value: number | null;
  href?: string;
  /** The region the page is about, among its siblings. */
  highlight?: boolean;
  /** Said after the value in the tooltip and the accessible name: how many villages ("n = 344 desa"). */
  detail?: string;
  /**
   * Selected on the page (the cross-filter): outlined, the others faded. With a selection the
   * bar's `href` selects (see `drill`).
   */
  selected?: boolean;
  /**
   * The region's own page when `href` toggles the selection instead: a double click follows it
   * (the page says so and offers it as a link too).
   */
  drill?: string;
}

export interface BarChartOptions {
  id: string;
  width: number;
  title: string;
  desc: string;
  bars: readonly Bar[];
  format: (value: number) => string;
  /** x domain; default from 0 (or the lowest value when negative) to the highest. */
  domain?: readonly [number, number];
  threshold?: { value: number; label: string };
  noDataMessage: string;
  /** Said after a selected bar's value in its tooltip and accessible name ("dipilih"). */
  selectedWord?: string;
}

const ROW = 22;
const MARGIN = { top: 8, right: 52, bottom: 28 };

export function barChartHeight(bars: number, threshold = false): number {
  return MARGIN.top + (threshold ? 16 : 0) + Math.max(1, bars) * ROW + MARGIN.bottom;
}

/**
 * Horizontal bars in the given order (sort before), one row per region with its value at the end;
 * with `href` each row is a link (drill-down). The x axis starts at the domain's low end, which
 * the caller sets to the measure's scale minimum so bar length means something.
 *
 * @example
 * ```ts
 * barChart({ id: 'ranking', width: 640, title: 'Provinces', desc: '...', format: String,
 *   bars: [{ key: '35', label: 'Jawa Timur', value: 3.72, href: '/wilayah/35' }], noDataMessage: 'No data' });
 * ```
 */
// Long words of region names a label can do without: "Kabupaten Tulungagung" reads as
// "Kab. Tulungagung" where the full name does not fit.
const SHORTER: readonly [RegExp, string][] = [
  [/^Kabupaten /, 'Kab. '],
  [/^Kepulauan /, 'Kep. '],
  [/ Kepulauan\b/, ' Kep.'],
];

/**
 * A label that fits `width`: as it is, else with the usual abbreviations, else cut with an
 * ellipsis; a shortened label carries the full name as its `<title>` (a tooltip, and read by
 * screen readers), so the name can always be read. Returns the text element's content.
 */
function fittedLabel(label: string, width: number): [string, string] | [string] {
  if (textWidth(label) <= width) return [escapeXml(label)];
  const short = SHORTER.reduce(
    (text, [pattern, abbreviation]) => text.replace(pattern, abbreviation),
    label,
  );
  const shown = textWidth(short) <= width ? short : truncate(short, width);
  return [escapeXml(shown), textTag('title', {}, label)];
}

export function barChart(options: BarChartOptions): string {
  const { id, width, title, desc, bars } = options;
  checkId(id);
  checkSize(width);
  const height = barChartHeight(bars.length, options.threshold !== undefined);
  const values = bars.flatMap((b) =>
    b.value === null || !Number.isFinite(b.value) ? [] : [b.value],
  );
  if (values.length === 0) {
    return svgRoot(
      { id, width, height, title, desc },
      emptyMessage(width, height, options.noDataMessage),
    );
  }
  const labelWidth = Math.min(width * 0.4, Math.max(...bars.map((b) => textWidth(b.label))) + 8);
  const left = Math.max(60, labelWidth);
  const top = MARGIN.top + (options.threshold ? 16 : 0);
  const [d0, d1] = options.domain ?? [Math.min(0, min(values)!), Math.max(0, max(values)!)];
  const x = scaleLinear()
    .domain([d0, d1 === d0 ? d0 + 1 : d1])
    .range([left, width - MARGIN.right]);
  const base = x(Math.max(d0, Math.min(0, d1)));
  const bottom = top + bars.length * ROW;
  const anySelected = bars.some((b) => b.selected);

  const rows = bars.map((bar, i) => {
    const y = top + i * ROW;
    const has = bar.value !== null && Number.isFinite(bar.value);
    const v = has ? (bar.value as number) : 0;
    const x0 = Math.min(x(v), base);
    const w = Math.abs(x(v) - base);
    const valueText = `${has ? options.format(v) : '–'}${bar.detail ? ` · ${bar.detail}` : ''}${
      bar.selected && options.selectedWord ? ` (${options.selectedWord})` : ''
    }`;
    const body = [
      tag(
        'text',
        {
          x: left - 6,
          y: y + ROW / 2,
          dy: '0.32em',
          'text-anchor': 'end',
          fill: INK,
          'font-weight': bar.highlight || bar.selected ? 700 : null,
        },
        ...fittedLabel(bar.label, left - 10),
      ),
      has
        ? tag('rect', {
            x: x0,
            y: y + 3,
            width: Math.max(w, 1),
            height: ROW - 6,
            fill: bar.highlight ? ACCENT : categorical(0),
            'fill-opacity': anySelected && !bar.selected ? 0.35 : null,
            stroke: bar.selected ? INK : null,
            'stroke-width': bar.selected ? 2 : null,
          })
        : '',
      textTag(
        'text',
        {
          x: has ? Math.max(x(v), base) + 4 : base + 4,
          y: y + ROW / 2,
          dy: '0.32em',
          fill: has ? INK : INK_MUTED,
        },
        has ? options.format(v) : '–',
      ),
      textTag('title', {}, `${bar.label}: ${valueText}`),
    ];
    const g = tag(
      'g',
      { class: 'bar', 'data-key': bar.key, 'data-selected': bar.selected ? 'true' : null },
      ...body,
    );
    return bar.href
      ? tag(
          'a',
          {
            href: bar.href,
            'aria-label': `${bar.label}: ${valueText}`,
            class: 'bar-link',
            ...selectLinkAttributes(bar.key, bar.drill),
          },
          g,
        )
      : g;
  });

  const parts = [
    axisBottom(x, bottom, {
      format: options.format,
      ticks: Math.max(2, Math.floor((width - left) / 80)),
      gridTop: top,
      x1: width - MARGIN.right,
    }),
    ...rows,
  ];
  if (options.threshold) {
    const tx = x(options.threshold.value);
    parts.push(
      tag('line', {
        class: 'threshold',
        x1: tx,
        x2: tx,
        y1: top - 4,
        y2: bottom,
        stroke: INK,
        'stroke-width': 1.5,
        'stroke-dasharray': '4 4',
        'aria-hidden': 'true',
      }),
      textTag(
        'text',
        {
          x: tx,
          y: top - 8,
          'text-anchor': 'middle',
          fill: INK,
          'font-size': 11,
          'aria-hidden': 'true',
        },
        options.threshold.label,
      ),
    );
  }
  return svgRoot(
    { id, width, height, title, desc, interactive: bars.some((b) => b.href) },
    ...parts,
  );
}
