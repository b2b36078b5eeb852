import { resolve } from 'node:path';
import type { PanduEnv } from '../env.js';
import { CliError } from './cli-error.js';

/** What a command works on: a data directory of versions, or one DuckDB file (the older way). */
export type StoreTarget = { kind: 'data'; dir: string } | { kind: 'file'; path: string };

/**
 * Which of the two a command was given. `--data DIR` and `--db FILE` name one each (not both);
 * without either, PANDU_DATA names a data directory, else PANDU_DB a file (as it did before data
 * directories), else the default data directory `data/`, which adopts a `data/pandu.duckdb` of an
 * earlier install as its version 1.
 *
 * @example
 * ```ts
 * storeTarget({ data: 'store' }, env); // { kind: 'data', dir: '/srv/pandu/store' }
 * ```
 */
export function storeTarget(
  options: { data?: string | undefined; db?: string | undefined },
  env: Pick<PanduEnv, 'dataDir' | 'dataDirIsDefault' | 'dbPath' | 'dbPathIsDefault'>,
): StoreTarget {
  if (options.data !== undefined && options.db !== undefined) {
    throw new CliError(
      '--data and --db cannot be used together: --data DIR for a data directory of versions, --db FILE for a single database file',
      2,
    );
  }
  if (options.data !== undefined) return { kind: 'data', dir: resolve(options.data) };
  if (options.db !== undefined) return { kind: 'file', path: resolve(options.db) };
  if (!env.dataDirIsDefault) return { kind: 'data', dir: env.dataDir };
  if (!env.dbPathIsDefault) return { kind: 'file', path: env.dbPath };
  return { kind: 'data', dir: env.dataDir };
}
