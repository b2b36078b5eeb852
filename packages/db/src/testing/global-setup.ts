import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../open-database.js';
import { seedDefaultDataset } from '../seed/seed-default-dataset.js';
import { SHARED_FIXTURE_PROVINCES } from './seeded-test-database.js';

/**
 * Vitest global setup: seed Jawa Timur once per run into a temporary DuckDB file and provide it as
 * `pandu:seeded-database`, which `seededTestDatabase()` opens read-only (or copies) instead of
 * seeding in every test file, as Rill's tests share one runtime. The file is closed before any
 * test starts: DuckDB refuses a read-only open while another process holds it for writing.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'pandu-fixture-'));
  const path = join(dir, 'pandu.duckdb');
  const db = await openDatabase(path);
  try {
    const seed = await seedDefaultDataset(db, { provinces: SHARED_FIXTURE_PROVINCES });
    project.provide('pandu:seeded-database', { path, provinces: SHARED_FIXTURE_PROVINCES, seed });
  } finally {
    await db.destroy();
  }
  return () => rm(dir, { recursive: true, force: true });
}
