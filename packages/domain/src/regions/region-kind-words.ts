// Zod-free, like village-kinds.ts.
import type { RegionLevel } from './region-level.js';
import type { VillageKind } from './village-kind.js';

/**
 * What a kind word in a search names: a level, and for regencies (`kabupaten` or `kota`, read
 * from the name) and villages (`VillageKind`) the kind within it.
 */
export type RegionKindWord =
  | { level: 'province' }
  | { level: 'regency'; kind: 'kabupaten' | 'kota' }
  | { level: 'district' }
  | { level: 'village'; kinds: readonly VillageKind[] };

/**
 * The words (lower case, no dots) by which people name the kind of a region, with their common
 * abbreviations: `kab blitar`, `kota malang`, `kec kademangan`, `desa plosorejo`. `desa` covers
 * desa adat too (a desa adat is a desa in common speech); `kel` is a kelurahan.
 *
 * @example
 * ```ts
 * REGION_KIND_WORDS.kab; // { level: 'regency', kind: 'kabupaten' }
 * ```
 */
export const REGION_KIND_WORDS: Readonly<Record<string, RegionKindWord>> = {
  prov: { level: 'province' },
  provinsi: { level: 'province' },
  propinsi: { level: 'province' },
  kab: { level: 'regency', kind: 'kabupaten' },
  kabupaten: { level: 'regency', kind: 'kabupaten' },
  kota: { level: 'regency', kind: 'kota' },
  kotamadya: { level: 'regency', kind: 'kota' },
  kec: { level: 'district' },
  kecamatan: { level: 'district' },
  distrik: { level: 'district' },
  desa: { level: 'village', kinds: ['desa', 'desa_adat'] },
  ds: { level: 'village', kinds: ['desa', 'desa_adat'] },
  kel: { level: 'village', kinds: ['kelurahan'] },
  kelurahan: { level: 'village', kinds: ['kelurahan'] },
};

/** The level of a regency (`Kota ...`, `Kota Administrasi ...` or `Kabupaten ...`) by its name. */
export function regencyKind(name: string): 'kabupaten' | 'kota' {
  return /^kota\b/i.test(name.trim()) ? 'kota' : 'kabupaten';
}

/**
 * Whether a region of `level` (with village `kind`, or regency `name`) is what `word` names.
 *
 * @example
 * ```ts
 * regionIsKind(REGION_KIND_WORDS.kota!, 'regency', null, 'Kota Malang'); // true
 * ```
 */
export function regionIsKind(
  word: RegionKindWord,
  level: RegionLevel,
  kind: VillageKind | null,
  name: string,
): boolean {
  if (word.level !== level) return false;
  if (word.level === 'regency') return regencyKind(name) === word.kind;
  if (word.level === 'village') return kind !== null && word.kinds.includes(kind);
  return true;
}
