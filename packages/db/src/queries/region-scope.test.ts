import { describe, expect, it } from 'vitest';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { InvalidRegionCodeError } from '@pandu/domain';
import { QueryInputError } from './query-input-error.js';
import { kindFilter, measureColumn, regionScope } from '../sql/index.js';

// Compile-only Kysely: the DuckDB dialect reuses Postgres's compiler, so this is the SQL it sends.
const compiler = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const compile = (where: ReturnType<typeof kindFilter>) =>
  sql`select 1 from village_index where ${where}`.compile(compiler);

describe('regionScope', () => {
  it('filters on the column of the code level and names the child column', () => {
    for (const [code, level, child, column] of [
      [undefined, 'nation', 'province_code', undefined],
      ['35', 'province', 'regency_code', 'province_code'],
      ['35.05', 'regency', 'district_code', 'regency_code'],
      ['35.05.04', 'district', 'village_code', 'district_code'],
      ['35.05.04.2014', 'village', undefined, 'village_code'],
    ] as const) {
      const scope = regionScope(code);
      expect(scope.level).toBe(level);
      expect(scope.childColumn).toBe(child);
      const compiled = compile(scope.where);
      if (column === undefined) {
        expect(compiled.sql).toBe('select 1 from village_index where true');
      } else {
        expect(compiled.sql).toBe(`select 1 from village_index where "${column}" = $1`);
        expect(compiled.parameters).toEqual([code]);
      }
    }
  });

  it('filters the regions table on village rows, by `code` for a village itself', () => {
    expect(compile(regionScope('35.05').villagesWhere).sql).toContain(
      `level = 'village' and "regency_code" = $1`,
    );
    expect(compile(regionScope('35.05.04.2014').villagesWhere).sql).toContain(
      `level = 'village' and "code" = $1`,
    );
    expect(compile(regionScope(undefined).villagesWhere).sql).toContain(`level = 'village'`);
  });

  it('trims a code and throws the domain error on a malformed one', () => {
    expect(regionScope(' 35.05 ').code).toBe('35.05');
    for (const bad of ['', '35.5', 'abc', '35.05.04.2014.1']) {
      expect(() => regionScope(bad)).toThrow(InvalidRegionCodeError);
    }
  });
});

describe('kindFilter and measureColumn', () => {
  it('compile each kind; desa means every village that is not a kelurahan', () => {
    expect(compile(kindFilter(undefined)).sql).toMatch(/where true$/);
    expect(compile(kindFilter('all')).sql).toMatch(/where true$/);
    expect(compile(kindFilter('kelurahan')).sql).toMatch(/where kind = 'kelurahan'$/);
    expect(compile(kindFilter('desa')).sql).toMatch(/where kind <> 'kelurahan'$/);
    expect(compile(kindFilter('desa_adat')).sql).toMatch(/where kind = 'desa_adat'$/);
  });

  // Regression: an unknown kind used to fall through to desa_adat, and any column name
  // (e.g. 'year') was accepted as a measure and averaged.
  it('refuse an unknown kind or measure instead of guessing', () => {
    expect(() => kindFilter('kota' as never)).toThrow(QueryInputError);
    expect(() => kindFilter('kota' as never)).toThrow(/invalid kind: unknown kind "kota"/);
    expect(() => measureColumn('year' as never)).toThrow(/invalid measure: unknown measure "year"/);
    expect(compile(measureColumn(undefined) as never).sql).toBe(
      'select 1 from village_index where "skills_index"',
    );
  });
});
