import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { openDatabase } from '@pandu/db';
import { PANDU_BIN } from '../faults/start-serve.js';

// The pieces of a timed publish shared by the benches that publish a national import
// (publish.ts, figures.ts): the real `pandu` in its own process, and the CSV it imports.

/** One `pandu` run: exit code, wall time, and when each step's first progress line came. */
export interface PanduRun {
  code: number | null;
  wallMs: number;
  /** When each step's first progress line arrived, ms after the spawn (`import: figures (`). */
  steps: Map<string, number>;
  stderr: string;
}

/** A run that has not finished by then is killed and reported. */
const RUN_TIMEOUT_MS = 300_000;

/** Run the built `pandu` with `argv`, timing it from spawn to exit and each progress step. */
export function runPandu(argv: string[]): Promise<PanduRun> {
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

/** Write every observation of `year` in the database file `db` to `csv` (about 835,000 rows). */
export async function exportYearCsv(db: string, year: number, csv: string): Promise<void> {
  const source = await openDatabase(db, { readOnly: true });
  try {
    await sql`copy (
        select village_code, year, indicator, value from observations where year = ${year}
      ) to ${sql.lit(csv)} (header)`.execute(source);
  } finally {
    await source.destroy();
  }
}

export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** `read 0.41 s, validate 0.90 s, ...`: when each step began. */
export function describeSteps(run: PanduRun): string {
  return [...run.steps].map(([step, at]) => `${step} ${seconds(at)}`).join(', ');
}
