import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportScope, type ScopeRegion } from './export-scope.js';

const CODES = [
  '35',
  '35.05',
  '35.05.04',
  '35.05.04.2014',
  '35.050',
  '35.06',
  '35.06.01',
  '36',
  '3',
];

describe('createExportScope', () => {
  let instance: DuckDBInstance;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
  });
  afterAll(() => instance.closeSync());

  /** The codes a predicate keeps, evaluated by DuckDB. */
  async function kept(predicate: (column: string) => string): Promise<string[]> {
    const connection = await instance.connect();
    const values = CODES.map((c) => `('${c}')`).join(', ');
    const result = await connection.runAndReadAll(
      `select code from (values ${values}) t(code) where ${predicate('code')} order by code`,
    );
    connection.closeSync();
    return result.getRowObjectsJson().map((r) => String(r.code));
  }

  const regency: ScopeRegion = { code: '35.05', name: 'Blitar', level: 'regency' };

  it('inside: the region and everything under it, not a sibling sharing its prefix', async () => {
    expect(await kept(createExportScope(regency, {}).inside)).toEqual([
      '35.05',
      '35.05.04',
      '35.05.04.2014',
    ]);
  });

  it('insideOrAbove adds the ancestors, and no other region', async () => {
    expect(await kept(createExportScope(regency, {}).insideOrAbove)).toEqual([
      '35',
      '35.05',
      '35.05.04',
      '35.05.04.2014',
    ]);
  });

  it('province keeps the province code only; a national scope keeps everything', async () => {
    expect(await kept(createExportScope(regency, {}).province)).toEqual(['35']);
    const national = createExportScope(null, {});
    for (const predicate of [national.inside, national.insideOrAbove, national.province]) {
      expect(await kept(predicate)).toEqual([...CODES].sort());
    }
  });

  it('inYears: both bounds included, either optional', () => {
    const cases: Array<[{ from?: number; to?: number }, string]> = [
      [{}, 'true'],
      [{ from: 2021 }, 'y >= 2021'],
      [{ to: 2022 }, 'y <= 2022'],
      [{ from: 2021, to: 2022 }, 'y >= 2021 and y <= 2022'],
    ];
    for (const [years, expected] of cases) {
      expect(createExportScope(null, years).inYears('y')).toBe(expected);
    }
  });

  it('quotes codes as SQL literals', () => {
    const odd: ScopeRegion = { code: "35'", name: 'x', level: 'province' };
    expect(createExportScope(odd, {}).inside('c')).toBe(
      "(c = '35''' or (c >= '35''.' and c < '35''/'))",
    );
  });
});
