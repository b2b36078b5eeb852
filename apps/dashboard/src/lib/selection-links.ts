import {
  binInRange,
  rangeAfterClick,
  selectionHref,
  toggleCode,
  type RangeBin,
  type Selection,
} from './cross-filter.js';
import type { Filters } from './filters.js';
import { regionHref } from './region-href.js';

/** The links of a page's cross-filter: what each mark's click does and what undoes it. */
export interface SelectionLinks {
  /** The page with `code` selected, or taken out when selected. */
  toggle: (code: string) => string;
  /** Whether `code` is selected. */
  isSelected: (code: string) => boolean;
  /** The child's own page (the drill-down), without this page's selection. */
  drill: (code: string) => string;
  /** The page after a click on the histogram's `bin` (see rangeAfterClick). */
  bin: (bin: RangeBin) => string;
  /** Whether the bin lies in the selected range. */
  binSelected: (bin: RangeBin) => boolean;
  /** The page with `code` taken out. */
  remove: (code: string) => string;
  /** The page without the range. */
  removeRange: string;
  /** The page without any selection. */
  clear: string;
}

/**
 * The cross-filter's links for the page at `path` (its filters and its selection), so the page's
 * marks, its selection bar and its tests agree on one set of rules.
 *
 * @example
 * ```ts
 * const links = selectionLinks('/', filters, { codes: ['35'], range: null });
 * links.toggle('33'); // '/?pilih=35,33'
 * links.drill('35'); // '/wilayah/35'
 * ```
 */
export function selectionLinks(
  path: string,
  filters: Filters,
  selection: Selection,
): SelectionLinks {
  const href = (next: Selection) => selectionHref(path, filters, next);
  return {
    toggle: (code) => href(toggleCode(selection, code)),
    isSelected: (code) => selection.codes.includes(code),
    drill: (code) => regionHref(code, filters),
    bin: (bin) => href({ ...selection, range: rangeAfterClick(selection.range, bin) }),
    binSelected: (bin) => binInRange(bin, selection.range),
    remove: (code) => href({ ...selection, codes: selection.codes.filter((c) => c !== code) }),
    removeRange: href({ ...selection, range: null }),
    clear: href({ codes: [], range: null }),
  };
}
