import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Kysely } from 'kysely';
import { DuckDBDialect } from './duckdb-dialect.js';
import type { DuckDBDialectConfig } from './duckdb-dialect-config.js';

/** Every test of the dialect runs on both: DuckDB behaves the same, files add I/O and reopening. */
export const DATABASE_KINDS = ['memory', 'file'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

export interface TestDatabase<DB> {
  readonly db: Kysely<DB>;
  /** `':memory:'` or the file's path. */
  readonly path: string;
  /** Destroys `db` (if not done already) and removes the temporary directory. */
  cleanup(): Promise<void>;
}

/** Test helper: a Kysely instance on a fresh in-memory database or a file in a temp dir. */
export async function openTestDatabase<DB>(
  kind: DatabaseKind,
  config: Omit<DuckDBDialectConfig, 'instance'> = {},
): Promise<TestDatabase<DB>> {
  const dir = kind === 'file' ? await mkdtemp(join(tmpdir(), 'pandu-db-')) : undefined;
  const path = dir === undefined ? ':memory:' : join(dir, 'test.duckdb');
  const db = new Kysely<DB>({
    dialect: new DuckDBDialect({ ...config, instance: () => DuckDBInstance.create(path) }),
  });
  return {
    db,
    path,
    async cleanup() {
      await db.destroy();
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}
