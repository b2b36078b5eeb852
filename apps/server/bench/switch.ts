// `pnpm --filter @pandu/server bench:switch [--db FILE] [--publishes N] [--clients C]`: how long
// `pandu serve --data DIR` takes to answer from a newly published version. A real serve process on
// a national data directory, C keep-alive clients (default 8) asking for a village's profile and a
// few cached dashboard calls; N times (default 5) a version is published that changes that
// village's value, and the switch time is from the moment its publishing step began (CURRENT moves just after) to the first answer any
// client got from the new version (its `Pandu-Version` header), and to the first health answer
// that reports it (the server's switch, before any query of the new version has run). Prints each publish and the median
// and maximum; asserts nothing. The publish is the real `pandu import --data DIR FILE --replace`
// in its own process (faults/import-version.ts), timed from its `publishing` step, so the switch
// time is never flattered. Without --db the national dataset is seeded in a
// temporary directory (about 20 s); PANDU_BENCH_DB is the same as --db.
import { writeFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '@pandu/db';
import { importVersion } from '../faults/import-version.js';
import { startServe, type ServeProcess } from '../faults/start-serve.js';
import { benchData } from './bench-data.js';
import { describeLoad, describeMachine, get, percentile, runLoad } from './http-load.js';

// A bench script, not the product: its own knobs are read here (src/env.ts is the product's).
const benchEnv = process.env;
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: benchEnv.PANDU_BENCH_DB },
    publishes: { type: 'string', default: '5' },
    clients: { type: 'string', default: '8' },
  },
});
const PUBLISHES = Number(args.publishes);
const CLIENTS = Number(args.clients);
/** A switch not seen by then is reported as missed (the issue's deadline is 2 s). */
const GIVE_UP_MS = 10_000;

const data = await benchData(args.db);
let serve: ServeProcess | undefined;
try {
  serve = await startServe({ data: data.dir }, { timeoutMs: 300_000 });
  const base = serve.url;
  const db = await openDatabase(data.db, { readOnly: true });
  const { rows } = await sql<{ code: string; value: number }>`
    select village_code as code, value from observations
    where indicator = 'digital_skills' and year = 2024 order by village_code limit 1`.execute(db);
  await db.destroy();
  const village = rows[0];
  if (!village) throw new Error('no digital_skills value for 2024');
  const url = (name: string, input: unknown) =>
    `${base}/trpc/${name}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const urls = [
    url('villages.profile', { code: village.code }),
    url('divide.summary', { year: 2024 }),
    url('index.byRegion', { year: 2024 }),
    url('regions.children', {}),
  ];

  // The first answer from each version, over every client.
  const firstAnswer = new Map<number, number>();
  let done = false;
  let n = 0;
  const load = runLoad({
    clients: CLIENTS,
    seconds: 3_600,
    next: () => urls[n++ % urls.length] ?? null,
    stop: () => done,
    onAnswer: (answer) => {
      if (answer.version !== null && !firstAnswer.has(answer.version)) {
        firstAnswer.set(answer.version, answer.at);
      }
    },
  });
  console.log(
    `\npandu serve (pid ${serve.child.pid}) on ${data.dir} (national, from ${data.db}); ` +
      `${CLIENTS} clients; ${PUBLISHES} publishes; ${describeMachine()}`,
  );

  const switches: number[] = [];
  const healthSwitches: number[] = [];
  const probe = new Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < PUBLISHES; i++) {
    await new Promise((r) => setTimeout(r, 1_000));
    const csv = join(data.dir, `change-${i}.csv`);
    const value = i % 2 === 0 ? 1.25 : 4.75;
    await writeFile(
      csv,
      `village_code,year,indicator,value\n${village.code},2024,digital_skills,${value}\n`,
    );
    let published = NaN;
    const t0 = performance.now();
    const pointer = await importVersion(data.dir, csv, {
      onPublished: () => (published = performance.now()),
    });
    const publishSeconds = (published - t0) / 1000;
    // The server's own view, on its health connection (which answers beside the pool): when it
    // gives the new version to new requests.
    let healthSeen: number | undefined;
    for (let k = 0; k < GIVE_UP_MS / 10 && healthSeen === undefined; k++) {
      const answer = await get(probe, `${base}/trpc/health`);
      if (answer.version === pointer.version) healthSeen = answer.at;
    }
    let seen: number | undefined;
    for (let k = 0; k < GIVE_UP_MS / 10 && seen === undefined; k++) {
      seen = firstAnswer.get(pointer.version);
      if (seen === undefined) await new Promise((r) => setTimeout(r, 10));
    }
    const ms = seen === undefined ? NaN : seen - published;
    if (seen !== undefined) switches.push(ms);
    if (healthSeen !== undefined) healthSwitches.push(healthSeen - published);
    console.log(
      `version ${pointer.version}: pandu import ran ${publishSeconds.toFixed(1)} s to its publishing step (start, copy, import, checkpoint, hash); ` +
        `health on it ${healthSeen === undefined ? `not within ${GIVE_UP_MS}` : (healthSeen - published).toFixed(0)} ms, ` +
        (seen === undefined
          ? `no client answer from it within ${GIVE_UP_MS} ms`
          : `first client answer from it ${ms.toFixed(0)} ms after its publishing step began (CURRENT moves just after)`),
    );
  }
  probe.destroy();
  done = true;
  const result = await load;
  const sorted = [...switches].sort((a, b) => a - b);
  console.log(describeLoad('load during the switches', result));
  console.log(`at the end: ${describeMachine()}`);
  const healthSorted = [...healthSwitches].sort((a, b) => a - b);
  console.log(
    `switch time, publish -> first client answer from the new version, over ${switches.length} of ${PUBLISHES} publishes: ` +
      `p50 ${percentile(sorted, 0.5).toFixed(0)} ms, max ${percentile(sorted, 1).toFixed(0)} ms`,
  );
  console.log(
    `switch time, publish -> health reports the new version: p50 ${percentile(healthSorted, 0.5).toFixed(0)} ms, ` +
      `max ${percentile(healthSorted, 1).toFixed(0)} ms (CURRENT watched and polled every 250 ms, then the version opened and checked)`,
  );
} finally {
  if (serve) {
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
  await data.cleanup();
}
