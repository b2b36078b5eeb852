import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(process.argv[2] ?? '/tmp/figures.duckdb');
const c = await inst.connect();
for (const q of process.argv.slice(3)) {
  const t = performance.now();
  const r = await c.runAndReadAll(q);
  console.log(q.slice(0,80), (performance.now()-t).toFixed(1)+'ms');
  console.table(r.getRowObjectsJson().slice(0,40));
}
