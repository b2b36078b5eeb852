/**
 * The chart tooltips' logic, free of Svelte: which mark an event is about, what it says, and
 * where the tooltip goes. ChartFigure wires it to pointer, focus and tap events.
 */

/** A box in viewport pixels (a DOMRect's fields). */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Where a tooltip goes: its top-left corner, and on which side of the mark. */
export interface TipPlacement {
  left: number;
  top: number;
  side: 'above' | 'below' | 'right' | 'left';
}

/** Room kept between the tooltip and the mark, and between the tooltip and the viewport edge. */
const GAP = 6;
const EDGE = 4;

/**
 * Where a tooltip of `tip`'s size goes beside `mark` in a viewport of `viewport`'s size: above the
 * mark, else below, else to its right or left, so it never covers the mark, and slid along that
 * side to stay inside the viewport. A tooltip larger than the viewport is pinned to its top-left
 * edge (it cannot fit; the mark stays readable beside it where possible).
 *
 * @example
 * ```ts
 * placeTip({ left: 100, top: 200, width: 20, height: 40 }, { width: 120, height: 30 }, { width: 800, height: 600 });
 * // { left: 50, top: 164, side: 'above' }
 * ```
 */
export function placeTip(
  mark: Box,
  tip: { width: number; height: number },
  viewport: { width: number; height: number },
): TipPlacement {
  const clamp = (value: number, size: number, room: number) =>
    Math.max(EDGE, Math.min(value, room - size - EDGE));
  const centreX = clamp(mark.left + mark.width / 2 - tip.width / 2, tip.width, viewport.width);
  const centreY = clamp(mark.top + mark.height / 2 - tip.height / 2, tip.height, viewport.height);
  const above = mark.top - GAP - tip.height;
  if (above >= EDGE) return { left: centreX, top: above, side: 'above' };
  const below = mark.top + mark.height + GAP;
  if (below + tip.height <= viewport.height - EDGE)
    return { left: centreX, top: below, side: 'below' };
  const right = mark.left + mark.width + GAP;
  if (right + tip.width <= viewport.width - EDGE)
    return { left: right, top: centreY, side: 'right' };
  const left = mark.left - GAP - tip.width;
  if (left >= EDGE) return { left, top: centreY, side: 'left' };
  return { left: EDGE, top: EDGE, side: 'above' };
}

/** The `<title>` that is a direct child of `element`, not the chart's own (which has an id). */
function ownTitle(element: Element): Element | null {
  for (const child of Array.from(element.children)) {
    if (child.tagName.toLowerCase() === 'title' && !child.id) return child;
  }
  return null;
}

/**
 * The mark an event is about and its `<title>`: the nearest element, from `target` up to the SVG,
 * that has a title of its own; for a focused link (a bar, a tile), the nearest inside it.
 */
export function markOf(target: Element): { mark: Element; title: Element } | null {
  for (let el: Element | null = target; el; el = el.parentElement) {
    if (el.tagName.toLowerCase() === 'svg') break;
    const title = ownTitle(el);
    if (title) return { mark: el, title };
  }
  // Breadth first, so a bar's own title wins over its cut label's.
  const queue = Array.from(target.children);
  for (let i = 0; i < queue.length && i < 200; i++) {
    const el = queue[i]!;
    const title = ownTitle(el);
    if (title) return { mark: el, title };
    queue.push(...Array.from(el.children));
  }
  return null;
}

/**
 * What a tooltip says: the mark's own words (its `<title>`: the name, the value, the year or n
 * where the chart knows them), then the chart's context (the measure and its unit, the year, the
 * source kind), each on its line.
 */
export function tipLines(title: string, context: string | undefined): string[] {
  return [title.trim(), ...(context && context.trim() !== '' ? [context.trim()] : [])].filter(
    (line) => line !== '',
  );
}
