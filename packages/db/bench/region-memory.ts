// `node --expose-gc --import tsx bench/region-memory.ts --db FILE`: the time and memory of a
// read-only database's region memory (queries/region-memory.ts, built on the region search's
// index), and the mean time of getRegion and regionChildren at every level answered from it and
// with SQL (from a writable copy of FILE in a temporary directory). Prints; asserts nothing. FILE
// itself is opened read-only: it is never written.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { openDatabase } from '../src/open-database.js';
import type { Database } from '../src/schema/database.js';
import { getRegion } from '../src/queries/get-region.js';
import { regionChildren } from '../src/queries/region-children.js';
import { prepareRegionMemory } from '../src/queries/region-memory.js';
import { prepareRegionSearch } from '../src/queries/search-regions.js';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
if (!values.db) throw new Error('--db FILE is required');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const codes = {
  nation: undefined,
  province: '35',
  regency: '35.05',
  district: '35.05.04',
  village: '35.05.04.2014',
} as const;

/** Mean microseconds of `call` over `rounds` calls after `warm` unmeasured ones. */
async function mean(call: () => Promise<unknown>, rounds: number, warm = 5): Promise<number> {
  for (let i = 0; i < warm; i++) await call();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) await call();
  return ((performance.now() - t0) / rounds) * 1000;
}

async function perCall(db: Kysely<Database>, rounds: number): Promise<string[]> {
  const out: string[] = [];
  for (const [level, code] of Object.entries(codes)) {
    const children = await mean(() => regionChildren(db, { code }), rounds);
    const region = code === undefined ? null : await mean(() => getRegion(db, { code }), rounds);
    out.push(
      `${level.padEnd(8)} children ${children.toFixed(0).padStart(6)} us` +
        (region === null ? '' : `   getRegion ${region.toFixed(0).padStart(6)} us`),
    );
  }
  return out;
}

const ro = await openDatabase(values.db, { readOnly: true });
const dir = await mkdtemp(join(tmpdir(), 'pandu-region-memory-'));
try {
  const t0 = performance.now();
  await prepareRegionSearch(ro);
  const searchMs = performance.now() - t0;
  global.gc?.();
  const before = process.memoryUsage();
  const t1 = performance.now();
  await prepareRegionMemory(ro);
  const memoryMs = performance.now() - t1;
  global.gc?.();
  const after = process.memoryUsage();
  console.log(
    `search index ${searchMs.toFixed(0)} ms; region memory on it ${memoryMs.toFixed(0)} ms: ` +
      `heapUsed +${mib(after.heapUsed - before.heapUsed)}, arrayBuffers +${mib(after.arrayBuffers - before.arrayBuffers)}` +
      (global.gc ? ' (after gc)' : ' (run with --expose-gc for after-gc numbers)'),
  );
  console.log('from memory (read-only):');
  for (const line of await perCall(ro, 2000)) console.log(`  ${line}`);
  const copy = join(dir, 'writable.duckdb');
  await copyFile(values.db, copy);
  const rw = await openDatabase(copy);
  try {
    console.log('with SQL (a writable copy):');
    for (const line of await perCall(rw, 100)) console.log(`  ${line}`);
  } finally {
    await rw.destroy();
  }
} finally {
  await ro.destroy();
  await rm(dir, { recursive: true, force: true });
}
