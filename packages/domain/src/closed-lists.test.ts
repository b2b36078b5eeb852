import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EXPORT_FORMATS,
  ExportFormat,
  INDEX_MEASURES,
  IndexMeasure,
  KIND_FILTERS,
  KindFilter,
  OBSERVATION_SOURCES,
  REGION_LEVELS,
  RegionLevel,
  ObservationSource,
  SECTOR_CODES,
  Sector,
  VILLAGE_KINDS,
  VillageKind,
  USER_ROLES,
  UserRole,
} from './index.js';

// Each closed list is a const tuple in a zod-free module and a schema built from it elsewhere.
const LISTS = [
  ['regions/region-levels.ts', REGION_LEVELS, RegionLevel.options],
  ['regions/village-kinds.ts', VILLAGE_KINDS, VillageKind.options],
  ['regions/village-kinds.ts', KIND_FILTERS, KindFilter.options],
  ['indicators/index-measures.ts', INDEX_MEASURES, IndexMeasure.options],
  ['sector-codes.ts', SECTOR_CODES, Sector.options],
  ['indicators/observation-sources.ts', OBSERVATION_SOURCES, ObservationSource.options],
  ['export-formats.ts', EXPORT_FORMATS, ExportFormat.options],
  ['users/user-roles.ts', USER_ROLES, UserRole.options],
] as const;

describe('closed lists', () => {
  it('each schema accepts exactly its tuple', () => {
    for (const [, list, options] of LISTS) expect(options).toEqual([...list]);
  });

  it('the modules holding the tuples import nothing, zod least of all (a browser imports them)', () => {
    for (const [file] of LISTS) {
      const source = readFileSync(new URL(file, import.meta.url), 'utf8');
      expect(source, file).not.toMatch(/^\s*import\s/m);
    }
  });

  it('a kind filter is all or a village kind', () => {
    expect(KIND_FILTERS).toEqual(['all', 'kelurahan', 'desa', 'desa_adat']);
    expect(KindFilter.safeParse('kota').success).toBe(false);
  });

  it('the lists are the known ones', () => {
    expect(EXPORT_FORMATS).toEqual(['parquet', 'csv', 'duckdb']);
    expect(OBSERVATION_SOURCES).toEqual(['synthetic', 'published', 'imported']);
  });
});
