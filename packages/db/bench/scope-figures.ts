// Times refreshScopeFigures on a copy of a national database and reports the tables' size:
//   node --import tsx bench/scope-figures.ts /tmp/copy-of-national.duckdb
import { statSync } from 'node:fs';
import { sql } from 'kysely';
import { openDatabase } from '../src/open-database.js';
import { refreshFigures } from '../src/figures/refresh-figures.js';
import { refreshScopeFigures } from '../src/figures/scope-figures.js';

const path = process.argv[2];
if (!path) throw new Error('usage: scope-figures.ts <copy of a database>');
const before = statSync(path).size;
const db = await openDatabase(path);
for (let i = 0; i < 2; i++) {
  const t0 = performance.now();
  await db.transaction().execute((trx) => refreshScopeFigures(trx));
  console.log(`refreshScopeFigures: ${(performance.now() - t0).toFixed(0)} ms`);
}
await db.transaction().execute((trx) => refreshFigures(trx));
await sql`checkpoint`.execute(db);
const sizes = await sql<{ table_name: string; estimated_size: number }>`
  select table_name, estimated_size from duckdb_tables() where table_name like 'scope_%' order by 1`.execute(
  db,
);
console.table(sizes.rows);
await db.destroy();
console.log(
  `file: ${(before / 1e6).toFixed(1)} MB -> ${(statSync(path).size / 1e6).toFixed(1)} MB`,
);
