// Zod-free, like indicators/measure-scales.ts: a browser bundle that needs only these lists (the
// dashboard's filters) leaves zod out. The schemas built from them are in village-kind.ts.

/**
 * The legal kinds of a village in code order (digit 1, 2, 3); see `VillageKind`.
 *
 * @example
 * ```ts
 * VILLAGE_KINDS[0]; // 'kelurahan'
 * ```
 */
export const VILLAGE_KINDS = ['kelurahan', 'desa', 'desa_adat'] as const;

/**
 * Which villages a figure covers by kind: `all`, `kelurahan` (urban), `desa` (rural: every
 * non-kelurahan village, desa adat included) or `desa_adat` alone; see `KindFilter`.
 *
 * @example
 * ```ts
 * KIND_FILTERS.slice(1); // ['kelurahan', 'desa', 'desa_adat'], the VILLAGE_KINDS
 * ```
 */
export const KIND_FILTERS = ['all', ...VILLAGE_KINDS] as const;
