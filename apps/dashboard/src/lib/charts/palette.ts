import { interpolateCividis, interpolateViridis } from 'd3';

// Colours chosen for colour-vision deficiency and contrast (palette.test.ts checks both):
// - categories: Okabe & Ito's palette, the hues that keep 3:1 against white (WCAG 1.4.11 for
//   graphics), darkened where needed; lines also differ by dash and carry direct labels.
// - sequential: cividis, designed to read the same with deuteranopia and protanopia, and
//   monotonic in lightness so it also prints in grey.
// - sequential for published figures: viridis, with the same two properties but other hues, so a
//   map of BPS's published figures (another scale, another source) is not read as the village data.

/**
 * Series colours, in order of use: six, so the six regions of a comparison (/banding) never share
 * a colour and dash (the sixth is Okabe & Ito's yellow, darkened to 3:1).
 */
export const CATEGORICAL = [
  '#0072B2',
  '#C85200',
  '#00785A',
  '#A8508A',
  '#4D4D4D',
  '#8A6D00',
] as const;

/** Dash patterns paired with the categories, so series differ by more than colour. */
export const DASHES = [null, '6 3', '2 3', '8 3 2 3', '1 2', '4 2 1 2'] as const;

/** Text and axes. */
export const INK = '#1a1a1a';
/** Secondary text (tick labels): 7:1 on white. */
export const INK_MUTED = '#4a4a4a';
/** Grid lines and missing-data tiles: decoration, not information. */
export const RULE = '#d0d0d0';
export const NO_DATA_FILL = '#f2f2f2';
/** The highlighted element (the current region among its siblings, a threshold). */
export const ACCENT = '#C85200';

/** The colour of series `i` (cycling). */
export function categorical(i: number): string {
  return CATEGORICAL[((i % CATEGORICAL.length) + CATEGORICAL.length) % CATEGORICAL.length]!;
}

export function dash(i: number): string | null {
  return DASHES[((i % DASHES.length) + DASHES.length) % DASHES.length]!;
}

/**
 * A colour for `t` in [0, 1] on the sequential scale. The pale end is cut off so the lowest
 * values still stand out from the page and from the no-data grey.
 */
export function sequential(t: number): string {
  const clamped = Math.min(1, Math.max(0, t));
  return interpolateCividis(0.08 + clamped * 0.92);
}

/**
 * A colour for `t` in [0, 1] on the scale of published figures (viridis). The pale yellow top is
 * cut off so black labels keep 4.5:1 everywhere and the highest values stay off the no-data grey.
 */
export function sequentialPublished(t: number): string {
  const clamped = Math.min(1, Math.max(0, t));
  return interpolateViridis(clamped * 0.92);
}

/** Relative luminance of a `#rrggbb` or `rgb(r, g, b)` colour (WCAG 2). */
export function luminance(color: string): number {
  const [r, g, b] = parseColor(color).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export function textOn(background: string): '#000000' | '#ffffff' {
  return contrast(background, '#000000') >= contrast(background, '#ffffff') ? '#000000' : '#ffffff';
}

function parseColor(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(color);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`unknown colour: ${color}`);
}
