// `node --expose-gc --import tsx bench/figure-memory.ts --db FILE`: the time and the resident
// memory of reading a read-only database's stored figures into memory (figures/figure-memory.ts),
// and the mean time of a stored read answered from it (the SQL reads are timed by
// bench/stored-lookups.ts). Prints; asserts nothing. Opens FILE read-only: it is never written.
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/open-database.js';
import { prepareFigureMemory } from '../src/figures/figure-memory.js';
import { storedDivideSummary } from '../src/figures/stored-divide-summary.js';
import { storedIndexByRegion } from '../src/figures/stored-index-by-region.js';
import { storedTimeseries } from '../src/figures/stored-timeseries.js';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
if (!values.db) throw new Error('--db FILE is required');
const db = await openDatabase(values.db, { readOnly: true });
try {
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  global.gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  await prepareFigureMemory(db);
  const loadMs = performance.now() - t0;
  global.gc?.();
  const after = process.memoryUsage();
  console.log(
    `load ${loadMs.toFixed(0)} ms; rss ${mib(before.rss)} -> ${mib(after.rss)} (+${mib(after.rss - before.rss)}); ` +
      `heapUsed +${mib(after.heapUsed - before.heapUsed)}; arrayBuffers +${mib(after.arrayBuffers - before.arrayBuffers)}` +
      (global.gc ? ' (after gc)' : ' (run with --expose-gc for after-gc numbers)'),
  );
  const years = [2020, 2021, 2022, 2023, 2024, 2025];
  const codes = ['', '35', '35.05', '11', '91.01'];
  const calls: Array<() => Promise<unknown>> = [];
  for (const code of codes) {
    for (const year of years) {
      calls.push(() => storedDivideSummary(db, { code, year }));
      calls.push(() => storedIndexByRegion(db, { code, year }));
    }
    calls.push(() => storedTimeseries(db, { code }));
  }
  const t1 = performance.now();
  let answered = 0;
  for (let round = 0; round < 20; round++) {
    for (const call of calls) if ((await call()) !== null) answered++;
  }
  const per = (performance.now() - t1) / (20 * calls.length);
  console.log(
    `${20 * calls.length} stored reads from memory (${answered} answered): ${(per * 1000).toFixed(1)} us each`,
  );
} finally {
  await db.destroy();
}
