// `pnpm --filter @pandu/server bench:search [--db FILE] [--runs N]`: regions.search latency over
// all 91,599 regions of the nation (issue 11: p95 <= 30 ms). Prints; asserts nothing.
//
// The database is copied into a temporary directory first and opened read-only there, as a served
// version is: the file given is never opened, let alone written. Without --db (or PANDU_BENCH_DB)
// the national dataset is seeded into that directory (about 20 s). Printed: the first search's
// time and the heap it leaves behind (building the in-memory index), then per query the median and
// p95 of the query function (in-process) and of the API procedure with its result cache off
// (tRPC caller, no HTTP), and the p95 over all queries. The queries are the cases, the
// province short names, some frequent words, and every prefix of six of them from two letters on,
// which is what the search box asks while a person types.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCaller, createInnerContext } from '@pandu/api';
import { openDatabase, searchRegions } from '@pandu/db';
import { createDefaultDatabase } from '../src/cli/seed-command.js';
import { describeMachine } from './http-load.js';

// A bench script, not the product: its own knobs are read here (src/env.ts is the product's).
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.PANDU_BENCH_DB },
    runs: { type: 'string', default: '20' },
  },
});
const RUNS = Number(args.runs);
const TARGET_P95_MS = 30;

const TYPED = ['Plosorejo Blitar', 'kab blitar', 'kota malang', 'Pelosorejo', 'Jatim', 'Blitr'];
const QUERIES = [
  ...new Set([
    'Blitr',
    'kab blitar',
    'Plosorejo Blitar',
    'Jatim',
    'DKI',
    'kota malang',
    'Pelosorejo',
    'Jakarta',
    'Jateng',
    'Jabar',
    'DIY',
    'Kaltim',
    'NTB',
    'NTT',
    'Sulsel',
    'kec kademangan',
    'desa plosorejo',
    'sari',
    'sumber',
    'rejo',
    'jawa timur',
    '35.05',
    ...TYPED.flatMap((q) => Array.from({ length: q.length - 1 }, (_, i) => q.slice(0, i + 2))),
  ]),
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

const dir = await mkdtemp(join(tmpdir(), 'pandu-search-bench-'));
try {
  const path = join(dir, 'pandu.duckdb');
  if (args.db) await copyFile(resolve(args.db), path);
  else await createDefaultDatabase(path, { interactive: false });
  const db = await openDatabase(path, { readOnly: true });
  const caller = createCaller(createInnerContext({ db, dbPath: path, cache: null }));
  try {
    const regions = await db
      .selectFrom('regions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    console.log(
      `pandu bench:search  ${Number(regions?.n)} regions, ${QUERIES.length} queries x ${RUNS} runs, ${describeMachine()}`,
    );
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    await searchRegions(db, { q: 'plosorejo' });
    const built = performance.now() - t0;
    gc?.();
    const heap = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    console.log(
      `first search (builds the index): ${ms(built)}; heap after it ${gc ? '' : '(no --expose-gc, rough) '}+${heap.toFixed(0)} MB`,
    );

    // Taking turns (every query once per round) so a burst of load elsewhere falls on all alike.
    const raw = new Map<string, number[]>(QUERIES.map((q) => [q, []]));
    const api = new Map<string, number[]>(QUERIES.map((q) => [q, []]));
    const totals = new Map<string, number>();
    for (let run = 0; run < RUNS + 2; run++) {
      for (const q of QUERIES) {
        let t = performance.now();
        const result = await searchRegions(db, { q });
        const a = performance.now() - t;
        t = performance.now();
        await caller.regions.search({ q });
        const b = performance.now() - t;
        if (run < 2) continue; // warm-up rounds: V8's JIT
        raw.get(q)?.push(a);
        api.get(q)?.push(b);
        totals.set(q, result.total);
      }
    }
    console.log(
      `${'query'.padEnd(20)} ${'total'.padStart(6)}  raw median / p95   api median / p95`,
    );
    for (const q of QUERIES) {
      const r = [...(raw.get(q) ?? [])].sort((x, y) => x - y);
      const s = [...(api.get(q) ?? [])].sort((x, y) => x - y);
      console.log(
        `${JSON.stringify(q).padEnd(20)} ${String(totals.get(q)).padStart(6)}  ${ms(percentile(r, 0.5)).padStart(8)} / ${ms(percentile(r, 0.95)).padStart(8)}  ${ms(percentile(s, 0.5)).padStart(8)} / ${ms(percentile(s, 0.95)).padStart(8)}`,
      );
    }
    const all = (m: Map<string, number[]>) => [...m.values()].flat().sort((x, y) => x - y);
    const rawAll = all(raw);
    const apiAll = all(api);
    console.log(
      `all queries: raw median ${ms(percentile(rawAll, 0.5))}, p95 ${ms(percentile(rawAll, 0.95))}, max ${ms(rawAll.at(-1) ?? NaN)}; ` +
        `api median ${ms(percentile(apiAll, 0.5))}, p95 ${ms(percentile(apiAll, 0.95))}, max ${ms(apiAll.at(-1) ?? NaN)} ` +
        `(target p95 <= ${TARGET_P95_MS} ms: ${percentile(apiAll, 0.95) <= TARGET_P95_MS ? 'met' : 'NOT met'}); ${describeMachine()}`,
    );
  } finally {
    await db.destroy();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
