import { INK, INK_MUTED, RULE } from './palette.js';
import { tag, textTag } from './svg.js';

/** What an axis needs of a scale: a position for a value, and its ticks. */
export interface AxisScale {
  (value: number): number;
  ticks(count?: number): number[];
}

export interface AxisOptions {
  /** Formats a tick value for display (locale, unit). */
  format: (value: number) => string;
  /** Roughly how many ticks; d3 picks round values near it. */
  ticks?: number;
  /** Explicit tick values (e.g. every year), instead of `ticks`. */
  values?: readonly number[];
  /** Axis title, written at the end of the axis. */
  label?: string;
}

/**
 * A horizontal axis at `y`: tick marks, labels below, and grid lines up to `gridTop` if given.
 */
export function axisBottom(
  scale: AxisScale,
  y: number,
  options: AxisOptions & { gridTop?: number; x1: number },
): string {
  const values = options.values ?? scale.ticks(options.ticks ?? 5);
  const ticks = values.map((value) => {
    const x = scale(value);
    return tag(
      'g',
      { transform: `translate(${round(x)},0)` },
      options.gridTop === undefined
        ? ''
        : tag('line', { y1: y, y2: options.gridTop, stroke: RULE, 'stroke-width': 1 }),
      tag('line', { y1: y, y2: y + 5, stroke: INK }),
      textTag(
        'text',
        { y: y + 17, 'text-anchor': 'middle', fill: INK_MUTED },
        options.format(value),
      ),
    );
  });
  const title = options.label
    ? textTag(
        'text',
        { x: options.x1, y: y + 32, 'text-anchor': 'end', fill: INK, class: 'axis-label' },
        options.label,
      )
    : '';
  return tag('g', { class: 'axis axis-x', 'aria-hidden': 'true' }, ...ticks, title);
}

/** A vertical axis at `x`: labels to the left, grid lines across to `gridRight` if given. */
export function axisLeft(
  scale: AxisScale,
  x: number,
  options: AxisOptions & { gridRight?: number; y0: number },
): string {
  const values = options.values ?? scale.ticks(options.ticks ?? 5);
  const ticks = values.map((value) => {
    const y = scale(value);
    return tag(
      'g',
      { transform: `translate(0,${round(y)})` },
      options.gridRight === undefined
        ? ''
        : tag('line', { x1: x, x2: options.gridRight, stroke: RULE, 'stroke-width': 1 }),
      textTag(
        'text',
        { x: x - 6, dy: '0.32em', 'text-anchor': 'end', fill: INK_MUTED },
        options.format(value),
      ),
    );
  });
  const title = options.label
    ? textTag(
        'text',
        { x: x - 6, y: options.y0 - 10, 'text-anchor': 'start', fill: INK, class: 'axis-label' },
        options.label,
      )
    : '';
  return tag('g', { class: 'axis axis-y', 'aria-hidden': 'true' }, ...ticks, title);
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}
