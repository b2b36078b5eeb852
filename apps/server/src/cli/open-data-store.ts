import { existsSync, statSync } from 'node:fs';
import {
  DataStore,
  DiskSpaceError,
  UnknownVersionError,
  WriteLockedError,
  type CurrentPointer,
} from '@pandu/db';
import { CliError } from './cli-error.js';

/**
 * Open a data directory for a command. Unless `create` (seed), the directory must exist: a
 * mistyped --data must not quietly become a new, empty one. Adopting a legacy `pandu.duckdb` or
 * cleaning up after a killed write is said on stderr.
 */
export async function openDataStore(
  dir: string,
  options: { keep: number; create?: boolean },
): Promise<DataStore> {
  if (!options.create) {
    if (!existsSync(dir)) {
      throw new CliError(`no data directory at ${dir}: create one with 'pandu seed --data ${dir}'`);
    }
    if (!statSync(dir).isDirectory()) {
      throw new CliError(
        `${dir} is a file, not a data directory: use --db ${dir} for a single database file`,
      );
    }
  }
  return DataStore.open(dir, {
    keep: options.keep,
    onMessage: (message) => console.error(`pandu: ${message}`),
  }).catch(rethrowForCli);
}

/** The current version of a store; a directory without one is an error naming the way out. */
export async function requireCurrent(store: DataStore): Promise<CurrentPointer> {
  const current = await store.current();
  if (!current) {
    throw new CliError(
      `${store.dir} holds no version yet: create one with 'pandu seed --data ${store.dir}'`,
    );
  }
  return current;
}

/**
 * The store's refusals as one-line command-line errors (exit 1): another write running (its pid),
 * not enough disk space (bytes needed and free), an unknown version. Anything else is rethrown.
 */
export function rethrowForCli(error: unknown): never {
  if (error instanceof WriteLockedError) {
    throw new CliError(
      `another write is running on this data directory (pid ${error.pid} on ${error.host}, since ${error.startedAt}); nothing was written: try again when it has finished`,
    );
  }
  if (error instanceof DiskSpaceError || error instanceof UnknownVersionError) {
    throw new CliError(error.message);
  }
  throw error;
}
