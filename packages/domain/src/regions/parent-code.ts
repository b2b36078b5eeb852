import type { RegionCode } from './region-code.js';
import { parseRegionCode } from './region-code.js';

/**
 * The code of the region one level up: the district of a village, the regency of a district, the
 * province of a regency; `undefined` for a province. Kemendagri codes nest by prefix, so this is
 * the code without its last segment, and needs no region data.
 *
 * @throws {InvalidRegionCodeError} if `code` is not a region code.
 * @example
 * ```ts
 * parentCode('35.05.04.2014'); // '35.05.04'
 * parentCode('35'); // undefined
 * ```
 */
export function parentCode(code: string): RegionCode | undefined {
  const parsed = parseRegionCode(code);
  const cut = parsed.lastIndexOf('.');
  // A prefix of a valid code, cut at a dot, is itself a valid code.
  return cut === -1 ? undefined : (parsed.slice(0, cut) as RegionCode);
}

/**
 * The codes of every region above this one, **province first**, not including the code itself:
 * the order in which a breadcrumb is read. A province has no ancestors (`[]`); a village has three.
 *
 * @throws {InvalidRegionCodeError} if `code` is not a region code.
 * @example
 * ```ts
 * ancestorCodes('35.05.04.2014'); // ['35', '35.05', '35.05.04']
 * ancestorCodes('35'); // []
 * ```
 */
export function ancestorCodes(code: string): RegionCode[] {
  const segments = parseRegionCode(code).split('.');
  const ancestors: RegionCode[] = [];
  for (let depth = 1; depth < segments.length; depth++) {
    ancestors.push(segments.slice(0, depth).join('.') as RegionCode);
  }
  return ancestors;
}
