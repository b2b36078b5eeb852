// `pnpm --filter @pandu/server bench`: API latency on the national default dataset. Prints; asserts
// nothing. For each dashboard procedure: median and p95 over HTTP with the result cache off (every
// call runs its SQL) and on (warm), beside the median of the same query function called in-process
// on the same database; then 32 concurrent keep-alive clients over a mix of calls for 10 s.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as q from '@pandu/db';
import { createDefaultDatabase } from '../src/cli/seed-command.js';
import { createInnerContext } from '../src/context.js';
import { createApiServer } from '../src/http-server.js';
import { ResultCache } from '../src/result-cache.js';

const RUNS = 30;

function stats(ms: number[]): { median: number; p95: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) =>
    s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

async function timeRuns(fn: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const dir = await mkdtemp(join(tmpdir(), 'pandu-api-bench-'));
try {
  const path = join(dir, 'pandu.duckdb');
  await createDefaultDatabase(path, { interactive: false });
  const db = await q.openDatabase(path, { queryTimeoutMs: 10_000 });
  const listen = async (cache: ResultCache | null) => {
    const server = createApiServer(createInnerContext({ db, dbPath: path, cache }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc` };
  };
  const cold = await listen(null);
  const warm = await listen(new ResultCache(1000));

  const procedures: Array<[string, unknown, () => Promise<unknown>]> = [
    ['index.byRegion', { year: 2024 }, () => q.indexByRegion(db, { year: 2024 })],
    [
      'index.byRegion',
      { parent: '35', year: 2024 },
      () => q.indexByRegion(db, { parent: '35', year: 2024 }),
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
    ['divide.lorenz', { year: 2024 }, () => q.lorenz(db, { year: 2024 })],
    ['regions.search', { q: 'plosorejo' }, () => q.searchRegions(db, { q: 'plosorejo' })],
    ['regions.children', { code: '35.05' }, () => q.regionChildren(db, { code: '35.05' })],
    [
      'villages.profile',
      { code: '35.05.04.2014' },
      () => q.villageProfile(db, { code: '35.05.04.2014' }),
    ],
    ['mentoring.coverage', {}, () => q.mentoringCoverage(db, {})],
    ['mentoring.impact', {}, () => q.mentoringImpact(db, {})],
    ['mentoring.priorities', { code: '35' }, () => q.mentoringPriorities(db, { code: '35' })],
  ];
  const url = (base: string, name: string, input: unknown) =>
    `${base}/${name}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const fetchOk = async (u: string) => {
    const res = await fetch(u);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${res.status} for ${u}`);
  };

  const rows: string[][] = [];
  for (const [name, input, raw] of procedures) {
    const rawMs = stats(await timeRuns(raw));
    const coldMs = stats(await timeRuns(() => fetchOk(url(cold.base, name, input))));
    const warmMs = stats(await timeRuns(() => fetchOk(url(warm.base, name, input))));
    rows.push([
      `${name} ${JSON.stringify(input)}`,
      rawMs.median.toFixed(1),
      coldMs.median.toFixed(1),
      coldMs.p95.toFixed(1),
      (coldMs.median / rawMs.median).toFixed(2),
      warmMs.median.toFixed(1),
      warmMs.p95.toFixed(1),
    ]);
  }
  const header = [
    'procedure (national dataset)',
    'raw SQL med',
    'HTTP cold med',
    'cold p95',
    'cold/raw',
    'HTTP warm med',
    'warm p95',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(
    `\nlatency in ms, ${RUNS} runs each after one warm-up\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}`,
  );
  for (const r of rows) console.log(line(r));

  // Load: 32 concurrent clients for 10 s over the dashboard mix, against the cached server.
  const mix = procedures.map(([name, input]) => url(warm.base, name, input));
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + 10_000;
  await Promise.all(
    Array.from({ length: 32 }, async (_, worker) => {
      for (let i = worker; performance.now() < until; i++) {
        const t0 = performance.now();
        try {
          await fetchOk(mix[i % mix.length] ?? '');
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  const load = stats(latencies);
  console.log(
    `\n32 concurrent clients, 10 s, dashboard mix (cached): ${latencies.length} requests, ` +
      `${(latencies.length / 10).toFixed(0)} req/s, median ${load.median.toFixed(1)} ms, p95 ${load.p95.toFixed(1)} ms, errors ${errors}`,
  );
  for (const s of [cold.server, warm.server]) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  await db.destroy();
} finally {
  await rm(dir, { recursive: true, force: true });
}
