import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { openDatabase } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { seedDefaultDataset, type SeedResult } from '../seed/seed-default-dataset.js';

/** The provinces of the shared fixture, and the default of `seededTestDatabase`. */
export const SHARED_FIXTURE_PROVINCES: readonly string[] = ['35'];

/** A seeded DuckDB file built once per test run by a vitest global setup (`global-setup.ts`). */
export interface SharedSeededDatabase {
  path: string;
  provinces: readonly string[];
  seed: SeedResult;
}

declare module 'vitest' {
  export interface ProvidedContext {
    'pandu:seeded-database': SharedSeededDatabase;
  }
}

export interface SeededTestDatabase {
  db: Kysely<Database>;
  /**
   * The DuckDB file: inside `dir` when the test owns it, else the shared fixture (opened
   * read-only).
   */
  path: string;
  /** A fresh temporary directory of this test's own, for any file it writes. */
  dir: string;
  seed: SeedResult;
  /** Destroy the connection pool and remove `dir` (never the shared fixture). */
  cleanup(): Promise<void>;
}

export interface SeededTestDatabaseOptions {
  /**
   * The test writes (imports, updates, even in a transaction it rolls back), so it gets a copy of
   * its own. Without it, the shared fixture is opened read-only and a write fails.
   */
  writable?: boolean;
}

/**
 * Test fixture: a real DuckDB file seeded with the default dataset for the given provinces
 * (default: Jawa Timur, 35, with the Blitar event).
 *
 * Under a vitest run whose global setup provides `pandu:seeded-database` (the db package's), a
 * request for the shared fixture's provinces opens that one file, seeded once per run, instead of
 * seeding again (about 1.2 s each, 2.5 s on a busy machine): read-only, or copied into `dir` with
 * `{ writable: true }`. DuckDB lets several processes open a file read-only at once, so the
 * workers share it. Other provinces, and callers without that global setup (other packages'
 * tests), get a freshly seeded, writable file as before.
 *
 * @example
 * ```ts
 * let t: SeededTestDatabase;
 * beforeAll(async () => { t = await seededTestDatabase(); });
 * afterAll(() => t.cleanup());
 * // a test that imports into the database:
 * beforeAll(async () => { t = await seededTestDatabase(['35'], { writable: true }); });
 * ```
 */
export async function seededTestDatabase(
  provinces: readonly string[] | 'all' = SHARED_FIXTURE_PROVINCES,
  options: SeededTestDatabaseOptions = {},
): Promise<SeededTestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'pandu-seeded-'));
  const cleanupWith = (db: Kysely<Database>) => async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  };
  const shared = sharedSeededDatabase();
  if (shared && sameProvinces(shared.provinces, provinces)) {
    if (!options.writable) {
      const db = await openDatabase(shared.path, { readOnly: true });
      return { db, path: shared.path, dir, seed: shared.seed, cleanup: cleanupWith(db) };
    }
    const path = join(dir, 'pandu.duckdb');
    await copyFile(shared.path, path);
    const db = await openDatabase(path);
    return { db, path, dir, seed: shared.seed, cleanup: cleanupWith(db) };
  }
  const path = join(dir, 'pandu.duckdb');
  const db = await openDatabase(path);
  const seed = await seedDefaultDataset(db, provinces === 'all' ? {} : { provinces });
  return { db, path, dir, seed, cleanup: cleanupWith(db) };
}

// inject() returns undefined for a key nobody provided; outside a vitest worker it throws, and
// then there is no shared fixture either.
function sharedSeededDatabase(): SharedSeededDatabase | undefined {
  try {
    return inject('pandu:seeded-database');
  } catch {
    return undefined;
  }
}

function sameProvinces(a: readonly string[], b: readonly string[] | 'all'): boolean {
  return b !== 'all' && a.length === b.length && a.every((code, i) => code === b[i]);
}
