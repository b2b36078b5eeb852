import { INK, INK_MUTED, sequential, textOn } from './palette.js';
import { checkId, checkSize, emptyMessage, svgRoot, tag, textTag, truncate } from './svg.js';

export interface PlanTile {
  code: string;
  name: string;
  /** Events the plan assigns to the region (0: none). */
  events: number;
  /** Said after the events in the tooltip and the accessible name (e.g. the expected gain). */
  detail?: string;
}

export interface PlanTilesOptions {
  id: string;
  width: number;
  title: string;
  desc: string;
  /** The scope's child regions, in the order they are drawn (code order reads west to east). */
  tiles: readonly PlanTile[];
  format: (events: number) => string;
  labels: { legend: string; none: string; empty: string };
}

const GAP = 3;
const MIN_TILE = 92;
const TILE_HEIGHT = 46;
const LEGEND_HEIGHT = 48;

/** Columns of the grid at a width: tiles at least {@link MIN_TILE} px wide. */
function columnsFor(width: number): number {
  return Math.max(1, Math.floor((width - GAP) / MIN_TILE));
}

/** The chart's height for a width and a number of tiles. */
export function planTilesHeight(width: number, tiles: number): number {
  const rows = Math.max(1, Math.ceil(tiles / columnsFor(width)));
  return GAP + rows * (TILE_HEIGHT + GAP) + LEGEND_HEIGHT;
}

/**
 * The plan as a map of the scope's child regions (districts of a regency, regencies of a province,
 * provinces of the nation): equal tiles in code order, each coloured by the events the plan sends
 * there (cividis, light for few; white with a dashed edge for none) and labelled with its name and
 * count. A grid, not a geographic map: the product carries no boundaries below the province, and a
 * grid gives every district the same room. The tooltip and `desc` carry the numbers for those
 * who do not read colour.
 *
 * @example
 * ```ts
 * planTiles({ id: 'plan-map', width: 640, title: 'Events by district', desc: '...',
 *   tiles: [{ code: '35.05.04', name: 'Kademangan', events: 12 }], format: String,
 *   labels: { legend: 'Events', none: 'No events', empty: 'No plan' } });
 * ```
 */
export function planTiles(options: PlanTilesOptions): string {
  const { id, width, title, desc, tiles } = options;
  checkId(id);
  checkSize(width);
  const height = planTilesHeight(width, tiles.length);
  if (tiles.length === 0) {
    return svgRoot(
      { id, width, height, title, desc },
      emptyMessage(width, height, options.labels.empty),
    );
  }
  for (const tile of tiles) {
    if (!(Number.isInteger(tile.events) && tile.events >= 0)) {
      throw new Error(`invalid events for ${tile.code}: ${tile.events}`);
    }
  }
  const max = Math.max(1, ...tiles.map((t) => t.events));
  // Low counts light, high dark: the reverse of cividis' dark-to-light order.
  const color = (events: number) => sequential(1 - events / max);
  const columns = columnsFor(width);
  const size = (width - GAP) / columns;
  const inner = size - GAP;

  const body = tiles.map((tile, i) => {
    const x = GAP + (i % columns) * size;
    const y = GAP + Math.floor(i / columns) * (TILE_HEIGHT + GAP);
    const has = tile.events > 0;
    const fill = has ? color(tile.events) : '#ffffff';
    const ink = has ? textOn(fill) : INK;
    const count = has ? options.format(tile.events) : options.labels.none;
    const label = `${tile.name}: ${count}${tile.detail ? ` (${tile.detail})` : ''}`;
    return tag(
      'g',
      {
        class: 'tile',
        transform: `translate(${x},${y})`,
        'data-code': tile.code,
        'data-events': tile.events,
        role: 'listitem',
        'aria-label': label,
      },
      tag('rect', {
        width: inner,
        height: TILE_HEIGHT,
        rx: 3,
        fill,
        stroke: has ? 'none' : '#9a9a9a',
        'stroke-dasharray': has ? null : '3 2',
      }),
      textTag(
        'text',
        { x: 6, y: 17, 'font-size': 11, fill: ink },
        truncate(tile.name, inner - 10, 11),
      ),
      textTag(
        'text',
        { x: 6, y: 36, 'font-size': 13, 'font-weight': 600, fill: ink },
        has ? options.format(tile.events) : '–',
      ),
      textTag('title', {}, label),
    );
  });

  const legendY = height - LEGEND_HEIGHT + 14;
  const steps = Math.min(5, max + 1);
  const swatch = Math.min(56, (width - 24) / (steps + 2));
  const legend = tag(
    'g',
    { class: 'legend', 'aria-hidden': 'true' },
    textTag('text', { x: GAP, y: legendY, fill: INK, 'font-size': 11 }, options.labels.legend),
    ...Array.from({ length: steps }, (_, i) => {
      const events = Math.round((max * i) / (steps - 1));
      return tag(
        'g',
        { transform: `translate(${GAP + i * swatch},${legendY + 6})` },
        tag('rect', {
          width: swatch - 2,
          height: 10,
          fill: events > 0 ? color(events) : '#ffffff',
          stroke: events > 0 ? 'none' : '#9a9a9a',
          'stroke-dasharray': events > 0 ? null : '3 2',
        }),
        textTag('text', { x: 0, y: 24, fill: INK_MUTED, 'font-size': 11 }, options.format(events)),
      );
    }),
  );
  // A group, not an image: an image's children are hidden from assistive technology, and the
  // tiles are a list a screen reader can walk.
  return svgRoot(
    { id, width, height, title, desc, interactive: true },
    tag('g', { role: 'list' }, ...body),
    legend,
  );
}
