import { VIEW_PARAMS, filterQuery, type Filters } from './filters.js';
import { isAreaCode } from './region-code.js';

/** How many regions `/banding` sets side by side: at least two to compare, at most six to read. */
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 6;

/** The URL parameter of the compared regions, in order: `?wilayah=35.05,35.06`. */
export const COMPARE_PARAM = 'wilayah';

// Provinces, regencies and districts: the levels with villages to compare. A village has a page
// of its own (/desa) and no divide.

/** The regions of a comparison as read from the URL, and what was left out and why. */
export interface CompareSelection {
  /** The codes to compare, in the URL's order, without repeats, at most {@link COMPARE_MAX}. */
  codes: string[];
  /** Entries that are not the code of a province, regency or district (a village's, a name). */
  invalid: string[];
  /** Valid codes beyond the first {@link COMPARE_MAX}. */
  dropped: string[];
}

/**
 * The regions of `?wilayah=`: comma-separated codes, kept in their order; repeats, blanks and
 * entries that are no province, regency or district code are left out (the invalid ones named).
 *
 * @example
 * ```ts
 * parseCompareCodes('35.05,35.06,35.05'); // { codes: ['35.05', '35.06'], invalid: [], dropped: [] }
 * parseCompareCodes('35.05,blitar'); // { codes: ['35.05'], invalid: ['blitar'], dropped: [] }
 * ```
 */
export function parseCompareCodes(param: string | null): CompareSelection {
  const codes: string[] = [];
  const invalid: string[] = [];
  const dropped: string[] = [];
  for (const raw of (param ?? '').split(',')) {
    const entry = raw.trim();
    if (entry === '' || codes.includes(entry) || dropped.includes(entry)) continue;
    if (!isAreaCode(entry)) invalid.push(entry);
    else if (codes.length < COMPARE_MAX) codes.push(entry);
    else dropped.push(entry);
  }
  return { codes, invalid, dropped };
}

/**
 * The URL of a comparison of `codes` (in that order) with the view's settings. The codes are
 * written as they are, comma-separated (digits and dots need no escaping), so the URL reads as
 * the issue and the README write it.
 *
 * @example
 * ```ts
 * compareHref(['35.05', '35.06'], filters); // '/banding?wilayah=35.05,35.06&year=2024'
 * ```
 */
export function compareHref(codes: readonly string[], filters: Filters): string {
  const rest = filterQuery(filters, VIEW_PARAMS).replace(/^\?/, '');
  const parts = [codes.length > 0 ? `${COMPARE_PARAM}=${codes.join(',')}` : '', rest].filter(
    (p) => p !== '',
  );
  return parts.length > 0 ? `/banding?${parts.join('&')}` : '/banding';
}

/** `codes` with `code` added at the end (unchanged when present or full). */
export function withRegion(codes: readonly string[], code: string): string[] {
  if (codes.includes(code) || codes.length >= COMPARE_MAX) return [...codes];
  return [...codes, code];
}

/** `codes` without `code`, the others in their order. */
export function withoutRegion(codes: readonly string[], code: string): string[] {
  return codes.filter((c) => c !== code);
}

/**
 * What the "add a region" box holds: a code (typed, or chosen from the suggestions, which read
 * "Kabupaten Kediri (35.06)"), or words to search for.
 *
 * @example
 * ```ts
 * readAddition('Kabupaten Kediri (35.06)'); // { code: '35.06' }
 * readAddition('kediri'); // { query: 'kediri' }
 * ```
 */
export function readAddition(text: string): { code: string } | { query: string } | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const inParentheses = /\((\d{2}(?:\.\d{2}){0,2})\)\s*$/.exec(trimmed)?.[1];
  if (inParentheses) return { code: inParentheses };
  if (isAreaCode(trimmed)) return { code: trimmed };
  return { query: trimmed };
}

/** One suggestion of the add box: its text carries the code, so the server needs no search. */
export function additionLabel(region: { code: string; name: string }): string {
  return `${region.name} (${region.code})`;
}
