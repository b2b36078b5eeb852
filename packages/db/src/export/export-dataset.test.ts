import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORK } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { importObservations } from '../import/import-observations.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { exportDataset } from './export-dataset.js';

/** Observations as a comparable checksum, optionally for one region. */
async function checksum(db: Kysely<Database>, like = '%') {
  const r = await sql<{ n: number; h: string }>`
    select count(*) as n, sum(hash(village_code, year, indicator, value, source))::varchar as h
    from observations where village_code like ${like}`.execute(db);
  return r.rows[0];
}

/** Run SQL in a fresh, independent DuckDB instance: what a researcher's tool would see. */
async function outside<T>(query: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(query)).getRowObjectsJson() as T[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('exportDataset', () => {
  let t: SeededTestDatabase;
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
  });
  afterAll(() => t?.cleanup());

  it('writes zstd Parquet partitioned by province and year, with the partition columns inside each file', async () => {
    const outDir = join(t.dir, 'parquet');
    const result = await exportDataset(t.db, { format: 'parquet', outDir });
    const folders = await readdir(join(outDir, 'observations', 'province=35'));
    expect(folders.sort()).toEqual([
      'year=2020',
      'year=2021',
      'year=2022',
      'year=2023',
      'year=2024',
      'year=2025',
    ]);
    const glob = join(outDir, 'observations', '*', '*', '*.parquet');
    const [inside] = await outside<{ n: string; provinces: string; years: string }>(
      `select count(*) as n, count(distinct province) as provinces, count(distinct year) as years
       from read_parquet('${glob}', hive_partitioning = false)`,
    );
    const stored = await checksum(t.db);
    expect(Number(inside?.n)).toBe(stored?.n);
    expect(inside).toMatchObject({ provinces: '1', years: '6' });
    const compression = await outside<{ compression: string }>(
      `select distinct compression from parquet_metadata('${glob}')`,
    );
    expect(compression).toEqual([{ compression: 'ZSTD' }]);
    const observations = result.files.find((f) => f.table === 'observations');
    expect(observations?.rows).toBe(stored?.n);
    const regions = await outside<{ n: string }>(
      `select count(*) as n from '${join(outDir, 'regions.parquet')}'`,
    );
    expect(Number(regions[0]?.n)).toBe(t.seed.regions);
  });

  it('re-imports its own observations with replace and changes nothing (CSV and Parquet)', async () => {
    const before = await checksum(t.db);
    const csvDir = join(t.dir, 'roundtrip-csv');
    await exportDataset(t.db, { format: 'csv', outDir: csvDir });
    const csv = await importObservations(t.db, join(csvDir, 'observations.csv'), { replace: true });
    expect(csv.replaced).toBe(before?.n);
    expect(await checksum(t.db)).toEqual(before);

    const pqDir = join(t.dir, 'roundtrip-parquet');
    await exportDataset(t.db, {
      format: 'parquet',
      outDir: pqDir,
      region: '35.05.04',
      years: { from: 2024 },
    });
    const file = join(pqDir, 'observations', 'province=35', 'year=2024', 'data_0.parquet');
    const pq = await importObservations(t.db, file, { replace: true });
    expect(pq.accepted).toBeGreaterThan(100);
    expect(pq.replaced).toBe(pq.accepted);
    expect(await checksum(t.db)).toEqual(before);
  });

  it('scopes to a region and years: its villages, its ancestors, nothing else', async () => {
    const outDir = join(t.dir, 'scoped');
    const result = await exportDataset(t.db, {
      format: 'csv',
      outDir,
      region: '35.05',
      years: { from: 2021, to: 2022 },
    });
    const rows = (table: string) => result.files.find((f) => f.table === table)?.rows;
    const expected = await sql<{ n: number }>`
      select count(*) as n from observations where village_code like '35.05.%' and year between 2021 and 2022`.execute(
      t.db,
    );
    expect(rows('observations')).toBe(expected.rows[0]?.n);
    const regions = await outside<{ level: string; n: string; outside: string }>(
      `select level, count(*) as n, count(*) filter (where code <> '35' and code not like '35.05%') as outside
       from read_csv('${join(outDir, 'regions.csv')}', all_varchar = true) group by level order by level`,
    );
    expect(regions).toEqual([
      { level: 'district', n: '22', outside: '0' },
      { level: 'province', n: '1', outside: '0' },
      { level: 'regency', n: '1', outside: '0' },
      { level: 'village', n: '248', outside: '0' },
    ]);
    const years = await outside<{ y: string }>(
      `select distinct year::varchar as y from read_csv('${join(outDir, 'observations.csv')}') order by 1`,
    );
    expect(years.map((y) => y.y)).toEqual(['2021', '2022']);
    // The Blitar workshop was held in 35.05: its event row is in this export.
    const events = await readFile(join(outDir, 'mentoring_events.csv'), 'utf8');
    expect(events).toContain('kominfo-blitar-2021-11-02');
  });

  it('writes a standalone .duckdb file that opens in a fresh DuckDB', async () => {
    const outDir = join(t.dir, 'duckdb');
    await exportDataset(t.db, { format: 'duckdb', outDir, region: '35.05.04' });
    const path = join(outDir, 'pandu-export.duckdb');
    const [row] = await outside<{ villages: string; observations: string; tables: string }>(
      `attach '${path}' as x (read_only);
       select (select count(*) from x.regions where level = 'village') as villages,
         (select count(*) from x.observations) as observations,
         (select count(*) from information_schema.tables where table_catalog = 'x') as tables`,
    );
    const expected = await sql<{
      n: number;
    }>`select count(*) as n from observations where village_code like '35.05.04.%'`.execute(t.db);
    expect(row).toEqual({
      villages: '15',
      observations: String(expected.rows[0]?.n),
      tables: '13',
    });
  });

  it('always writes a data dictionary with every indicator, the synthetic statement and the ODbL attribution', async () => {
    const outDir = join(t.dir, 'dictionary');
    const result = await exportDataset(t.db, { format: 'csv', outDir, region: '35.05.04.2014' });
    const md = await readFile(result.dictionaryPath, 'utf8');
    for (const i of FRAMEWORK.indicators) expect(md).toContain(`| ${i.id} |`);
    expect(md).toContain('SYNTHETIC');
    expect(md).toContain('Open Database License (ODbL) 1.0');
    expect(md).toContain('idn-area-data');
    const json = JSON.parse(await readFile(join(outDir, 'data-dictionary.json'), 'utf8')) as {
      scope: string;
      licence: { regions: string };
      tables: Array<{ name: string }>;
    };
    expect(json.scope).toBe('35.05.04.2014');
    expect(json.licence.regions).toBe('ODbL-1.0');
    expect(json.tables.map((x) => x.name)).toContain('planted_effects');
  });

  it('refuses bad options with a message naming the option', async () => {
    const outDir = join(t.dir, 'refused');
    const cases: Array<[Parameters<typeof exportDataset>[1], RegExp]> = [
      [
        { format: 'xlsx' as 'csv', outDir },
        /format must be one of parquet, csv, duckdb, got "xlsx"/,
      ],
      [{ format: 'csv', outDir, region: '35.99' }, /unknown region code: 35.99/],
      [{ format: 'csv', outDir, region: '35-05' }, /invalid region code "35-05"/],
      [
        { format: 'csv', outDir, years: { from: 2025, to: 2021 } },
        /years.from \(2025\) is after years.to \(2021\)/,
      ],
      [{ format: 'csv', outDir, years: { from: 20.5 } }, /years.from must be a year/],
      [{ format: 'csv', outDir: join(t.dir, 'parquet') }, /is not empty/],
    ];
    for (const [options, message] of cases) {
      await expect(exportDataset(t.db, options)).rejects.toThrow(message);
    }
  });
});
