import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@pandu/db';
import { importVersion } from './import-version.js';
import { getOutcome, keepAliveAgent, type Outcome } from './load-clients.js';
import { seededCopy, startServe, type ServeProcess } from './serve-process.js';

// Issue 10: `pandu serve` on a data directory keeps answering while a new version is published
// and switches to it within 2 s, without a restart; so do two replicas on one directory. Real
// processes on 127.0.0.1; every loop bounded in count and time. The one clock assertion is the
// issue's own deadline: the switch is observed less than 2 s after the publish.

const SWITCH_DEADLINE_MS = 2_000;
const CLIENTS = 8;
/** Each client's requests at most, and the time they may take at most: a bound, not a target. */
const MAX_REQUESTS_PER_CLIENT = 2_000;
const MAX_LOAD_MS = 30_000;

/** The village whose value the imports change, and the indicator and year changed. */
interface Known {
  code: string;
  year: number;
  indicator: string;
  /** Its value in version 1. */
  before: number;
}

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

interface Health {
  version: number | null;
  file: string;
}

async function health(base: string): Promise<Health> {
  const res = await fetch(`${base}/trpc/health`);
  return ((await res.json()) as { result: { data: Health } }).result.data;
}

/** The known village's value as a profile answer gives it, with the version that answered. */
function valueIn(outcome: Outcome, known: Known): number | null {
  const body = JSON.parse(outcome.body) as {
    result: {
      data: {
        indicators: Array<{ id: string; years: Array<{ year: number; value: number | null }> }>;
      };
    };
  };
  const indicator = body.result.data.indicators.find((i) => i.id === known.indicator);
  return indicator?.years.find((y) => y.year === known.year)?.value ?? null;
}

/**
 * Resolves with the milliseconds from `since` until every server's health reports `version`;
 * rejects once `deadlineMs` have passed. Polls each server every 25 ms (bounded by the deadline).
 */
async function allSwitched(
  bases: string[],
  version: number,
  since: number,
  deadlineMs: number,
): Promise<number> {
  const pending = new Set(bases);
  for (let i = 0; i < deadlineMs / 25 + 1; i++) {
    for (const base of [...pending]) {
      if ((await health(base)).version === version) pending.delete(base);
    }
    const elapsed = performance.now() - since;
    if (pending.size === 0) return elapsed;
    if (elapsed > deadlineMs) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${[...pending].join(', ')} not on version ${version} within ${deadlineMs} ms`);
}

/**
 * CLIENTS keep-alive clients asking for the known village's profile on `base` until `stop()`
 * (or their bound); `done` resolves with every outcome.
 */
function keepQuerying(base: string, known: Known) {
  const agent = keepAliveAgent(CLIENTS);
  const counter = { sent: 0, arrived: 0 };
  const url = `${base}/trpc/villages.profile?input=${input({ code: known.code })}`;
  let stopped = false;
  const started = performance.now();
  const client = async () => {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < MAX_REQUESTS_PER_CLIENT && !stopped; i++) {
      if (performance.now() - started > MAX_LOAD_MS) break;
      outcomes.push(await getOutcome(agent, url, counter, 10_000));
    }
    return outcomes;
  };
  const done = Promise.all(Array.from({ length: CLIENTS }, client)).then((all) => {
    agent.destroy();
    return all.flat().sort((a, b) => a.arrived - b.arrived);
  });
  return {
    done,
    answered: () => counter.arrived,
    stop: () => {
      stopped = true;
      return done;
    },
  };
}

describe('pandu serve on a data directory while versions are published', () => {
  let copy: Awaited<ReturnType<typeof seededCopy>>;
  let data: string;
  let known: Known;
  const servers: ServeProcess[] = [];

  /** A CSV of the known village's value, as an analyst would import it. */
  async function csvSetting(value: number, name: string): Promise<string> {
    const file = join(copy.dir, name);
    await writeFile(
      file,
      `village_code,year,indicator,value\n${known.code},${known.year},${known.indicator},${value}\n`,
    );
    return file;
  }

  beforeAll(async () => {
    copy = await seededCopy();
    const db = await openDatabase(copy.db, { readOnly: true });
    try {
      const { rows } = await sql<{ code: string; value: number }>`
        select village_code as code, value from observations
        where indicator = 'digital_skills' and year = 2024 and village_code like '35.05.%'
        order by village_code limit 1`.execute(db);
      const row = rows[0];
      if (!row) throw new Error('no digital_skills value for 2024 in Kabupaten Blitar');
      known = { code: row.code, year: 2024, indicator: 'digital_skills', before: row.value };
    } finally {
      await db.destroy();
    }
    // An older install's single file in the data directory: serve adopts it as version 1.
    data = join(copy.dir, 'data');
    await mkdir(data);
    await rename(copy.db, join(data, 'pandu.duckdb'));
  });
  afterAll(async () => {
    for (const server of servers) server.kill();
    await Promise.all(servers.map((server) => server.exited));
    await copy?.cleanup();
  });

  it('answers every request during a publish and serves the new value within 2 s', async () => {
    const serve = await startServe({ data });
    servers.push(serve);
    expect(serve.stderr()).toContain(`adopted ${join(data, 'pandu.duckdb')} as version 1`);
    expect(await health(serve.url)).toEqual(
      expect.objectContaining({ version: 1, file: 'v000001.duckdb' }),
    );

    const after = known.before > 3 ? 1.5 : 4.5;
    const file = await csvSetting(after, 'change.csv');
    const load = keepQuerying(serve.url, known);
    // Let the clients get going on version 1: a few answers each (bounded in tries).
    for (let i = 0; i < 1_000 && load.answered() < CLIENTS * 4; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }

    // `pandu import --data DIR FILE --replace`, the real command, in its own process.
    let published = Number.NaN;
    const pointer = await importVersion(data, file, {
      onPublished: () => (published = performance.now()),
    });
    expect(pointer.version).toBe(2);
    const switchMs = await allSwitched([serve.url], 2, published, SWITCH_DEADLINE_MS);
    // A little more load on the new version, then the clients stop.
    await new Promise((r) => setTimeout(r, 300));
    const outcomes = await load.stop();

    // Every request answered 200, before, during and after the switch.
    const failed = outcomes.filter((o) => o.status !== 200);
    expect(
      failed.map((o) => o.status ?? o.error),
      `of ${outcomes.length}`,
    ).toEqual([]);
    // Each answer is its version's value: version 1 the old one, version 2 the imported one.
    const byVersion = new Map<string, Set<number | null>>();
    for (const o of outcomes) {
      const version = String(o.headers['pandu-version']);
      byVersion.set(version, (byVersion.get(version) ?? new Set()).add(valueIn(o, known)));
    }
    expect(Object.fromEntries([...byVersion].map(([v, values]) => [v, [...values]]))).toEqual({
      '1': [known.before],
      '2': [after],
    });
    // Answers from the new version came after those from the old: no flapping back.
    const versions = outcomes.map((o) => Number(o.headers['pandu-version']));
    expect(versions.slice(versions.indexOf(2)).every((v) => v === 2)).toBe(true);
    expect(await health(serve.url)).toEqual(
      expect.objectContaining({ version: 2, file: 'v000002.duckdb' }),
    );
    expect(serve.stderr()).toContain('pandu: serving version 2');
    // For the log of the run, not asserted beyond the deadline above.
    console.log(
      `switched to version 2 ${switchMs.toFixed(0)} ms after the publish, ${outcomes.length} requests`,
    );
  });

  it('switches two replicas on one data directory within 2 s of a publish', async () => {
    const second = await startServe({ data });
    servers.push(second);
    const bases = servers.map((s) => s.url);
    for (const base of bases) expect((await health(base)).version).toBe(2);

    const value = known.before > 3 ? 2.25 : 3.75;
    let published = Number.NaN;
    const pointer = await importVersion(data, await csvSetting(value, 'again.csv'), {
      onPublished: () => (published = performance.now()),
    });
    expect(pointer.version).toBe(3);
    await allSwitched(bases, 3, published, SWITCH_DEADLINE_MS);
    const url = `/trpc/villages.profile?input=${input({ code: known.code })}`;
    for (const base of bases) {
      const agent = keepAliveAgent(1);
      const outcome = await getOutcome(agent, `${base}${url}`, { sent: 0, arrived: 0 });
      agent.destroy();
      expect([outcome.status, outcome.headers['pandu-version'], valueIn(outcome, known)]).toEqual([
        200,
        '3',
        value,
      ]);
    }
  });
});
