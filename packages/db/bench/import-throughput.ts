import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/schema/database.js';
import { importObservations } from '../src/import/import-observations.js';
import { sqlLiteral, trustedSql } from '../src/sql/index.js';

export interface ThroughputRow {
  label: string;
  rows: number;
  /** Median wall-clock seconds over the runs. */
  seconds: number;
  rowsPerSecond: number;
  /** An import's speed as a share of the bare read of the same file in the same run (the issue asks for at least 1/3). */
  shareOfBare?: number;
}

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/**
 * Import throughput beside a bare DuckDB read of the same file, measured in the same run: write
 * `rows` stored observations (all of them when `rows` is undefined; values nudged by 0.01, still
 * in range) to CSV and to Parquet, then time `CREATE TABLE AS SELECT * FROM read_csv/read_parquet`
 * and `importObservations(..., { replace: true })` (validation, update of the replaced values,
 * insert of the rest, village index rebuild and commit), and an import of new keys (the same rows
 * moved 10 or 20 years ahead, nothing to replace; removed again untimed after each run), `runs`
 * times each, interleaved, reporting medians. Prints nothing; changes the database (it imports),
 * so run it on a copy.
 *
 * @example
 * ```ts
 * const rows = await benchImport(db, { rows: 2_000_000, dir: tmp, runs: 3 });
 * for (const r of rows) console.log(r.label, Math.round(r.rowsPerSecond));
 * ```
 */
export async function benchImport(
  db: Kysely<Database>,
  { rows: limit, dir, runs = 1 }: { rows?: number | undefined; dir: string; runs?: number },
): Promise<ThroughputRow[]> {
  const select = (
    yearsAhead: number,
  ) => `select village_code, year + ${yearsAhead} as year, indicator,
      least(i.range_max, greatest(i.range_min, round(value + 0.01, 2))) as value
    from observations o join indicators i on i.id = o.indicator
    order by village_code, year, indicator ${limit === undefined ? '' : `limit ${limit}`}`;
  const files = {
    csv: join(dir, 'bench-observations.csv'),
    parquet: join(dir, 'bench-observations.parquet'),
    csvNew: join(dir, 'bench-new-keys.csv'),
    parquetNew: join(dir, 'bench-new-keys.parquet'),
  };
  const copy = async (yearsAhead: number, path: string, format: string) =>
    sql
      .raw(
        `copy (${select(yearsAhead)}) to ${sqlLiteral(path)} (${format === 'csv' ? 'format csv, header true' : 'format parquet'})`,
      )
      .execute(db);
  await copy(0, files.csv, 'csv');
  await copy(0, files.parquet, 'parquet');
  await copy(10, files.csvNew, 'csv');
  await copy(20, files.parquetNew, 'parquet');

  const counted = await sql<{ n: number }>`
    select count(*)::integer as n from read_parquet(${trustedSql(sqlLiteral(files.parquet))})`.execute(
    db,
  );
  const rows = counted.rows[0]?.n ?? 0;
  const out: ThroughputRow[] = [];
  const row = (label: string, s: number, bare?: number) =>
    out.push({
      label,
      rows,
      seconds: s,
      rowsPerSecond: rows / s,
      ...(bare === undefined ? {} : { shareOfBare: bare / s }),
    });
  // Each timed operation starts from a checkpointed database, so none pays for the checkpoint an
  // earlier one deferred, and each includes its own commit (and any checkpoint that commit makes).
  const checkpoint = () => trustedSql('checkpoint').execute(db);
  for (const [format, path, fresh, reader] of [
    ['CSV', files.csv, files.csvNew, 'read_csv'],
    ['Parquet', files.parquet, files.parquetNew, 'read_parquet'],
  ] as const) {
    const bare: number[] = [];
    const replace: number[] = [];
    const newKeys: number[] = [];
    for (let run = 0; run < runs; run++) {
      await checkpoint();
      bare.push(
        await seconds(() =>
          sql
            .raw(
              `create or replace table bench_bare as select * from ${reader}(${sqlLiteral(path)})`,
            )
            .execute(db),
        ),
      );
      await trustedSql('drop table bench_bare').execute(db);
      await checkpoint();
      replace.push(await seconds(() => importObservations(db, path, { replace: true })));
      await checkpoint();
      let batchId = 0;
      newKeys.push(
        await seconds(async () => {
          batchId = (await importObservations(db, fresh)).batchId;
        }),
      );
      // Take the new keys out again (untimed), so every run imports them into the same database.
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('observations').where('batch_id', '=', batchId).execute();
        await sql`delete from village_index
          where year > (select max(year) from observations)`.execute(trx);
      });
    }
    const bareSeconds = median(bare);
    row(`${format}: bare CREATE TABLE AS SELECT`, bareSeconds);
    row(`${format}: import --replace (validated)`, median(replace), bareSeconds);
    row(`${format}: import of new keys (validated)`, median(newKeys), bareSeconds);
  }
  return out;
}
