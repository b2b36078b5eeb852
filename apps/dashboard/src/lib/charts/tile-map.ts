import { extent } from 'd3';
import { provinceShortName } from '@pandu/domain';
import { INK, INK_MUTED, NO_DATA_FILL, sequential, textOn } from './palette.js';
import { PROVINCE_TILES, TILE_COLUMNS, TILE_ROWS } from './province-tiles.js';
import {
  checkId,
  checkSize,
  selectLinkAttributes,
  svgRoot,
  tag,
  textTag,
  textWidth,
} from './svg.js';

export interface TileValue {
  code: string;
  /** Full name, for the tooltip and the link's accessible name. */
  name: string;
  /** null: no data for this province. */
  value: number | null;
  /** Drill-down target. */
  href?: string;
  /**
   * Said after the value in the tooltip and the accessible name, and marked `*` on the tile: for a
   * value that is not quite this province's own (a published figure of the province it was split
   * from).
   */
  note?: string;
  /** Said after the value in the tooltip and the accessible name: how many villages ("n = 8.398 desa"). */
  detail?: string;
  /**
   * The province's own page when `href` selects it instead (the cross-filter): a double click
   * follows it.
   */
  drill?: string;
}

export interface TileMapOptions {
  id: string;
  width: number;
  title: string;
  desc: string;
  values: readonly TileValue[];
  /** Colour domain; default the extent of the values. */
  domain?: readonly [number, number];
  /** The colour of a position in [0, 1] of the domain; default cividis ({@link sequential}). */
  color?: (t: number) => string;
  format: (value: number) => string;
  /**
   * Legend words: "no data", the legend's title, and the footnote that explains the `*` of tiles
   * with a `note` (drawn only when a tile has one).
   */
  labels: { noData: string; legend: string; note?: string };
  /** The tile of the region the page is about, outlined. */
  highlight?: string;
  /** The selected provinces (the cross-filter): outlined, the others faded. */
  selected?: readonly string[];
  /** Said after a selected tile's value in its tooltip and accessible name ("dipilih"). */
  selectedWord?: string;
}

const GAP = 3;
const LEGEND_HEIGHT = 56;
const LEGEND_ROW = 16;

/**
 * The chart's height for a width: the grid keeps square tiles, plus the legend and its `extraRows`
 * below the colour scale (the "no data" item when the legend's title leaves it no room, the
 * footnote).
 */
export function tileMapHeight(width: number, extraRows = 0): number {
  const tile = (width - GAP) / TILE_COLUMNS;
  return Math.round(tile * TILE_ROWS + LEGEND_HEIGHT + 8 + extraRows * LEGEND_ROW);
}

/**
 * The 38 provinces as equal square tiles laid out like the archipelago, each coloured by its value
 * on a colour-blind-safe sequential scale (cividis, or `color`), labelled with its abbreviation (or
 * its code on a narrow screen) and, with `href`, a link that drills down. Provinces without a value
 * are grey and say so; a value with a `note` is starred and the legend's footnote says why.
 *
 * @example
 * ```ts
 * tileMap({ id: 'map', width: 640, title: 'Skills index', desc: '...',
 *   values: [{ code: '35', name: 'Jawa Timur', value: 3.72, href: '/wilayah/35' }],
 *   format: String, labels: { noData: 'No data', legend: 'Skills index' } });
 * ```
 */
export function tileMap(options: TileMapOptions): string {
  const { id, width, title, desc } = options;
  checkId(id);
  checkSize(width);
  const footnote =
    options.labels.note !== undefined && options.values.some((v) => v.note !== undefined);
  // "No data" sits at the right end of the legend's title row when the title leaves room (the
  // village measures' titles do at 360 px); else on a row of its own below the colour scale.
  const noDataWidth = 18 + textWidth(options.labels.noData, 11);
  const noDataBeside = GAP + textWidth(options.labels.legend, 11) + 12 <= width - GAP - noDataWidth;
  const height = tileMapHeight(width, (noDataBeside ? 0 : 1) + (footnote ? 1 : 0));
  const color = options.color ?? sequential;
  const byCode = new Map(options.values.map((v) => [v.code, v]));
  const selected = new Set(options.selected ?? []);
  const known = new Set(PROVINCE_TILES.map((t) => t.code));
  for (const v of options.values) {
    if (!known.has(v.code)) throw new Error(`unknown province code: ${v.code}`);
  }
  const numbers = options.values.flatMap((v) =>
    v.value === null || !Number.isFinite(v.value) ? [] : [v.value],
  );
  const [lo, hi] =
    options.domain ?? (numbers.length > 0 ? (extent(numbers) as [number, number]) : [0, 1]);
  const t = (value: number) => (hi === lo ? 0.5 : (value - lo) / (hi - lo));

  const size = (width - GAP) / TILE_COLUMNS;
  const inner = size - GAP;
  // The value needs room for a second line; the short name is always shown (never a bare code:
  // "35" tells a reader nothing), its font fitted to the tile on a narrow screen.
  const useAbbr = inner >= 40;
  const fontSize = Math.max(9, Math.min(12, inner / 4.4));
  // A label may reach into the gap between tiles, not past it.
  const MIN_LABEL = 6;
  const fits = (label: string) => (size - 1) / (label.length * 0.58);
  // On a tile too small for the whole short name at a legible size, its first letters and a dot
  // ("Goron."); the tooltip has the full name and the code.
  const tileLabel = (short: string) =>
    useAbbr || fits(short) >= MIN_LABEL ? short : `${short.slice(0, 5)}.`;
  const labelSize = (label: string) =>
    useAbbr ? fontSize : Math.max(MIN_LABEL, Math.min(fontSize, fits(label)));

  const tiles = PROVINCE_TILES.map((tile) => {
    const datum = byCode.get(tile.code);
    const value = datum?.value ?? null;
    const has = value !== null && Number.isFinite(value);
    const fill = has ? color(t(value)) : NO_DATA_FILL;
    const ink = has ? textOn(fill) : INK;
    const short = provinceShortName(tile.code) ?? tile.code;
    const name = datum?.name ?? short;
    const note = datum?.note;
    const isSelected = selected.has(tile.code);
    const valueText = `${has ? options.format(value) : options.labels.noData}${note ? ` (${note})` : ''}${
      datum?.detail ? ` · ${datum.detail}` : ''
    }${isSelected && options.selectedWord ? ` (${options.selectedWord})` : ''}`;
    const outlined = options.highlight === tile.code || isSelected;
    // Faded: the fill pale, the label dark on it (a white label on a pale fill would not read).
    const faded = selected.size > 0 && !isSelected;
    const labelInk = faded ? INK : ink;
    const x = GAP + tile.col * size;
    const y = GAP + tile.row * size;
    const label = tileLabel(short);
    const body = [
      tag('rect', {
        width: inner,
        height: inner,
        rx: 3,
        fill,
        stroke: outlined ? INK : has ? 'none' : '#b0b0b0',
        'stroke-width': outlined ? 3 : 1,
        'stroke-dasharray': has || outlined ? null : '3 2',
        'fill-opacity': faded ? 0.35 : null,
      }),
      textTag(
        'text',
        {
          x: inner / 2,
          y: inner / 2 - (useAbbr ? 2 : 0),
          dy: useAbbr ? null : '0.32em',
          'text-anchor': 'middle',
          'font-size': labelSize(label),
          'font-weight': 600,
          fill: labelInk,
        },
        label,
      ),
      useAbbr
        ? textTag(
            'text',
            {
              x: inner / 2,
              y: inner / 2 + fontSize + 1,
              'text-anchor': 'middle',
              'font-size': fontSize - 1,
              fill: labelInk,
            },
            `${has ? options.format(value) : '–'}${note ? '*' : ''}`,
          )
        : '',
      textTag('title', {}, `${name} (${tile.code}): ${valueText}`),
    ];
    const g = tag(
      'g',
      {
        class: 'tile',
        transform: `translate(${x},${y})`,
        'data-code': tile.code,
        'data-selected': isSelected ? 'true' : null,
      },
      ...body,
    );
    return datum?.href
      ? tag(
          'a',
          {
            href: datum.href,
            'aria-label': `${name}: ${valueText}`,
            class: 'tile-link',
            ...selectLinkAttributes(tile.code, datum.drill),
          },
          g,
        )
      : g;
  });

  const legendY = GAP + TILE_ROWS * size + 14;
  const steps = 5;
  const swatchWidth = Math.min(56, (width - 24) / (steps + 1.5));
  const legendItems = Array.from({ length: steps }, (_, i) => {
    const value = lo + ((hi - lo) * i) / (steps - 1);
    const x = GAP + i * swatchWidth;
    return tag(
      'g',
      { transform: `translate(${x},${legendY + 14})` },
      tag('rect', { width: swatchWidth - 2, height: 10, fill: color(t(value)) }),
      textTag('text', { x: 0, y: 24, fill: INK_MUTED, 'font-size': 11 }, options.format(value)),
    );
  });
  const belowScale = legendY + 54;
  const [noDataX, noDataY] = noDataBeside
    ? [width - GAP - noDataWidth, legendY - 3]
    : [GAP, belowScale - 9];
  const footnoteY = noDataBeside ? belowScale : belowScale + LEGEND_ROW;
  const legendSvg = tag(
    'g',
    { class: 'legend', 'aria-hidden': 'true' },
    textTag('text', { x: GAP, y: legendY + 6, fill: INK, 'font-size': 11 }, options.labels.legend),
    ...(numbers.length > 0 ? legendItems : []),
    tag(
      'g',
      { transform: `translate(${noDataX},${noDataY})` },
      tag('rect', {
        width: 14,
        height: 10,
        fill: NO_DATA_FILL,
        stroke: '#b0b0b0',
        'stroke-dasharray': '3 2',
      }),
      textTag('text', { x: 18, y: 9, fill: INK_MUTED, 'font-size': 11 }, options.labels.noData),
    ),
    footnote
      ? textTag(
          'text',
          { x: GAP, y: footnoteY, fill: INK_MUTED, 'font-size': 11 },
          `* ${options.labels.note ?? ''}`,
        )
      : '',
  );

  return svgRoot(
    { id, width, height, title, desc, interactive: options.values.some((v) => v.href) },
    ...tiles,
    legendSvg,
  );
}
