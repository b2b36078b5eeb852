import type { ChildrenInRange, LorenzCurve, TimeseriesPoint } from './api-types.js';
import { filterHref, type Filters } from './filters.js';
import { isRegionCode } from './region-code.js';

// The cross-filter of the nation and region pages: selecting a child region (a tile, a bar, a
// row) or a range of values (histogram bins) changes the page's other charts instead of leaving
// the page. The selection is the page's own, in its URL beside the filters:
//   ?pilih=35,33          child regions (at most MAX_SELECTED), in the order chosen;
//   ?rentang=1.5-2.5      a range of values, whole histogram bins: from <= value < to.
// Every link to another page drops it (it names children of this page only); a link that changes
// it is a link to this page, so it works without JavaScript and by keyboard, and back/forward
// step through selections. Drilling down is a separate, explicit link (or a double click).

/** A range of values, from the low edge of one bin to the high edge of another. */
export interface ValueRange {
  from: number;
  to: number;
}

/** What is selected on a page. */
export interface Selection {
  /** Child regions, in the order chosen. */
  codes: readonly string[];
  range: ValueRange | null;
}

/** A selected child with its line over the years and its Lorenz curve (the page's measure). */
export interface SelectedSeries {
  code: string;
  name: string;
  points: TimeseriesPoint[];
  /** The year shown; null when the child has no values that year. */
  lorenz: LorenzCurve | null;
}

/** What the other charts of a page need for its selection (see lib/cross-filter.ts). */
export interface CrossFilterData {
  /**
   * Whether the page's marks select (false while two years are compared: they drill down, and
   * nothing is selected).
   */
  active: boolean;
  /** The selection as the page applies it: only codes of its children. */
  selection: Selection;
  /** Each selected child's line, in the order chosen. */
  selected: SelectedSeries[];
  /** Each child's villages in the selected range; null without a range. */
  inRange: ChildrenInRange | null;
}

/** The URL names of the selection. */
export const SELECTION_PARAMS = { codes: 'pilih', range: 'rentang' } as const;

/** Regions selected at once at most: more lines than this no longer read on one chart. */
export const MAX_SELECTED = 6;
/** Codes read from a URL at most, before those that are not the page's children are left out. */
const MAX_PARSED = 64;

/** Nothing selected: what a page applies while the cross-filter is off (comparing two years). */
export const NO_SELECTION: Selection = { codes: [], range: null };

const RANGE = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/;

/**
 * The selection in `params`; malformed parts are left out (a hand-edited link still shows the
 * page), repeated codes kept once, at most {@link MAX_SELECTED}.
 *
 * @example
 * ```ts
 * parseSelection(new URLSearchParams('pilih=35,33&rentang=1.5-2'));
 * // { codes: ['35', '33'], range: { from: 1.5, to: 2 } }
 * ```
 */
export function parseSelection(params: URLSearchParams): Selection {
  const codes = [
    ...new Set(
      (params.get(SELECTION_PARAMS.codes) ?? '')
        .split(',')
        .map((c) => c.trim())
        .filter((c) => isRegionCode(c)),
    ),
  ].slice(0, MAX_PARSED);
  const match = RANGE.exec(params.get(SELECTION_PARAMS.range) ?? '');
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  const range =
    match && Number.isFinite(from) && Number.isFinite(to) && to > from ? { from, to } : null;
  return { codes, range };
}

/**
 * The selection restricted to `children` (codes of this page's children), in its order, at most
 * {@link MAX_SELECTED}; a range kept only when its ends are edges of `bins` (the histogram shown:
 * a range of another measure or year is not whole bins of this one, and is dropped).
 */
export function selectionOf(
  selection: Selection,
  children: Iterable<string>,
  bins: readonly RangeBin[] | null = null,
): Selection {
  const known = new Set(children);
  const edges = new Set(bins?.flatMap((b) => [b.x0, b.x1]) ?? []);
  const range = selection.range;
  return {
    codes: selection.codes.filter((c) => known.has(c)).slice(0, MAX_SELECTED),
    range: range && edges.has(range.from) && edges.has(range.to) ? range : null,
  };
}

/** Whether anything is selected. */
export function hasSelection(selection: Selection): boolean {
  return selection.codes.length > 0 || selection.range !== null;
}

/**
 * The link to `path` with the view's filters and `selection` (empty parts left out).
 *
 * @example
 * ```ts
 * selectionHref('/', filters, { codes: ['35'], range: null }); // '/?pilih=35'
 * ```
 */
export function selectionHref(path: string, filters: Filters, selection: Selection): string {
  const href = filterHref(path, filters);
  const params = new URLSearchParams();
  if (selection.codes.length > 0) params.set(SELECTION_PARAMS.codes, selection.codes.join(','));
  if (selection.range) {
    params.set(SELECTION_PARAMS.range, `${selection.range.from}-${selection.range.to}`);
  }
  const extra = params.toString().replaceAll('%2C', ',');
  if (extra === '') return href;
  return `${href}${href.includes('?') ? '&' : '?'}${extra}`;
}

/**
 * The selection with `code` added (at the end) or, when selected, taken out. Past
 * {@link MAX_SELECTED}, the earliest chosen goes.
 */
export function toggleCode(selection: Selection, code: string): Selection {
  const codes = selection.codes.includes(code)
    ? selection.codes.filter((c) => c !== code)
    : [...selection.codes, code].slice(-MAX_SELECTED);
  return { ...selection, codes };
}

/** A histogram bin as the range needs it. */
export interface RangeBin {
  x0: number;
  x1: number;
}

/** Whether the bin lies in the range. */
export function binInRange(bin: RangeBin, range: ValueRange | null): boolean {
  return range !== null && bin.x0 >= range.from && bin.x1 <= range.to;
}

/**
 * The range after a click on `bin`: the bin alone when nothing is selected or the bin lies
 * strictly inside the range; the range grown to reach the bin when it lies outside (the range
 * stays whole bins, without holes); the range without the bin when it is one of its ends; nothing
 * when it was the only one.
 *
 * @example
 * ```ts
 * rangeAfterClick(null, { x0: 1, x1: 1.5 }); // { from: 1, to: 1.5 }
 * rangeAfterClick({ from: 1, to: 1.5 }, { x0: 2, x1: 2.5 }); // { from: 1, to: 2.5 }
 * rangeAfterClick({ from: 1, to: 2.5 }, { x0: 2, x1: 2.5 }); // { from: 1, to: 2 }
 * ```
 */
export function rangeAfterClick(range: ValueRange | null, bin: RangeBin): ValueRange | null {
  if (range === null) return { from: bin.x0, to: bin.x1 };
  if (!binInRange(bin, range)) {
    return { from: Math.min(range.from, bin.x0), to: Math.max(range.to, bin.x1) };
  }
  const first = bin.x0 === range.from;
  const last = bin.x1 === range.to;
  if (first && last) return null;
  if (first) return { from: bin.x1, to: range.to };
  if (last) return { from: range.from, to: bin.x0 };
  return { from: bin.x0, to: bin.x1 };
}

/**
 * Whether a range of `bins` also holds its `to` value: the histogram's last bin holds its upper
 * edge, so a range that ends there does too (the API's `includeTo`).
 */
export function rangeIncludesTo(range: ValueRange, bins: readonly RangeBin[]): boolean {
  const top = bins.at(-1);
  return top !== undefined && range.to >= top.x1;
}
