import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DuckDBConnection } from '../duckdb-dialect/duckdb-connection.js';
import { figureMemory } from '../figures/figure-memory.js';
import { villageMemory } from '../figures/village-memory.js';
import { regionMemory } from '../queries/region-memory.js';
import { openDatabase } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { versionFilePath } from './read-current-version.js';
import { ServedVersions } from './served-versions.js';
import { prepareVillageProfile } from '../figures/stored-village-profile.js';

// Real DuckDB files in a data directory built by hand in the spec's layout: each version holds a
// `marker` row in dataset_meta naming it, so a test sees which version answered.

/** Write version `version` (schema only, plus its marker) into `dir`'s versions/. */
async function writeVersion(dir: string, version: number): Promise<string> {
  const file = versionFilePath(dir, version);
  await mkdir(join(dir, 'versions'), { recursive: true });
  const db = await openDatabase(file);
  await db
    .insertInto('dataset_meta')
    .values({ key: 'marker', value: `v${version}` })
    .execute();
  await db.destroy();
  return file;
}

/** Point CURRENT at `file` the way a writer does: a temporary file renamed over it. */
async function pointAt(dir: string, version: number, file = versionFilePath(dir, version)) {
  const tmp = join(dir, `CURRENT.tmp-${version}`);
  await writeFile(
    tmp,
    JSON.stringify({
      version,
      file: relative(dir, file),
      publishedAt: new Date(0).toISOString(),
      sha256: '0'.repeat(64),
    }),
  );
  await rename(tmp, join(dir, 'CURRENT'));
}

async function publish(dir: string, version: number): Promise<void> {
  await pointAt(dir, version, await writeVersion(dir, version));
}

async function marker(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db
    .selectFrom('dataset_meta')
    .select('value')
    .where('key', '=', 'marker')
    .executeTakeFirst();
  return row?.value;
}

/** Resolves once `db` has been destroyed (a version is destroyed in the background). */
async function destroyed(db: Kysely<Database>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await marker(db);
    } catch (error) {
      expect(String(error)).toMatch(/destroyed/);
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('not destroyed within 200 tries');
}

/** Resolves once `served` gives `version` to new leases; rejects after `ms` (bounded polls). */
async function switchedTo(served: ServedVersions, version: number, ms: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < 1_000 && performance.now() - started < ms; i++) {
    if (served.current().version === version) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`not switched to ${version} within ${ms} ms (at ${served.current().version})`);
}

describe('ServedVersions', () => {
  let root: string;
  let count = 0;
  const opened: ServedVersions[] = [];
  /** A fresh data directory with version 1 published. */
  async function dataDir(): Promise<string> {
    const dir = join(root, `data-${++count}`);
    await publish(dir, 1);
    return dir;
  }
  async function serve(dir: string, log: string[] = [], pollMs = 60_000) {
    // A poll period far beyond the test: switches come from `check()` and the directory's watch.
    const served = await ServedVersions.open(dir, { pollMs, log: (line) => log.push(line) });
    opened.push(served);
    return served;
  }
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pandu-served-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((served) => served.close()));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('serves the current version read-only', async () => {
    const dir = await dataDir();
    const served = await serve(dir);
    expect(served.current()).toEqual({ version: 1, file: versionFilePath(dir, 1) });
    const lease = served.lease();
    expect(lease.version).toBe(1);
    expect(lease.file).toBe(versionFilePath(dir, 1));
    expect(await marker(lease.db)).toBe('v1');
    expect(await marker(lease.health)).toBe('v1');
    await expect(
      lease.db.insertInto('dataset_meta').values({ key: 'x', value: 'y' }).execute(),
    ).rejects.toThrow(/read-only/i);
    lease.release();
  });

  it('switches by itself within the poll period once a version is published', async () => {
    const dir = await dataDir();
    const log: string[] = [];
    const served = await serve(dir, log, 25);
    await publish(dir, 2);
    // The deadline is 2 s from publish to the new version; polling every 25 ms here.
    await switchedTo(served, 2, 2_000);
    const lease = served.lease();
    expect(await marker(lease.db)).toBe('v2');
    lease.release();
    expect(log).toEqual([`pandu: serving version 2 (${versionFilePath(dir, 2)}), was 1`]);
  });

  it('switches when the directory reports CURRENT replaced, without waiting for the poll', async () => {
    const dir = await dataDir();
    // Polling once a minute: only the watch on the directory can make this switch in time.
    const served = await serve(dir, [], 60_000);
    await publish(dir, 2);
    await switchedTo(served, 2, 2_000);
  });

  it('lets a lease finish on its version; the old one closes when its last lease ends', async () => {
    const dir = await dataDir();
    const served = await serve(dir);
    const first = served.lease();
    const second = served.lease();
    await publish(dir, 2);
    await served.check();
    expect(served.current().version).toBe(2);
    const fresh = served.lease();
    expect([await marker(first.db), await marker(fresh.db)]).toEqual(['v1', 'v2']);
    first.release();
    first.release(); // a second release is ignored: it must not end `second`'s hold
    expect(await marker(second.db)).toBe('v1');
    second.release();
    await destroyed(second.db);
    expect(await marker(fresh.db)).toBe('v2');
    fresh.release();
  });

  it('does not close a version under a statement that is still running', async () => {
    const dir = await dataDir();
    const served = await serve(dir);
    const lease = served.lease();
    // Long enough to be running when the lease ends (DuckDB sums 5e8 integers in about a second).
    const n = 500_000_000n;
    let finished = false;
    const running = sql<{ s: string }>`
      select sum(i)::varchar as s from range(${Number(n)}) t(i)`
      .execute(lease.db)
      .finally(() => (finished = true));
    await publish(dir, 2);
    await served.check();
    lease.release();
    expect(finished, 'the statement ended before the lease did: make it longer').toBe(false);
    expect((await running).rows[0]?.s).toBe(String((n * (n - 1n)) / 2n));
    await destroyed(lease.db);
  });

  it('keeps serving when CURRENT points at a missing file, says so once, and switches when it appears', async () => {
    const dir = await dataDir();
    const log: string[] = [];
    const served = await serve(dir, log);
    await pointAt(dir, 2);
    for (let i = 0; i < 3; i++) await served.check();
    expect(served.current().version).toBe(1);
    expect(log).toEqual([
      `pandu: cannot serve version 2 (${versionFilePath(dir, 2)}): no such file; still serving version 1`,
    ]);
    const lease = served.lease();
    expect(await marker(lease.db)).toBe('v1');
    lease.release();
    await writeVersion(dir, 2);
    await served.check();
    expect(served.current().version).toBe(2);
  });

  it('keeps serving past a version it cannot answer from: not DuckDB, or an older schema', async () => {
    const dir = await dataDir();
    const log: string[] = [];
    const served = await serve(dir, log);
    const garbage = versionFilePath(dir, 2);
    await writeFile(garbage, 'not a database');
    const old = await writeVersion(dir, 3);
    const db = await openDatabase(old);
    await sql`delete from kysely_migration where name like '%schema-comments'`.execute(db);
    await db.destroy();
    for (const [version, problem] of [
      [2, /^pandu: cannot serve version 2 \(.*v000002\.duckdb\): .+; still serving version 1$/],
      [3, /: its schema lacks migration 2026-12-05T00-schema-comments; still serving version 1$/],
    ] as const) {
      await pointAt(dir, version);
      await served.check();
      await served.check();
      expect(served.current().version).toBe(1);
      expect(log.at(-1)).toMatch(problem);
    }
    expect(log).toHaveLength(2);
    await publish(dir, 4);
    await served.check();
    expect(served.current().version).toBe(4);
  });

  it('keeps serving while CURRENT is unreadable or gone', async () => {
    const dir = await dataDir();
    const log: string[] = [];
    const served = await serve(dir, log);
    await writeFile(join(dir, 'CURRENT'), '{"version":');
    await served.check();
    await served.check();
    await rm(join(dir, 'CURRENT'));
    await served.check();
    expect(served.current().version).toBe(1);
    expect(log).toEqual([
      `pandu: invalid pointer in ${join(dir, 'CURRENT')}: not JSON; still serving version 1`,
      `pandu: ${dir} has no CURRENT any more; still serving version 1`,
    ]);
    await publish(dir, 2);
    await served.check();
    expect(served.current().version).toBe(2);
  });

  it('follows CURRENT back to an older version (a pointer restored by hand)', async () => {
    const dir = await dataDir();
    const served = await serve(dir);
    await publish(dir, 2);
    await served.check();
    await pointAt(dir, 1);
    await served.check();
    const lease = served.lease();
    expect([lease.version, await marker(lease.db)]).toEqual([1, 'v1']);
    lease.release();
  });

  it('refuses a directory without a current version', async () => {
    const dir = join(root, 'empty');
    await mkdir(dir, { recursive: true });
    await expect(ServedVersions.open(dir)).rejects.toThrow(
      `no current version in ${dir} (it has no CURRENT file)`,
    );
  });

  it('serves a single file as version 0, read-only, and never switches', async () => {
    const dir = await dataDir();
    const served = await ServedVersions.single(versionFilePath(dir, 1));
    opened.push(served);
    await publish(dir, 2);
    await served.check();
    const lease = served.lease();
    expect([lease.version, await marker(lease.db)]).toEqual([0, 'v1']);
    await expect(sql`create table t (x integer)`.execute(lease.db)).rejects.toThrow(/read-only/i);
    lease.release();
  });

  it('reads what its requests share into memory when a version opens, before any request', async () => {
    const dir = await dataDir();
    const served = await ServedVersions.single(versionFilePath(dir, 1));
    opened.push(served);
    const lease = served.lease();
    await lease.warmed;
    const spy = vi.spyOn(DuckDBConnection.prototype, 'executeQuery');
    try {
      // This version has data but no figures (no stamp): the memory says so, read after open.
      expect((await figureMemory(lease.db))?.fresh).toBe(false);
      // Its villages and regions are in (null until read: a request would ask DuckDB).
      expect(await villageMemory(lease.db)).not.toBeNull();
      expect(await regionMemory(lease.db)).not.toBeNull();
      // The framework, every village's events and the stored rows were read after open: kept, so
      // asking for them again asks DuckDB nothing.
      await prepareVillageProfile(lease.db);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      lease.release();
    }
  });

  it('closes every version, leased or not, and leases no more', async () => {
    const dir = await dataDir();
    const served = await serve(dir);
    const held = served.lease();
    await publish(dir, 2);
    await served.check();
    const current = served.lease();
    await served.close();
    await expect(marker(held.db)).rejects.toThrow(/destroyed/);
    await expect(marker(current.db)).rejects.toThrow(/destroyed/);
    expect(() => served.lease()).toThrow('the served versions are closed');
    held.release();
    current.release();
  });
});
