// `pnpm --filter @pandu/server bench [--db FILE] [--runs N] [--seconds S]`: API latency on the
// national default dataset. Prints; asserts nothing. For each dashboard procedure: median and p95
// over HTTP with the result cache off (every call runs its SQL: "cold") and on ("warm"), beside
// the median of the same query function called in-process on the same database ("raw"); then 32
// concurrent keep-alive clients over a mix of dashboard calls, warm and cold, for S seconds each.
//
// The load clients run in a worker thread, so their own fetch work does not sit on the server's
// event loop (on a 2-core machine they still share the CPU with the server and DuckDB). Without
// --db the national dataset is built in a temporary directory first (about 20 s) and removed after;
// with --db FILE it is built there if missing and kept.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import * as q from '@pandu/db';
import { createDefaultDatabase } from '../src/cli/seed-command.js';
import { createApiServer } from '../src/http-server.js';
import { createInnerContext, ResultCache } from '@pandu/api';

// A bench script, not the product: its own knobs are read here (src/env.ts is the product's).
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.PANDU_BENCH_DB },
    runs: { type: 'string', default: '30' },
    seconds: { type: 'string', default: '10' },
  },
});
const RUNS = Number(args.runs);
const SECONDS = Number(args.seconds);
const CLIENTS = 32;
const TARGET_P95_MS = 50;
const TARGET_RATIO = 1.5;

function stats(ms: number[]): { median: number; p95: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) =>
    s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

/**
 * Times each of `fns` `runs` times, taking turns (a, b, c, a, b, c, ...) so that a burst of load
 * from elsewhere on the machine falls on all of them alike; after `warmup` untimed rounds, which
 * also get V8's JIT past the HTTP and tRPC code.
 */
async function timeInTurns(
  fns: ReadonlyArray<() => Promise<unknown>>,
  runs = RUNS,
  warmup = 5,
): Promise<number[][]> {
  const out = fns.map(() => [] as number[]);
  for (let i = 0; i < warmup + runs; i++) {
    for (const [k, fn] of fns.entries()) {
      const t0 = performance.now();
      await fn();
      if (i >= warmup) out[k]?.push(performance.now() - t0);
    }
  }
  return out;
}

// Plain JavaScript for the worker: no TypeScript loader needed there.
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { urls, clients, seconds } = workerData;
(async () => {
  const latencies = [];
  const errors = {};
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async (_, worker) => {
    for (let i = worker; performance.now() < until; i++) {
      const t0 = performance.now();
      try {
        const res = await fetch(urls[i % urls.length]);
        await res.arrayBuffer();
        if (res.status === 200) latencies.push(performance.now() - t0);
        else errors[res.status] = (errors[res.status] ?? 0) + 1;
      } catch (error) {
        errors[error.code ?? 'fetch'] = (errors[error.code ?? 'fetch'] ?? 0) + 1;
      }
    }
  }));
  parentPort.postMessage({ latencies, errors });
})();
`;

function load(urls: string[]): Promise<{ latencies: number[]; errors: Record<string, number> }> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(LOAD_WORKER, {
      eval: true,
      workerData: { urls, clients: CLIENTS, seconds: SECONDS },
    });
    worker.once('message', resolvePromise);
    worker.once('error', reject);
  });
}

const tempDir = args.db ? null : await mkdtemp(join(tmpdir(), 'pandu-api-bench-'));
try {
  const path = args.db ? resolve(args.db) : join(tempDir ?? '.', 'pandu.duckdb');
  if (!existsSync(path)) await createDefaultDatabase(path, { interactive: false });
  const db = await q.openDatabase(path, { queryTimeoutMs: 10_000 });
  const health = await q.datasetHealth(db);
  const listen = async (cache: ResultCache | null) => {
    const server = createApiServer(createInnerContext({ db, dbPath: path, cache }));
    await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
    return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc` };
  };
  const cold = await listen(null);
  const warm = await listen(new ResultCache(1000));

  // What the dashboard's pages call, national and regional, beside the query function each
  // procedure runs. framework.get touches no database: its row is the HTTP + tRPC overhead.
  const procedures: Array<[string, unknown, (() => Promise<unknown>) | null]> = [
    ['framework.get', undefined, null],
    ['regions.children', {}, () => q.regionChildren(db, {})],
    ['regions.children', { code: '35.05' }, () => q.regionChildren(db, { code: '35.05' })],
    ['regions.get', { code: '35.05.04' }, () => q.getRegion(db, { code: '35.05.04' })],
    ['regions.search', { q: 'plosorejo' }, () => q.searchRegions(db, { q: 'plosorejo' })],
    ['index.byRegion', { year: 2024 }, () => q.indexByRegion(db, { year: 2024 })],
    [
      'index.byRegion',
      { code: '35', year: 2024 },
      () => q.indexByRegion(db, { code: '35', year: 2024 }),
    ],
    ['index.timeseries', {}, () => q.timeseries(db, {})],
    ['index.timeseries', { code: '35.05' }, () => q.timeseries(db, { code: '35.05' })],
    ['divide.summary', { year: 2024 }, () => q.divideSummary(db, { year: 2024 })],
    [
      'divide.summary',
      { code: '35.05', year: 2024 },
      () => q.divideSummary(db, { code: '35.05', year: 2024 }),
    ],
    ['divide.convergence', {}, () => q.convergence(db, {})],
    ['divide.convergence', { code: '35.05' }, () => q.convergence(db, { code: '35.05' })],
    ['divide.lorenz', { year: 2024 }, () => q.lorenz(db, { year: 2024 })],
    [
      'villages.profile',
      { code: '35.05.04.2014' },
      () => q.villageProfile(db, { code: '35.05.04.2014' }),
    ],
    ['mentoring.coverage', {}, () => q.mentoringCoverage(db, {})],
    ['mentoring.impact', {}, () => q.mentoringImpact(db, {})],
    ['mentoring.priorities', { code: '35' }, () => q.mentoringPriorities(db, { code: '35' })],
    ['health', undefined, null],
  ];
  const url = (base: string, name: string, input: unknown) =>
    input === undefined
      ? `${base}/${name}`
      : `${base}/${name}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const fetchOk = async (u: string) => {
    const res = await fetch(u);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${res.status} for ${u}`);
  };

  // Get V8's JIT past the HTTP, tRPC and fetch code before anything is timed.
  for (let i = 0; i < 300; i++) await fetchOk(url(cold.base, 'framework.get', undefined));

  const rows: string[][] = [];
  const misses: string[] = [];
  for (const [name, input, raw] of procedures) {
    const label = `${name} ${input === undefined ? '' : JSON.stringify(input)}`.trim();
    const [coldRuns = [], warmRuns = [], rawRuns = []] = await timeInTurns([
      () => fetchOk(url(cold.base, name, input)),
      () => fetchOk(url(warm.base, name, input)),
      ...(raw ? [raw] : []),
    ]);
    const rawMs = raw ? stats(rawRuns) : null;
    const coldMs = stats(coldRuns);
    const warmMs = stats(warmRuns);
    const ratio = rawMs ? coldMs.median / rawMs.median : null;
    if (warmMs.p95 > TARGET_P95_MS) misses.push(`${label}: warm p95 ${warmMs.p95.toFixed(1)} ms`);
    if (ratio !== null && ratio > TARGET_RATIO) {
      misses.push(
        `${label}: cold/raw ${ratio.toFixed(2)} (${rawMs?.median.toFixed(1)} -> ${coldMs.median.toFixed(1)} ms)`,
      );
    }
    rows.push([
      label,
      rawMs ? rawMs.median.toFixed(1) : '-',
      coldMs.median.toFixed(1),
      coldMs.p95.toFixed(1),
      ratio === null ? '-' : ratio.toFixed(2),
      (coldMs.median - (rawMs?.median ?? 0)).toFixed(1),
      warmMs.median.toFixed(1),
      warmMs.p95.toFixed(1),
    ]);
  }
  const header = [
    'procedure',
    'raw med',
    'HTTP cold med',
    'cold p95',
    'cold/raw',
    'overhead',
    'HTTP warm med',
    'warm p95',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(
    `\n${health.rows.regions.toLocaleString('en')} regions, ${health.rows.observations.toLocaleString('en')} observations, ` +
      `${health.rows.village_index.toLocaleString('en')} village-years; latency in ms, ${RUNS} runs each, raw/cold/warm taking turns, after 5 warm-up rounds`,
  );
  console.log(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
  for (const r of rows) console.log(line(r));
  console.log(
    misses.length === 0
      ? `\nevery procedure within warm p95 <= ${TARGET_P95_MS} ms and cold/raw <= ${TARGET_RATIO}`
      : `\noutside the targets (warm p95 <= ${TARGET_P95_MS} ms, cold/raw <= ${TARGET_RATIO}):\n  ${misses.join('\n  ')}`,
  );

  // Throughput: 32 concurrent keep-alive clients over the dashboard mix, cached then uncached.
  for (const [mode, base] of [
    ['warm (cache on)', warm.base],
    ['cold (cache off)', cold.base],
  ] as const) {
    const mix = procedures.map(([name, input]) => url(base, name, input));
    const result = await load(mix);
    const s = stats(result.latencies);
    const errors = Object.entries(result.errors);
    console.log(
      `\n${CLIENTS} clients, ${SECONDS} s, dashboard mix, ${mode}: ${result.latencies.length} ok, ` +
        `${(result.latencies.length / SECONDS).toFixed(0)} req/s, median ${s.median.toFixed(1)} ms, ` +
        `p95 ${s.p95.toFixed(1)} ms, errors ${errors.length === 0 ? 0 : errors.map(([k, n]) => `${k}: ${n}`).join(', ')}`,
    );
  }
  for (const s of [cold.server, warm.server]) {
    s.closeAllConnections();
    await new Promise((resolvePromise) => s.close(resolvePromise));
  }
  await db.destroy();
} finally {
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
}
