// `pnpm --filter @pandu/server bench:load [--db FILE] [--seconds S]`: a real `pandu serve` process
// under load from keep-alive HTTP clients in this process. Prints; asserts nothing. Phases:
//   cached    32 clients repeating a small set of dashboard calls (every call after the first hits
//             the result cache);
//   uncached  32 clients on distinct divide.summary inputs (regency x year x measure), each asked
//             once, so every call runs its SQL;
//   spike     200 clients at once on distinct inputs, as above;
// a client answered 503 waits what its Retry-After asks before its next request, as a well-behaved
// client does (and counts the 503 as an error);
// and the server's resident memory (VmRSS) before and after. Without --db the national dataset is
// seeded to a temporary directory with `pandu seed` (about 20 s) and removed after.
// Environment: PANDU_BENCH_SECONDS (default 10) bounds each phase; PANDU_BENCH_DB as --db.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { servedInputs } from '../faults/load-clients.js';
import { PANDU_BIN, startServe } from '../faults/start-serve.js';
import { benchPaths, get, percentile } from './http-load.js';

// A bench script, not the product: its own knobs are read here (src/env.ts is the product's).
const benchEnv = process.env;
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: benchEnv.PANDU_BENCH_DB },
    seconds: { type: 'string', default: benchEnv.PANDU_BENCH_SECONDS ?? '10' },
  },
});
const SECONDS = Number(args.seconds);
if (!(SECONDS > 0)) throw new Error(`invalid seconds: ${args.seconds}`);

function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

async function run(command: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const child = spawn(process.execPath, [PANDU_BIN, ...command], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...benchEnv, CI: 'true', ...env },
  });
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  if (code !== 0) throw new Error(`pandu ${command.join(' ')} exited with ${code}`);
}

interface PhaseResult {
  name: string;
  clients: number;
  ok: number;
  latencies: number[];
  errors: Map<string, number>;
  seconds: number;
  firstAnswerMs: number;
  healthMs: number[];
}

/**
 * `clients` keep-alive clients, each taking the next URL from `next()` until it returns null or
 * `SECONDS` pass; a health probe (`/trpc/health`) once a second beside them, on its own connection.
 */
async function phase(
  name: string,
  clients: number,
  next: () => string | null,
  healthUrl: string,
): Promise<PhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const healthMs: number[] = [];
  const count = (key: string) => errors.set(key, (errors.get(key) ?? 0) + 1);
  const t0 = performance.now();
  const until = t0 + SECONDS * 1000;
  let firstAnswerMs = NaN;
  let running = true;
  const probe = (async () => {
    while (running && performance.now() < until) {
      const p0 = performance.now();
      try {
        await get(probeAgent, healthUrl);
        healthMs.push(performance.now() - p0);
      } catch {
        count('health: connection');
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let url = next(); url !== null && performance.now() < until; url = next()) {
        const r0 = performance.now();
        try {
          const { status, retryAfterMs } = await get(agent, url);
          if (Number.isNaN(firstAnswerMs)) firstAnswerMs = performance.now() - t0;
          if (status === 200 || status === 404) latencies.push(performance.now() - r0);
          else count(String(status));
          // A well-behaved client waits as long as a 503's Retry-After asks before its next call.
          if (status === 503) await new Promise((r) => setTimeout(r, retryAfterMs));
        } catch (error) {
          count((error as NodeJS.ErrnoException).code ?? (error as Error).message);
        }
      }
    }),
  );
  running = false;
  const seconds = (performance.now() - t0) / 1000;
  await probe;
  agent.destroy();
  probeAgent.destroy();
  return {
    name,
    clients,
    ok: latencies.length,
    latencies,
    errors,
    seconds,
    firstAnswerMs,
    healthMs,
  };
}

function report(r: PhaseResult): string {
  const s = [...r.latencies].sort((a, b) => a - b);
  const h = [...r.healthMs].sort((a, b) => a - b);
  const errors = [...r.errors].map(([k, n]) => `${k}: ${n}`).join(', ') || '0';
  return (
    `${r.name.padEnd(9)} ${String(r.clients).padStart(3)} clients  ${r.ok} ok in ${r.seconds.toFixed(1)} s = ` +
    `${(r.ok / r.seconds).toFixed(1)} req/s  p50 ${percentile(s, 0.5).toFixed(0)} ms  ` +
    `p95 ${percentile(s, 0.95).toFixed(0)} ms  p99 ${percentile(s, 0.99).toFixed(0)} ms  ` +
    `first answer ${r.firstAnswerMs.toFixed(0)} ms  health max ${h.length ? percentile(h, 1).toFixed(0) : '-'} ms (${h.length} probes)  ` +
    `errors ${errors}`
  );
}

const tempDir = args.db ? null : await mkdtemp(join(tmpdir(), 'pandu-load-bench-'));
let server: ChildProcess | undefined;
try {
  const db = args.db ? resolve(args.db) : join(tempDir ?? '.', 'pandu.duckdb');
  if (!existsSync(db)) await run(['seed', '--db', db]);
  const started = await startServe(db, { timeoutMs: 120_000 });
  server = started.child;
  const pid = server.pid ?? 0;
  const trpc = `${started.url}/trpc`;

  // The inputs: years from health, regencies from the provinces' children.
  const { provinces, regencies, years } = await servedInputs(started.url);
  const paths = benchPaths({ provinces, regencies, years });
  const distinct = paths.distinct.map((p) => `${started.url}${p}`);
  const cachedSet = paths.cached.map((p) => `${started.url}${p}`);
  const health = (await (await fetch(`${trpc}/health`)).json()) as {
    result: { data: { rows: { village_index: number } } };
  };
  const villageYears = health.result.data.rows.village_index;
  console.log(
    `\npandu serve (pid ${pid}) on ${db}: ${villageYears.toLocaleString('en')} village-years, ` +
      `${provinces.length} provinces, ${regencies.length} regencies, ${years.length} years; ` +
      `${distinct.length.toLocaleString('en')} distinct divide.summary inputs; ${SECONDS} s per phase at most`,
  );
  const rssBefore = rssKiB(pid);
  console.log(`RSS before: ${(rssBefore / 1024).toFixed(0)} MiB`);

  let c = 0;
  const cached = await phase(
    'cached',
    32,
    () => cachedSet[c++ % cachedSet.length] ?? null,
    `${trpc}/health`,
  );
  console.log(report(cached));
  let u = 0;
  const uncached = await phase('uncached', 32, () => distinct[u++] ?? null, `${trpc}/health`);
  console.log(report(uncached));
  const spike = await phase('spike', 200, () => distinct[u++] ?? null, `${trpc}/health`);
  console.log(report(spike));
  const rssAfter = rssKiB(pid);
  console.log(`RSS after: ${(rssAfter / 1024).toFixed(0)} MiB`);
} finally {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server?.once('exit', r));
    server.kill('SIGTERM');
    const guard = setTimeout(() => server?.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(guard);
    console.log(`pandu serve exited (code ${server.exitCode}, signal ${server.signalCode})`);
  }
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
}
