import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openDatabase, pendingMigrations, readCurrentPointer } from '@pandu/db';
import { PANDU_BIN, seededCopy, startServe, type ServeProcess } from './serve-process.js';

// Data written by an older Pandu lack this code's newest migration, and a server opens data
// read-only, so it cannot apply it there: `pandu serve` brings a single file up to date before
// serving it (as serve always did), and publishes an upgraded copy of a data directory's current
// version as its next version (action `upgrade`; the published file itself is never written).

/** The newest migration, which "older" data are made to lack. */
const NEWEST = Object.keys(MIGRATIONS).at(-1)!;

/** Make the database at `file` look as if an older Pandu wrote it: without the newest migration. */
async function olderSchema(file: string): Promise<void> {
  const db = await openDatabase(file);
  try {
    await sql`delete from kysely_migration where name = ${NEWEST}`.execute(db);
    // What that migration made (the village page's stored means; checked so a newer one fails
    // loudly).
    expect(NEWEST).toBe('2026-12-08T00-profile-figures');
    await sql`drop table profile_figures`.execute(db);
  } finally {
    await db.destroy();
  }
  expect(await pendingMigrations(file)).toEqual([NEWEST]);
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

async function healthVersion(base: string): Promise<number | null> {
  const res = await fetch(`${base}/trpc/health`);
  return ((await res.json()) as { result: { data: { version: number | null } } }).result.data
    .version;
}

describe('pandu serve on data written by an older Pandu', () => {
  const cleanups: Array<() => Promise<void>> = [];
  let serve: ServeProcess | undefined;
  afterEach(async () => {
    serve?.kill();
    await serve?.exited;
    serve = undefined;
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('brings a single --db file up to date, then serves it read-only', async () => {
    const copy = await seededCopy();
    cleanups.push(copy.cleanup);
    await olderSchema(copy.db);
    serve = await startServe(copy.db);
    expect(serve.stderr()).toContain(`bringing ${copy.db} up to date (migrations ${NEWEST})`);
    expect(await pendingMigrations(copy.db)).toEqual([]);
    expect(await healthVersion(serve.url)).toBe(0);
  });

  it("publishes an upgraded copy of a data directory's current version as the next one", async () => {
    const copy = await seededCopy();
    cleanups.push(copy.cleanup);
    // Version 1, adopted by the CLI from the directory's pandu.duckdb.
    const adopt = spawnSync(process.execPath, [PANDU_BIN, 'versions', '--data', copy.dir], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
      timeout: 120_000,
    });
    expect(adopt.status, adopt.stderr).toBe(0);
    const v1 = (await readCurrentPointer(copy.dir))!;
    // As an older Pandu would have published it: the file without the newest migration, and
    // CURRENT naming that file's hash.
    const file = join(copy.dir, v1.file);
    await olderSchema(file);
    await writeFile(
      join(copy.dir, 'CURRENT'),
      JSON.stringify({ ...v1, sha256: await sha256(file) }),
    );
    const before = await sha256(file);

    serve = await startServe({ data: copy.dir });
    expect(serve.stderr()).toContain(`version 1 of ${copy.dir} predates migrations ${NEWEST}`);
    const v2 = (await readCurrentPointer(copy.dir))!;
    expect(v2.version).toBe(2);
    expect(await pendingMigrations(join(copy.dir, v2.file))).toEqual([]);
    expect(await healthVersion(serve.url)).toBe(2);
    // The published version 1 was copied, never written.
    expect(await sha256(file)).toBe(before);
    const history = (await readFile(join(copy.dir, 'history.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { version: number; action: string });
    expect(history.map((r) => [r.version, r.action])).toEqual([
      [1, 'adopt'],
      [2, 'upgrade'],
    ]);
  });
});
