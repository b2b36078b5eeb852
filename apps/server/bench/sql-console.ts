// `pnpm --filter @pandu/server bench:sql [--db FILE] [--seconds S]`: does a bad console query slow
// the API down for everyone else? Prints; asserts nothing. A real `pandu serve` on the national
// dataset (cache off), 8 keep-alive clients asking distinct divide.summary inputs for S seconds:
// first alone, then while one user's console keeps a time bomb running in the sandbox worker
// (each stopped at the 10 s limit and sent again), then while it keeps hitting the memory limit.
// The issue's target: the other users' p95 within 2x. Only 127.0.0.1; every loop bounded.
import { execFile } from 'node:child_process';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { servedInputs } from '../faults/load-clients.js';
import { PANDU_BIN, startServe } from '../faults/start-serve.js';
import { benchData } from './bench-data.js';
import { benchPaths, describeLoad, describeMachine, percentile, runLoad } from './http-load.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.PANDU_BENCH_DB },
    seconds: { type: 'string', default: '20' },
  },
});
const SECONDS = Number(args.seconds);
const CLIENTS = 8;
const run = promisify(execFile);

const data = await benchData(args.db);
const serve = await startServe(
  { data: data.dir },
  { env: { PANDU_CACHE_SIZE: '0', PANDU_SQL_PER_MINUTE: '1000' }, timeoutMs: 300_000 },
);
try {
  const pandu = (argv: string[], stdin?: string) => {
    const child = run(process.execPath, [PANDU_BIN, ...argv, '--data', data.dir], {
      env: { ...process.env, CI: 'true' },
    });
    if (stdin !== undefined) child.child.stdin?.end(stdin);
    return child;
  };
  await pandu(['users', 'add', 'bench', '--role', 'viewer'], 'a long bench passphrase\n');
  const token = (await pandu(['tokens', 'create', '--user', 'bench'])).stdout.trim();

  const inputs = await servedInputs(serve.url);
  const { distinct } = benchPaths(inputs);
  let next = 0;
  const nextUrl = () => `${serve.url}${distinct[next++ % distinct.length]}`;

  /** Keep sending `sql` to the console until `stop()`; at most `max` queries. */
  function keepQuerying(sql: string, max = 100) {
    let stopped = false;
    const outcomes = new Map<number, number>();
    const done = (async () => {
      for (let i = 0; i < max && !stopped; i++) {
        const res = await fetch(`${serve.url}/trpc/sql.query`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ sql }),
        });
        await res.arrayBuffer();
        outcomes.set(res.status, (outcomes.get(res.status) ?? 0) + 1);
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        await done;
        return [...outcomes].map(([status, n]) => `${status}: ${n}`).join(', ');
      },
    };
  }

  console.log(`pandu bench:sql  ${describeMachine()}`);
  // Warm the JIT and the connections first, untimed.
  await runLoad({ clients: CLIENTS, seconds: 3, next: nextUrl });
  const alone = await runLoad({ clients: CLIENTS, seconds: SECONDS, next: nextUrl });
  console.log(describeLoad('no console query', alone));
  const p95 = (r: typeof alone) =>
    percentile(
      [...r.latencies].sort((a, b) => a - b),
      0.95,
    );

  for (const [name, sql] of [
    ['time bomb (10 s limit)', 'select count(*) from range(1000000000000::bigint)'],
    ['memory bomb (1 GB limit)', "select string_agg(repeat('x', 1000000), '') from range(5000)"],
  ] as const) {
    const bomb = keepQuerying(sql);
    const during = await runLoad({ clients: CLIENTS, seconds: SECONDS, next: nextUrl });
    const outcomes = await bomb.stop();
    console.log(describeLoad(`while a ${name}`, during));
    console.log(
      `  console answers: ${outcomes}; p95 ${(p95(during) / p95(alone)).toFixed(2)}x the p95 alone (target <= 2x)`,
    );
  }
  console.log(describeMachine());
} finally {
  serve.kill();
  await serve.exited;
  await data.cleanup();
}
