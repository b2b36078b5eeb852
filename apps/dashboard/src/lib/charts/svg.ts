// A few lines of string building instead of a DOM: charts run the same on the server (SSR), in
// the browser and in tests, and their output is a plain string to snapshot.

/** An attribute value; null, undefined and false leave the attribute out. */
export type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Readonly<Record<string, AttrValue>>;

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside an element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/**
 * A coordinate as written in the SVG: two decimals are finer than a pixel and keep the output
 * small. Refuses a non-finite value so a NaN never reaches the page as `NaN`.
 */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`invalid coordinate: ${value}`);
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

function attrText(value: Exclude<AttrValue, null | undefined | false>): string {
  if (value === true) return '';
  return typeof value === 'number' ? num(value) : escapeXml(value);
}

function openTag(name: string, attrs: Attrs): string {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    open += value === true ? ` ${key}` : ` ${key}="${attrText(value)}"`;
  }
  return open;
}

/** `<name attrs>children</name>`, or self-closing without children. Children are already SVG. */
export function tag(name: string, attrs: Attrs = {}, ...children: readonly string[]): string {
  const body = children.join('');
  return body === '' ? `${openTag(name, attrs)}/>` : `${openTag(name, attrs)}>${body}</${name}>`;
}

/** An element with text content, escaped. */
export function textTag(name: string, attrs: Attrs, text: string): string {
  return `${openTag(name, attrs)}>${escapeXml(text)}</${name}>`;
}

/** A path `d` through points; gaps are the caller's business (split the points first). */
export function polyline(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)},${num(y)}`).join('');
}

/** The width a label takes at `fontSize`, estimated: no DOM to measure with. */
export function textWidth(text: string, fontSize = 12): number {
  // 0.58 em is the mean advance of the system sans-serif fonts for mixed text and digits.
  return text.length * fontSize * 0.58;
}

/** `text` cut with an ellipsis to fit `width` at `fontSize`. */
export function truncate(text: string, width: number, fontSize = 12): string {
  if (textWidth(text, fontSize) <= width) return text;
  const chars = Math.max(1, Math.floor(width / (fontSize * 0.58)) - 1);
  return `${text.slice(0, chars).trimEnd()}…`;
}

export interface ChartSize {
  width: number;
  height: number;
}

/** Checks a requested size; charts name the bad value rather than drawing nonsense. */
export function checkSize(width: number, height?: number): void {
  if (!Number.isFinite(width) || width < 120) throw new Error(`invalid width: ${width}`);
  if (height !== undefined && (!Number.isFinite(height) || height < 60)) {
    throw new Error(`invalid height: ${height}`);
  }
}

/** Checks a chart id, which prefixes every id inside the SVG. */
export function checkId(id: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new Error(`invalid chart id: ${id}`);
}

export interface RootOptions {
  id: string;
  width: number;
  height: number;
  /** Short name of the chart, read first by screen readers. */
  title: string;
  /** What the chart shows, in words: its text alternative. */
  desc: string;
  /**
   * True when the chart holds links (drill-down): it is then a labelled group whose links stay
   * reachable, not an image whose content assistive technology skips.
   */
  interactive?: boolean;
}

/** The `<svg>` element with its accessible name and description. */
export function svgRoot(options: RootOptions, ...children: readonly string[]): string {
  const { id, width, height, title, desc, interactive = false } = options;
  return tag(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      width,
      height,
      class: 'chart',
      role: interactive ? 'group' : 'img',
      'aria-labelledby': `${id}-title`,
      'aria-describedby': `${id}-desc`,
      'font-family': 'inherit',
      'font-size': 12,
    },
    textTag('title', { id: `${id}-title` }, title),
    textTag('desc', { id: `${id}-desc` }, desc),
    ...children,
  );
}

/** A message in place of the plot when there is nothing to draw. */
export function emptyMessage(width: number, height: number, message: string): string {
  return textTag(
    'text',
    { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty', fill: '#4a4a4a' },
    message,
  );
}

/**
 * The attributes of a mark's link that selects instead of drilling down (the cross-filter):
 * the region's page in `data-drill` (a double click follows it), the mark's key to find it again
 * once redrawn, and SvelteKit's options to stay in place (no scroll, focus kept).
 */
export function selectLinkAttributes(
  key: string,
  drill: string | undefined,
): Record<string, string | null> {
  if (drill === undefined) return {};
  return {
    'data-key': key,
    'data-drill': drill,
    'data-sveltekit-noscroll': '',
    'data-sveltekit-keepfocus': '',
  };
}
