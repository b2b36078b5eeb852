// Times refreshScopeFigures on a copy of a national database and reports the file's growth:
//   cp /work/bench/national.duckdb /tmp/copy.duckdb && node --import tsx bench/scope-figures.ts /tmp/copy.duckdb
// Wall time and the process's CPU time (DuckDB's threads included) beside it: on a busy machine
// the CPU time is the better guide to what the refresh costs.
import { statSync } from 'node:fs';
import { sql } from 'kysely';
import { openDatabase } from '../src/open-database.js';
import { refreshFigures } from '../src/figures/refresh-figures.js';
import { refreshScopeFigures } from '../src/figures/scope-figures.js';

const path = process.argv[2];
if (!path) throw new Error('usage: scope-figures.ts <copy of a database>');
const runs = Number(process.argv[3] ?? 1);
const before = statSync(path).size;
const db = await openDatabase(path);
await sql`checkpoint`.execute(db);
const migrated = statSync(path).size;
for (let i = 0; i < runs; i++) {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  // Rolled back: each run starts from the same file.
  await db
    .transaction()
    .execute(async (trx) => {
      await refreshScopeFigures(trx);
      throw new Error('rollback');
    })
    .catch(() => undefined);
  const used = process.cpuUsage(cpu);
  console.log(
    `refreshScopeFigures: ${(performance.now() - t0).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`,
  );
}
const t0 = performance.now();
await db.transaction().execute((trx) => refreshFigures(trx));
console.log(`refreshFigures (committed): ${(performance.now() - t0).toFixed(0)} ms`);
await sql`checkpoint`.execute(db);
const sizes = await sql<{ table_name: string; estimated_size: number }>`
  select table_name, estimated_size from duckdb_tables() where table_name like 'scope_%'
  order by 1`.execute(db);
console.table(sizes.rows);
await db.destroy();
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(
  `file: ${mb(before)} (migrated: ${mb(migrated)}) -> ${mb(statSync(path).size)} with the figures`,
);
