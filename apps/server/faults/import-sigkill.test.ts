import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@pandu/db';
import { PANDU_BIN, seededCopy } from './serve-process.js';

// `pandu import` killed with SIGKILL at random moments (seeded, so a failure can be replayed):
// every time the database opens, holds exactly the data of before or of after the import, and
// the next import succeeds. Each kill comes once the import has reported a chosen step on stderr
// (it has opened the database and begun), plus a few milliseconds, so the kills fall inside the
// import's own steps rather than in starting Node. Bounded: KILLS attempts.

const KILLS = 20;
/** The steps `pandu import` reports before its commit; `done` comes after it. */
const STEPS = ['reading', 'validating', 'writing', 'indexing', 'figures'] as const;
const MAX_DELAY_MS = 30;
/** Park-Miller, seeded: the kill moments are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

interface Fingerprint {
  /** Row count and an order-free hash of every observation: the data, exactly. */
  data: string;
  /** The data version, which each committed import raises by one. */
  version: number;
}

async function fingerprint(path: string): Promise<Fingerprint> {
  const db = await openDatabase(path);
  try {
    const { rows } = await sql<{ n: number; h: string; v: string }>`
      select count(*)::integer as n, sum(hash(village_code, year, indicator, value))::varchar as h,
        (select value from dataset_meta where key = 'data_version') as v
      from observations`.execute(db);
    const row = rows[0];
    return { data: `${row?.n}:${row?.h}`, version: Number(row?.v) };
  } finally {
    await db.destroy();
  }
}

/** Run `pandu import`; with `kill`, SIGKILL it `delayMs` after it reports `step`. */
function runImport(
  db: string,
  file: string,
  kill: { step: (typeof STEPS)[number]; delayMs: number } | null,
) {
  const child = spawn(process.execPath, [PANDU_BIN, 'import', file, '--db', db, '--replace'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (kill && !timer && stderr.includes(`import: ${kill.step} (`)) {
      timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    }
  });
  return new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    }),
  );
}

describe('pandu import under SIGKILL', () => {
  let copy: Awaited<ReturnType<typeof seededCopy>>;
  let file: string;
  beforeAll(async () => {
    copy = await seededCopy();
    // Every digital-skills value of Kabupaten Blitar's villages in 2024, shifted: ~1,000 rows
    // replaced, and the villages' index rebuilt, inside the import's one transaction.
    const db = await openDatabase(copy.db);
    try {
      const { rows } = await sql<{ village_code: string; value: number }>`
        select village_code, least(5, value + 0.25) as value from observations
        where indicator = 'digital_skills' and year = 2024 and village_code like '35.05.%'
        order by village_code`.execute(db);
      file = join(copy.dir, 'shift.csv');
      await writeFile(
        file,
        ['village_code,year,indicator,value']
          .concat(rows.map((r) => `${r.village_code},2024,digital_skills,${r.value}`))
          .join('\n'),
      );
    } finally {
      await db.destroy();
    }
  });
  afterAll(() => copy?.cleanup());

  it('leaves the database exactly before or exactly after, whenever it is killed', async () => {
    // The data the import leads to, from an import left to finish on a copy of its own.
    const reference = await seededCopy();
    let target: string;
    try {
      const done = await runImport(reference.db, file, null);
      expect(done.code, done.stderr).toBe(0);
      target = (await fingerprint(reference.db)).data;
    } finally {
      await reference.cleanup();
    }
    const initial = await fingerprint(copy.db);
    expect(target).not.toBe(initial.data);

    const next = random(20211102);
    const outcomes: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const state = await fingerprint(copy.db);
      const step = STEPS[Math.floor(next() * STEPS.length)] ?? 'reading';
      const result = await runImport(copy.db, file, {
        step,
        delayMs: Math.floor(next() * MAX_DELAY_MS),
      });
      const now = await fingerprint(copy.db);
      if (result.signal !== 'SIGKILL') expect(result.code, result.stderr).toBe(0);
      const unchanged = now.version === state.version && now.data === state.data;
      const committed = now.version === state.version + 1 && now.data === target;
      expect(unchanged || committed, `attempt ${i}: ${JSON.stringify({ state, now })}`).toBe(true);
      outcomes.push(
        result.signal === 'SIGKILL'
          ? committed
            ? 'killed after commit'
            : 'killed before commit'
          : 'finished',
      );
    }
    // Whatever happened, the next import runs to the end and leaves the imported data.
    const last = await runImport(copy.db, file, null);
    expect(last.code, last.stderr).toBe(0);
    expect((await fingerprint(copy.db)).data).toBe(target);
    // Some attempts were really killed inside the import, after it had begun and before it
    // committed (every kill comes after a step was reported).
    expect(outcomes).toContain('killed before commit');
  });
});
