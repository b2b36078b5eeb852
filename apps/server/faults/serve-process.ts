import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
// Also brings in the type of the `pandu:seeded-database` the global setup provides.
import type { SharedSeededDatabase } from '@pandu/db/testing';
import { startServe, type ServeProcess } from './start-serve.js';

export { PANDU_BIN, startServe, type ServeProcess } from './start-serve.js';

// What the fault tests share: a writable copy of the run's seeded database (Jawa Timur, seeded
// once by the global setup) and a real `pandu serve` process on it (start-serve.ts).

/** A fresh directory holding a copy of the shared seeded database; `cleanup` removes it. */
export async function seededCopy(): Promise<{
  dir: string;
  db: string;
  cleanup: () => Promise<void>;
}> {
  const shared: SharedSeededDatabase | undefined = inject('pandu:seeded-database');
  if (!shared) throw new Error('no seeded fixture: run through vitest.faults.config.ts');
  const dir = await mkdtemp(join(tmpdir(), 'pandu-faults-'));
  const db = join(dir, 'pandu.duckdb');
  await copyFile(shared.path, db);
  return { dir, db, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A served copy: the process, and where its database file lies. */
export interface ServedCopy extends ServeProcess {
  db: string;
  dir: string;
}

/**
 * For a describe block: a fresh seeded copy served by `pandu serve` from beforeAll on, killed and
 * removed in afterAll. Returns a getter, valid inside the tests.
 *
 * @example
 * ```ts
 * const served = useServedCopy();
 * it('answers', async () => expect((await fetch(`${served().url}/health`)).status).toBe(200));
 * ```
 */
export function useServedCopy(): () => ServedCopy {
  let copy: Awaited<ReturnType<typeof seededCopy>> | undefined;
  let serve: ServeProcess | undefined;
  beforeAll(async () => {
    copy = await seededCopy();
    // As shipped: a data directory (the copy adopted as its version 1), 4 connections, at most
    // 128 requests waiting for one.
    serve = await startServe({ data: copy.dir });
  });
  afterAll(async () => {
    serve?.kill();
    await serve?.exited;
    await copy?.cleanup();
  });
  return () => {
    if (!serve || !copy) throw new Error('useServedCopy: not served yet (use it inside a test)');
    return { ...serve, db: copy.db, dir: copy.dir };
  };
}
