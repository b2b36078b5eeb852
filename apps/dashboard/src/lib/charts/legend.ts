import { INK } from './palette.js';
import { tag, textTag, textWidth } from './svg.js';

export interface LegendItem {
  label: string;
  color: string;
  /** Line sample (with this dash, or solid when null) instead of a filled square. */
  line?: { dash: string | null; width?: number };
  /** A filled band sample (translucent). */
  band?: boolean;
  /** An open marker on the line sample (a partial year). */
  marker?: 'open';
}

const ROW = 18;
const SWATCH = 22;

/**
 * Legend items laid out left to right, wrapping at `width`. Returns the SVG and the height used,
 * so the chart can start its plot below it.
 */
export function legend(
  items: readonly LegendItem[],
  x0: number,
  y0: number,
  width: number,
): { svg: string; height: number } {
  if (items.length === 0) return { svg: '', height: 0 };
  let x = x0;
  let y = y0;
  const parts = items.map((item) => {
    const itemWidth = SWATCH + 6 + textWidth(item.label) + 16;
    if (x > x0 && x + itemWidth > x0 + width) {
      x = x0;
      y += ROW;
    }
    const line = item.line
      ? tag('line', {
          x1: 0,
          x2: SWATCH,
          y1: 0,
          y2: 0,
          stroke: item.color,
          'stroke-width': item.line.width ?? 2.5,
          'stroke-dasharray': item.line.dash,
        })
      : '';
    const swatch = item.line
      ? item.marker === 'open'
        ? line +
          tag('circle', {
            cx: SWATCH / 2,
            cy: 0,
            r: 3.5,
            fill: '#ffffff',
            stroke: item.color,
            'stroke-width': 2,
          })
        : line
      : tag('rect', {
          x: 0,
          y: -6,
          width: SWATCH,
          height: 12,
          fill: item.color,
          'fill-opacity': item.band ? 0.25 : null,
        });
    const g = tag(
      'g',
      { transform: `translate(${Math.round(x)},${Math.round(y)})` },
      swatch,
      textTag('text', { x: SWATCH + 6, dy: '0.32em', fill: INK }, item.label),
    );
    x += itemWidth;
    return g;
  });
  return {
    svg: tag('g', { class: 'legend', 'aria-hidden': 'true' }, ...parts),
    height: y - y0 + ROW,
  };
}
