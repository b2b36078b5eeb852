import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/schema/database.js';
import { importObservations } from '../src/import/import-observations.js';

export interface ThroughputRow {
  label: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

/**
 * Import throughput beside a bare DuckDB read of the same file, in the same run: write `rows`
 * stored observations (values nudged, still in range) to CSV and Parquet, then time
 * `CREATE TABLE AS SELECT * FROM read_csv/read_parquet` and `importObservations(..., { replace })`,
 * validation, index rebuild and all.
 */
export async function benchImport(
  db: Kysely<Database>,
  { rows, dir }: { rows: number; dir: string },
): Promise<ThroughputRow[]> {
  const select = `select village_code, year, indicator,
      least(i.range_max, greatest(i.range_min, round(value + 0.01, 2))) as value
    from observations o join indicators i on i.id = o.indicator
    order by village_code, year, indicator limit ${rows}`;
  // The same rows moved ten years ahead: new keys, so the import adds instead of replacing.
  const ahead = select.replace(
    'select village_code, year,',
    'select village_code, year + 10 as year,',
  );
  const csvNew = join(dir, 'bench-new.csv');
  await sql.raw(`copy (${ahead}) to '${csvNew}' (format csv, header true)`).execute(db);
  const csv = join(dir, 'bench-observations.csv');
  const parquet = join(dir, 'bench-observations.parquet');
  await sql.raw(`copy (${select}) to '${csv}' (format csv, header true)`).execute(db);
  await sql.raw(`copy (${select}) to '${parquet}' (format parquet)`).execute(db);
  const out: ThroughputRow[] = [];
  const row = (label: string, s: number) =>
    out.push({ label, rows, seconds: s, rowsPerSecond: rows / s });
  for (const [format, path, reader] of [
    ['CSV', csv, `read_csv('${csv}')`],
    ['Parquet', parquet, `read_parquet('${parquet}')`],
  ] as const) {
    row(
      `${format}: bare CREATE TABLE AS SELECT`,
      await seconds(async () => {
        await sql.raw(`create or replace table bench_bare as select * from ${reader}`).execute(db);
        await sql.raw('drop table bench_bare').execute(db);
      }),
    );
    row(
      `${format}: pandu import --replace (validated)`,
      await seconds(() => importObservations(db, path, { replace: true })),
    );
  }
  row(
    'CSV: pandu import of new keys (validated)',
    await seconds(() => importObservations(db, csvNew)),
  );
  return out;
}
