// `pnpm --filter @pandu/server bench:publish [--db FILE] [--runs N]`: how long publishing a
// national import takes. A national data directory (its `pandu.duckdb` adopted as version 1 by
// `pandu versions`), a CSV of every value of one year (about 835,000 rows: every village, every
// indicator), then N times (default 3) the real `pandu import --data DIR FILE --replace` in its own
// process: the wall time from spawn to exit, the time to each of its steps (from its progress lines
// on stderr: the store's copy, the import's read/validate/write/index, the store's checkpoint,
// verify, hash and pointer move), and the size of the version file it published. Prints; asserts
// nothing. The goal: <= 15 s including copy and checkpoint. Without --db the national
// dataset is seeded in a temporary directory (about 20 s); PANDU_BENCH_DB is the same as --db.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase, readCurrentPointer } from '@pandu/db';
import { PANDU_BIN } from '../faults/start-serve.js';
import { benchData } from './bench-data.js';
import { describeMachine } from './http-load.js';

// A bench script, not the product: its own knobs are read here (src/env.ts is the product's).
const benchEnv = process.env;
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: benchEnv.PANDU_BENCH_DB },
    runs: { type: 'string', default: '3' },
    year: { type: 'string', default: '2025' },
  },
});
const RUNS = Number(args.runs);
/** A run that has not finished by then is killed and reported. */
const RUN_TIMEOUT_MS = 300_000;

interface Run {
  code: number | null;
  wallMs: number;
  /** When each step's first progress line arrived, ms after the spawn. */
  steps: Map<string, number>;
  stderr: string;
}

function pandu(argv: string[]): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [PANDU_BIN, ...argv], {
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const steps = new Map<string, number>();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const [, step] of stderr.matchAll(/^[a-z]+: ([a-z]+) \(/gm)) {
      if (step && !steps.has(step)) steps.set(step, performance.now() - started);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, wallMs: performance.now() - started, steps, stderr });
    }),
  );
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const data = await benchData(args.db);
try {
  console.log(describeMachine());
  const adopt = await pandu(['versions', '--data', data.dir]);
  if (adopt.code !== 0) throw new Error(`pandu versions exited ${adopt.code}: ${adopt.stderr}`);
  const first = await readCurrentPointer(data.dir);
  if (!first) throw new Error(`no version 1 in ${data.dir}`);
  console.log(
    `version 1 adopted from ${data.db} in ${seconds(adopt.wallMs)}: ${mib(statSync(join(data.dir, first.file)).size)}`,
  );

  const csv = join(data.dir, '..', `year-${args.year}.csv`);
  const db = await openDatabase(data.db, { readOnly: true });
  try {
    await sql`copy (
        select village_code, year, indicator, value from observations where year = ${Number(args.year)}
      ) to ${sql.lit(csv)} (header)`.execute(db);
  } finally {
    await db.destroy();
  }
  console.log(`file: every value of ${args.year}, ${mib(statSync(csv).size)} (${csv})`);

  const totals: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const result = await pandu(['import', csv, '--data', data.dir, '--replace']);
    if (result.code !== 0) {
      console.log(`run ${run}: pandu import exited ${result.code}\n${result.stderr}`);
      continue;
    }
    totals.push(result.wallMs);
    const current = await readCurrentPointer(data.dir);
    const size = current ? statSync(join(data.dir, current.file)).size : Number.NaN;
    const steps = [...result.steps].map(([step, at]) => `${step} ${seconds(at)}`).join(', ');
    console.log(
      `run ${run}: ${seconds(result.wallMs)} from spawn to exit -> version ${current?.version} (${mib(size)}); steps start at: ${steps}`,
    );
  }
  totals.sort((a, b) => a - b);
  if (totals.length > 0) {
    console.log(
      `publish of a national import (${totals.length} runs): median ${seconds(totals[Math.floor(totals.length / 2)] ?? Number.NaN)}, max ${seconds(totals.at(-1) ?? Number.NaN)} (goal <= 15 s)`,
    );
  }
} finally {
  await data.cleanup();
}
