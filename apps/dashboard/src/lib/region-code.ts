// The shapes of BPS region codes, written once for the dashboard: a province "35", a regency
// "35.05", a district "35.05.04" (an "area": a page under /wilayah) and a village "35.05.04.2014"
// (a page under /desa). Whether such a region exists is the API's answer, not these.

const AREA = /^\d{2}(\.\d{2}){0,2}$/;
const VILLAGE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/**
 * Whether `code` is a province, regency or district code.
 *
 * @example
 * ```ts
 * isAreaCode('35.05'); // true
 * isAreaCode('35.05.04.2014'); // false
 * ```
 */
export function isAreaCode(code: string | null | undefined): boolean {
  return typeof code === 'string' && AREA.test(code);
}

/**
 * Whether `code` is a village code.
 *
 * @example
 * ```ts
 * isVillageCode('35.05.04.2014'); // true
 * ```
 */
export function isVillageCode(code: string | null | undefined): boolean {
  return typeof code === 'string' && VILLAGE.test(code);
}

/** Whether `code` is a region code of any level, a village's too. */
export function isRegionCode(code: string | null | undefined): boolean {
  return isAreaCode(code) || isVillageCode(code);
}

/** The HTML `pattern` of an area code, for a form's input (without the anchors, as HTML adds them). */
export const AREA_CODE_PATTERN = AREA.source.slice(1, -1);
