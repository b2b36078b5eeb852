// `pnpm --filter @pandu/server bench:replicas [--db FILE] [--seconds S] [--clients C]`: one
// `pandu serve` process against two replicas on one data directory behind nginx (Debian's,
// started here with its own configuration on 127.0.0.1: bench/nginx-balancer.ts), under the same
// client load: C keep-alive clients (default 32) for S seconds (default 20) on a small set of
// cached dashboard calls, then on distinct divide.summary inputs (regency x year x measure, each
// asked once: every call runs its SQL). Three set-ups, each on freshly started servers (empty
// result caches) and the same inputs in the same order: one process directly, one process behind
// nginx, two replicas behind nginx. Prints req/s, p50/p95/max latency and errors of each, and
// the ratios; asserts nothing. The clients run in this process, on the same machine. Without --db
// the national dataset is seeded in a temporary directory (about 20 s); PANDU_BENCH_DB is the
// same as --db.
import { parseArgs } from 'node:util';
import { servedInputs } from '../faults/load-clients.js';
import { startServe, type ServeProcess } from '../faults/start-serve.js';
import { benchData } from './bench-data.js';
import {
  benchPaths,
  describeLoad,
  describeMachine,
  runLoad,
  type LoadResult,
} from './http-load.js';
import { startBalancer } from './nginx-balancer.js';

// A bench script, not the product: its own knobs are read here (src/env.ts is the product's).
const benchEnv = process.env;
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: benchEnv.PANDU_BENCH_DB },
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '32' },
  },
});
const SECONDS = Number(args.seconds);
const CLIENTS = Number(args.clients);
if (!(SECONDS > 0) || !(CLIENTS > 0)) throw new Error('invalid --seconds or --clients');

const data = await benchData(args.db);
const servers: ServeProcess[] = [];

async function startServers(count: number): Promise<string[]> {
  const started: string[] = [];
  // One after the other: the first adopts the directory's legacy file as version 1.
  for (let i = 0; i < count; i++) {
    const serve = await startServe({ data: data.dir }, { timeoutMs: 300_000 });
    servers.push(serve);
    started.push(serve.url);
  }
  return started;
}

async function stopServers(): Promise<void> {
  for (const serve of servers.splice(0)) {
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
}

try {
  // The inputs, read once from a first server: the same for every set-up, paths only.
  const [first] = await startServers(1);
  if (!first) throw new Error('no server');
  const inputs = await servedInputs(first);
  await stopServers();
  const { distinct, cached: cachedSet } = benchPaths(inputs);
  console.log(
    `\nnational data directory ${data.dir} (from ${data.db}); ${CLIENTS} keep-alive clients, ${SECONDS} s per phase; ` +
      `${distinct.length.toLocaleString('en')} distinct divide.summary inputs; ${describeMachine()}`,
  );

  const setups = [
    { name: 'one process', replicas: 1, nginx: false },
    { name: 'one process, nginx', replicas: 1, nginx: true },
    { name: 'two replicas, nginx', replicas: 2, nginx: true },
  ] as const;
  const results = new Map<string, LoadResult>();
  for (const setup of setups) {
    const upstreams = await startServers(setup.replicas);
    const balancer = setup.nginx ? await startBalancer(upstreams) : null;
    const base = balancer?.url ?? upstreams[0] ?? '';
    try {
      let c = 0;
      const cached = await runLoad({
        clients: CLIENTS,
        seconds: SECONDS,
        next: () => `${base}${cachedSet[c++ % cachedSet.length]}`,
      });
      results.set(`${setup.name}|cached`, cached);
      console.log(describeLoad(`${setup.name}, cached`, cached));
      let u = 0;
      const uncached = await runLoad({
        clients: CLIENTS,
        seconds: SECONDS,
        next: () => (u < distinct.length ? `${base}${distinct[u++]}` : null),
      });
      results.set(`${setup.name}|uncached`, uncached);
      console.log(describeLoad(`${setup.name}, uncached`, uncached));
      console.log(`  ${describeMachine()}`);
    } finally {
      await balancer?.stop();
      await stopServers();
    }
  }
  const rate = (key: string) => {
    const r = results.get(key);
    return r ? r.ok / r.seconds : NaN;
  };
  for (const phase of ['cached', 'uncached']) {
    const two = rate(`two replicas, nginx|${phase}`);
    console.log(
      `${phase}: two replicas behind nginx / one process behind nginx = ${(two / rate(`one process, nginx|${phase}`)).toFixed(2)}; ` +
        `/ one process direct = ${(two / rate(`one process|${phase}`)).toFixed(2)}`,
    );
  }
} finally {
  await stopServers();
  await data.cleanup();
}
