import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORK, methodsMarkdown } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { UnknownRegionError } from '../errors.js';
import { importObservations } from '../import/index.js';
import { openDatabase } from '../open-database.js';
import { REGION_DATA_ATTRIBUTION } from '../seed/region-source.js';
import { trustedSql } from '../sql/index.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import type { DataDictionary } from './data-dictionary.js';
import { exportDataset } from './export-dataset.js';
import { ExportOptionsError } from './export-options-error.js';
import { EXPORT_TABLES, exportColumns } from './export-tables.js';
import type { ExportOptions, ExportProgress } from './export-types.js';

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

/** Count and order-free checksum of a set of rows, computed by DuckDB. */
const CHECKSUM = (columns: string, from: string) =>
  `select count(*)::varchar as n, coalesce(sum(hash(${columns})), 0)::varchar as h from ${from}`;

async function inDatabase(db: Kysely<Database>, query: string) {
  const r = await trustedSql<{ n: string; h: string }>(query).execute(db);
  return { n: String(r.rows[0]?.n), h: String(r.rows[0]?.h) };
}

// Text, as the files hold them (the database stores indicator and source as ENUMs).
const OBSERVATION = 'village_code, year, indicator::varchar, value, source::varchar';

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('exportDataset', () => {
  let t: SeededTestDatabase;
  beforeAll(async () => {
    t = await seededTestDatabase(['35'], { writable: true });
  });
  afterAll(() => t?.cleanup());

  it('parquet: zstd, observations and village_index partitioned by province and year, every column inside every file', async () => {
    const outDir = join(t.dir, 'parquet');
    const progress: ExportProgress[] = [];
    const result = await exportDataset(t.db, {
      format: 'parquet',
      outDir,
      onProgress: (p) => progress.push(p),
    });
    const years = [2020, 2021, 2022, 2023, 2024, 2025];
    const partitionFiles = (table: string) =>
      years.map((y) => `${table}/province=35/year=${y}/data_0.parquet`);
    expect(await files(outDir)).toEqual(
      [
        'DATA_DICTIONARY.md',
        'LICENSE-DATA.md',
        'METHODS.md',
        'data-dictionary.json',
        ...EXPORT_TABLES.filter((x) => !x.partitionedBy).map((x) => `${x.name}.parquet`),
        ...partitionFiles('observations'),
        ...partitionFiles('village_index'),
      ].sort(),
    );

    // Read without folder names: the files alone hold province and year, typed as written.
    const glob = join(outDir, 'observations', '*', '*', '*.parquet');
    const described = await outside<{ column_name: string; column_type: string }>(
      `describe select * from read_parquet('${glob}', hive_partitioning = false)`,
    );
    expect(described.map((c) => [c.column_name, c.column_type])).toEqual([
      ['village_code', 'VARCHAR'],
      ['year', 'SMALLINT'],
      ['indicator', 'VARCHAR'],
      ['value', 'DOUBLE'],
      ['source', 'VARCHAR'],
      ['province', 'VARCHAR'],
    ]);
    // The DuckDB quirk the dictionary warns about: with folder names read (the default), the
    // folder's values replace the file's columns, typed BIGINT; hive_types keeps the file's types.
    for (const [options, types] of [
      ['', ['BIGINT', 'BIGINT']],
      [", hive_types = {'province': VARCHAR, 'year': SMALLINT}", ['SMALLINT', 'VARCHAR']],
    ] as const) {
      const hive = await outside<{ column_name: string; column_type: string }>(
        `describe select year, province from read_parquet('${glob}'${options})`,
      );
      expect(hive.map((c) => c.column_type)).toEqual(types);
    }
    // Each file's own province and year columns agree with its folder.
    const mismatched = await outside<{ n: string }>(
      `select count(*)::varchar as n from read_parquet('${glob}', hive_partitioning = false, filename = true)
       where filename not like '%/province=' || province || '/year=' || year || '/%'
          or province <> substr(village_code, 1, 2)`,
    );
    expect(mismatched).toEqual([{ n: '0' }]);
    // Same rows as the database, value for value.
    expect(
      (
        await outside<{ n: string; h: string }>(
          CHECKSUM(OBSERVATION, `read_parquet('${glob}', hive_partitioning = false)`),
        )
      )[0],
    ).toEqual(await inDatabase(t.db, CHECKSUM(OBSERVATION, 'observations')));
    const indexGlob = join(outDir, 'village_index', '*', '*', '*.parquet');
    const indexColumns = await outside<{ column_name: string }>(
      `describe select * from read_parquet('${indexGlob}', hive_partitioning = false)`,
    );
    expect(indexColumns.map((c) => c.column_name)).toEqual(
      exportColumns(EXPORT_TABLES[1]!, 'parquet').map((c) => c.name),
    );

    // zstd in every column chunk of every file, and each file's row count is what was reported.
    const metadata = await outside<{ file_name: string; codecs: string; rows: string }>(
      `select file_name, string_agg(distinct compression, ',') as codecs,
         (sum(row_group_num_rows) / count(distinct path_in_schema))::varchar as rows
       from parquet_metadata('${join(outDir, '**', '*.parquet')}') group by file_name`,
    );
    // An empty table (audit_log: this file was never published through a data directory) is a
    // file without row groups, which parquet_metadata has no row for.
    expect(result.files.find((f) => f.path.endsWith('audit_log.parquet'))?.rows).toBe(0);
    expect(metadata).toHaveLength(result.files.filter((f) => f.rows > 0).length);
    for (const m of metadata) {
      expect(m.codecs).toBe('ZSTD');
      expect(Number(m.rows)).toBe(result.files.find((f) => f.path === m.file_name)?.rows);
    }
    expect(result.tables.find((x) => x.name === 'observations')?.rows).toBe(t.seed.observations);
    expect(result.tables.find((x) => x.name === 'regions')?.rows).toBe(t.seed.regions);

    // One progress step per table and per partition, counting up to the total.
    expect(progress.map((p) => p.step)).toContain('observations province=35 year=2021');
    expect(progress.map((p) => p.done)).toEqual(progress.map((_, i) => i));
    // region_figures is one step (computed, not partitioned).
    expect(progress.at(-1)).toEqual({ step: 'done', done: progress.length - 1, total: 27 });
  });

  it('csv: one file per table, observations in the import format plus source, RFC 4180 quoting', async () => {
    await sql`insert into dataset_meta values ('note', 'a "quoted", two-line
text')`.execute(t.db);
    const outDir = join(t.dir, 'csv');
    try {
      const result = await exportDataset(t.db, { format: 'csv', outDir });
      expect(result.files.map((f) => relative(outDir, f.path))).toEqual(
        EXPORT_TABLES.map((x) => `${x.name}.csv`),
      );
      for (const table of EXPORT_TABLES) {
        const text = await readFile(join(outDir, `${table.name}.csv`), 'utf8');
        expect(text.slice(0, text.indexOf('\n'))).toBe(
          exportColumns(table, 'csv')
            .map((c) => c.name)
            .join(','),
        );
      }
      const observations = await readFile(join(outDir, 'observations.csv'), 'utf8');
      expect(observations.slice(0, 100)).toMatch(
        /^village_code,year,indicator,value,source\n35\.01\.01\.2001,2020,access_4g_signal,[0-9.]+,synthetic\n/,
      );
      const meta = await readFile(join(outDir, 'dataset_meta.csv'), 'utf8');
      expect(meta).toContain('note,"a ""quoted"", two-line\ntext"\n');
      const readBack = await outside<{ n: string; h: string }>(
        CHECKSUM(OBSERVATION, `read_csv('${join(outDir, 'observations.csv')}')`),
      );
      expect(readBack[0]).toEqual(await inDatabase(t.db, CHECKSUM(OBSERVATION, 'observations')));
      const events = await outside<{ n: string }>(
        `select count(*)::varchar as n from read_csv('${join(outDir, 'mentoring_events.csv')}')`,
      );
      expect(Number(events[0]?.n)).toBe(t.seed.mentoringEvents);
    } finally {
      await sql`delete from dataset_meta where key = 'note'`.execute(t.db);
    }
  });

  it('duckdb: a standalone file that opens in a fresh DuckDB with every table, the dictionary columns and their comments', async () => {
    const outDir = join(t.dir, 'duckdb');
    const result = await exportDataset(t.db, { format: 'duckdb', outDir, region: '35.05.04' });
    const path = join(outDir, 'pandu-export.duckdb');
    expect(await files(outDir)).toEqual([
      'DATA_DICTIONARY.md',
      'LICENSE-DATA.md',
      'METHODS.md',
      'data-dictionary.json',
      'pandu-export.duckdb',
    ]);
    const columns = await outside<{ table_name: string; column_name: string; data_type: string }>(
      `attach '${path}' as x (read_only);
       select table_name, column_name, data_type from information_schema.columns
       where table_catalog = 'x' order by table_name, ordinal_position`,
    );
    for (const table of EXPORT_TABLES) {
      expect(
        columns.filter((c) => c.table_name === table.name).map((c) => [c.column_name, c.data_type]),
      ).toEqual(exportColumns(table, 'duckdb').map((c) => [c.name, c.type]));
    }
    const counts = await outside<Record<string, string>>(
      `attach '${path}' as x (read_only);
       select ${EXPORT_TABLES.map((x) => `(select count(*) from x.${x.name})::varchar as ${x.name}`).join(', ')}`,
    );
    expect(counts[0]).toEqual(
      Object.fromEntries(result.tables.map((x) => [x.name, String(x.rows)])),
    );
    const expected = await inDatabase(
      t.db,
      CHECKSUM(OBSERVATION, `observations where village_code like '35.05.04.%'`),
    );
    const exported = await outside<{ n: string; h: string }>(
      `attach '${path}' as x (read_only); ${CHECKSUM(OBSERVATION, 'x.observations')}`,
    );
    expect(exported[0]).toEqual(expected);
    expect(Number(expected.n)).toBeGreaterThan(0);
    expect(result.files).toEqual([
      {
        path,
        table: null,
        rows: result.tables.reduce((sum, x) => sum + x.rows, 0),
        bytes: expect.any(Number),
      },
    ]);
    const comments = await outside<{ comment: string }>(
      `attach '${path}' as x (read_only);
       select comment from duckdb_columns() where database_name = 'x' and table_name = 'observations' and column_name = 'value'`,
    );
    expect(comments[0]?.comment).toMatch(/inside the indicator's valid range/);
  });

  it('scopes to a region and years: its villages, its ancestors, national and own-province figures, nothing else', async () => {
    const outDir = join(t.dir, 'scoped');
    const result = await exportDataset(t.db, {
      format: 'csv',
      outDir,
      region: '35.05',
      years: { from: 2021, to: 2022 },
    });
    const csv = (table: string) =>
      `read_csv('${join(outDir, `${table}.csv`)}', all_varchar = true)`;
    const expected = await inDatabase(
      t.db,
      CHECKSUM(
        OBSERVATION,
        `observations where village_code like '35.05.%' and year between 2021 and 2022`,
      ),
    );
    expect(
      (
        await outside<{ n: string; h: string }>(
          CHECKSUM(
            OBSERVATION,
            `(select village_code, year::smallint as year, indicator, value::double as value, source from ${csv('observations')})`,
          ),
        )
      )[0],
    ).toEqual(expected);
    expect(result.tables.find((x) => x.name === 'observations')?.rows).toBe(Number(expected.n));

    const regions = await outside<{ level: string; n: string; outside: string }>(
      `select level, count(*)::varchar as n,
         count(*) filter (where code <> '35' and code <> '35.05' and code not like '35.05.%')::varchar as outside
       from ${csv('regions')} group by level order by level`,
    );
    expect(regions).toEqual([
      { level: 'district', n: '22', outside: '0' },
      { level: 'province', n: '1', outside: '0' },
      { level: 'regency', n: '1', outside: '0' },
      { level: 'village', n: '248', outside: '0' },
    ]);
    const index = await outside<{ villages: string; years: string; outside: string }>(
      `select count(distinct village_code)::varchar as villages, string_agg(distinct year, ',' order by year) as years,
         count(*) filter (where village_code not like '35.05.%')::varchar as outside from ${csv('village_index')}`,
    );
    expect(index).toEqual([{ villages: '248', years: '2021,2022', outside: '0' }]);
    const figures = await outside<{ region: string }>(
      `select distinct coalesce(region_code, 'national') as region from ${csv('published_figures')}
       where year::int not between 2021 and 2022 or region_code is distinct from '35' order by 1`,
    );
    expect(figures).toEqual([{ region: 'national' }]);
    const volunteers = await outside<{ outside: string; n: string }>(
      `select count(*)::varchar as n, count(*) filter (where home_region_code not in ('35', '35.05')
         and home_region_code not like '35.05.%')::varchar as outside from ${csv('volunteers')}`,
    );
    expect(volunteers[0]?.outside).toBe('0');
    expect(Number(volunteers[0]?.n)).toBeGreaterThan(0);
    // The Blitar workshop was held in 35.05 on 2 November 2021: in scope and in the years.
    const events = await readFile(join(outDir, 'mentoring_events.csv'), 'utf8');
    expect(events).toContain('kominfo-blitar-2021-11-02');
    const eventYears = await outside<{ y: string }>(
      `select distinct year(start_date::date)::varchar as y from ${csv('mentoring_events')} order by 1`,
    );
    expect(eventYears.map((y) => y.y)).toEqual(['2021', '2022']);
    const orphans = await outside<{ n: string }>(
      `select count(*)::varchar as n from ${csv('mentoring_event_sectors')}
       where event_id not in (select id from ${csv('mentoring_events')})`,
    );
    expect(orphans).toEqual([{ n: '0' }]);
  });

  it('re-imports its own observations with replace and changes nothing (CSV and Parquet)', async () => {
    const all = CHECKSUM(OBSERVATION, 'observations');
    const values = CHECKSUM('village_code, year, indicator, value', 'observations');
    const index = CHECKSUM(
      'village_code, year, skills_index, skills_index_geometric, access_index, outcomes_index, source',
      'village_index',
    );
    const before = await Promise.all([all, values, index].map((q) => inDatabase(t.db, q)));

    const csvDir = join(t.dir, 'roundtrip-csv');
    await exportDataset(t.db, { format: 'csv', outDir: csvDir });
    const csv = await importObservations(t.db, join(csvDir, 'observations.csv'), {
      replace: true,
    });
    expect(csv.replaced).toBe(t.seed.observations);
    expect(await Promise.all([all, values, index].map((q) => inDatabase(t.db, q)))).toEqual(before);

    const pqDir = join(t.dir, 'roundtrip-parquet');
    const result = await exportDataset(t.db, {
      format: 'parquet',
      outDir: pqDir,
      region: '35.05.04',
    });
    const partitions = result.files.filter((f) => f.table === 'observations');
    expect(partitions).toHaveLength(6);
    for (const file of partitions) {
      const imported = await importObservations(t.db, file.path, { replace: true });
      expect(imported.replaced).toBe(file.rows);
    }
    expect(await Promise.all([all, values, index].map((q) => inDatabase(t.db, q)))).toEqual(before);

    // The whole observations/ folder at once: one import, one transaction.
    const folder = await importObservations(t.db, join(pqDir, 'observations'), { replace: true });
    expect(folder).toMatchObject({
      fileName: 'observations/',
      format: 'parquet',
      accepted: partitions.reduce((sum, f) => sum + f.rows, 0),
      replaced: partitions.reduce((sum, f) => sum + f.rows, 0),
    });
    expect(await Promise.all([all, values, index].map((q) => inDatabase(t.db, q)))).toEqual(before);
  });

  it('always writes the data dictionary and licence: every table and indicator, synthetic statement, ODbL attribution', async () => {
    const outDir = join(t.dir, 'dictionary');
    const result = await exportDataset(t.db, {
      format: 'parquet',
      outDir,
      region: '35.05.04.2014',
      years: { from: 2024 },
    });
    const md = await readFile(result.dictionaryPath, 'utf8');
    for (const i of FRAMEWORK.indicators) {
      expect(md).toContain(`| ${i.id} | ${i.level} |`);
      expect(md).toContain(i.labels.id);
    }
    for (const table of EXPORT_TABLES) expect(md).toContain(`### ${table.name} (`);
    expect(md).toContain('are SYNTHETIC');
    expect(md).toContain('Extrapolated: 2024, 2025.');
    expect(md).toContain(REGION_DATA_ATTRIBUTION);
    expect(md).toContain('share-alike');
    expect(md).toContain('35.05.04.2014 ');
    expect(md).toContain('years in the observations: 2024-2025');
    const licence = await readFile(join(outDir, 'LICENSE-DATA.md'), 'utf8');
    expect(licence).toContain(REGION_DATA_ATTRIBUTION);
    // The methods, in Indonesian then English, from the domain's one source.
    const methods = await readFile(join(outDir, 'METHODS.md'), 'utf8');
    expect(methods).toBe(`${methodsMarkdown('id')}\n---\n\n${methodsMarkdown('en')}`);
    expect(methods).toContain('## Koefisien Gini {#gini}');
    expect(methods).toContain('## Gini coefficient {#gini}');
    const json = JSON.parse(
      await readFile(join(outDir, 'data-dictionary.json'), 'utf8'),
    ) as DataDictionary;
    expect(json.scope.region?.code).toBe('35.05.04.2014');
    expect(json.scope.years).toEqual({ from: 2024, to: null });
    expect(json.dataVersion).toMatch(/^\d+$/);
    expect(json.licence.regionData.licence).toBe('ODbL-1.0');
    expect(json.synthetic.observationSources).toEqual({ synthetic: 20 });
    expect(json.indicators.map((i) => i.id)).toEqual(FRAMEWORK.indicators.map((i) => i.id));
    const observations = json.tables.find((x) => x.name === 'observations');
    expect(observations?.rows).toBe(20);
    expect(observations?.partitionedBy).toEqual(['province', 'year']);
    expect(observations?.columns.map((c) => c.name)).toEqual([
      'village_code',
      'year',
      'indicator',
      'value',
      'source',
      'province',
    ]);
  });

  it('overwrite replaces an earlier export (no stale partitions) and leaves other files alone', async () => {
    const outDir = join(t.dir, 'overwrite');
    await exportDataset(t.db, { format: 'parquet', outDir, region: '35.05.04' });
    await writeFile(join(outDir, 'my-notes.txt'), 'keep me');
    await expect(
      exportDataset(t.db, { format: 'parquet', outDir, region: '35.05.04' }),
    ).rejects.toThrow(/outDir is not empty/);
    await exportDataset(t.db, {
      format: 'parquet',
      outDir,
      region: '35.05.04',
      years: { from: 2025 },
      overwrite: true,
    });
    expect(await readdir(join(outDir, 'observations', 'province=35'))).toEqual(['year=2025']);
    expect(await readFile(join(outDir, 'my-notes.txt'), 'utf8')).toBe('keep me');
    await exportDataset(t.db, { format: 'duckdb', outDir, region: '35.05.04', overwrite: true });
    await exportDataset(t.db, { format: 'duckdb', outDir, region: '35.05.04', overwrite: true });
    expect(existsSync(join(outDir, 'observations'))).toBe(false);
  });

  it('removes what it wrote when an export fails part way, and detaches the .duckdb file', async () => {
    for (const format of ['parquet', 'duckdb'] as const) {
      const outDir = join(t.dir, `failed-${format}`);
      const failing: ExportOptions = {
        format,
        outDir,
        region: '35.05',
        onProgress: (p) => {
          if (p.done === 3) throw new Error('interrupted');
        },
      };
      await expect(exportDataset(t.db, failing)).rejects.toThrow('interrupted');
      expect(existsSync(outDir)).toBe(false);
      // Nothing is left attached: the same export now succeeds.
      const result = await exportDataset(t.db, { ...failing, onProgress: undefined });
      expect(result.tables.length).toBe(EXPORT_TABLES.length);
    }
    const attached = await sql<{ n: number }>`
      select count(*) as n from duckdb_databases() where database_name like 'pandu_export_%'`.execute(
      t.db,
    );
    expect(attached.rows[0]?.n).toBe(0);
  });

  it('refuses bad options with a message naming the option, before writing anything', async () => {
    const outDir = join(t.dir, 'refused');
    const file = join(t.dir, 'a-file');
    await writeFile(file, '');
    const nonEmpty = join(t.dir, 'non-empty');
    await mkdir(nonEmpty);
    await writeFile(join(nonEmpty, 'x'), '');
    const cases: Array<[ExportOptions, RegExp, new (...args: never[]) => Error]> = [
      [
        { format: 'xlsx' as 'csv', outDir },
        /format must be one of parquet, csv, duckdb, got "xlsx"/,
        ExportOptionsError,
      ],
      [{ format: 'csv', outDir: ' ' }, /outDir is required/, ExportOptionsError],
      [
        { format: 'csv', outDir, region: '35.99' },
        /unknown region code: 35\.99/,
        UnknownRegionError,
      ],
      [{ format: 'csv', outDir, region: '35-05' }, /invalid region code "35-05"/, Error],
      [
        { format: 'csv', outDir, years: { from: 2025, to: 2021 } },
        /years\.from \(2025\) is after years\.to \(2021\)/,
        ExportOptionsError,
      ],
      [
        { format: 'csv', outDir, years: { from: 20.5 } },
        /years\.from must be a whole year/,
        ExportOptionsError,
      ],
      [
        { format: 'csv', outDir, years: { to: 1990 } },
        /years\.to must be a whole year/,
        ExportOptionsError,
      ],
      [
        { format: 'csv', outDir, years: { from: 2030 } },
        /years 2030 to \.\.\. hold no observations: the data covers 2020 to 2025/,
        ExportOptionsError,
      ],
      [
        { format: 'csv', outDir: nonEmpty },
        /outDir is not empty: .*non-empty \(1 entries\)/,
        ExportOptionsError,
      ],
      [{ format: 'csv', outDir: file }, /outDir is not a directory: .*a-file/, ExportOptionsError],
      [
        { format: 'csv', outDir: join(file, 'below') },
        /outDir cannot be (created|read): .*a-file\/below \(ENOTDIR\)/,
        ExportOptionsError,
      ],
    ];
    for (const [options, message, type] of cases) {
      const error = await exportDataset(t.db, options).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, String(message)).toBeInstanceOf(type);
      expect((error as Error).message).toMatch(message);
    }
    expect(existsSync(outDir)).toBe(false);
  });
});

describe('exportDataset from a database opened read-only', () => {
  // Regression: the duckdb format ATTACHed its new file without an access mode, so it took the
  // read-only mode of the instance and failed with "Cannot open database ... in read-only mode:
  // database does not exist". The API may open its database read-only.
  it('writes every format, the .duckdb file too', async () => {
    const seeded = await seededTestDatabase(['34']);
    await seeded.db.destroy();
    const db = await openDatabase(seeded.path, { readOnly: true });
    try {
      for (const format of ['parquet', 'csv', 'duckdb'] as const) {
        const outDir = join(seeded.dir, `read-only-${format}`);
        const result = await exportDataset(db, { format, outDir, region: '34.71' });
        expect(result.tables.find((x) => x.name === 'observations')?.rows).toBeGreaterThan(0);
      }
      const path = join(seeded.dir, 'read-only-duckdb', 'pandu-export.duckdb');
      const exported = await outside<{ n: string }>(
        `attach '${path}' as x (read_only); select count(*)::varchar as n from x.observations`,
      );
      const expected = await sql<{ n: number }>`
        select count(*) as n from observations where village_code like '34.71.%'`.execute(db);
      expect(exported).toEqual([{ n: String(expected.rows[0]?.n) }]);
    } finally {
      await db.destroy();
      await rm(seeded.dir, { recursive: true, force: true });
    }
  });
});
