import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { vi } from 'vitest';
import { DuckDBConnection } from '../duckdb-dialect/duckdb-connection.js';
import { ImportRejectedError, type Rejection } from './import-types.js';

/** Test fixture: the rejections an import threw; fails the test if it did not reject. */
export async function rejectionsOf(promise: Promise<unknown>): Promise<readonly Rejection[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportRejectedError) return error.rejections;
    throw error;
  }
  throw new Error('the import was not rejected');
}

/** Test fixture: writes a file into `dir` and returns its path. */
export function fileWriter(
  dir: string,
): (name: string, content: string | Buffer) => Promise<string> {
  return async (name, content) => {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  };
}

/**
 * Test fixture: runs `work` with every COMMIT recorded as `committed` in `events` once it has
 * finished, so a test sees where an import's progress stands against its commit.
 */
export async function withCommitsRecorded<T>(events: string[], work: () => Promise<T>): Promise<T> {
  const commit = DuckDBConnection.prototype.commitTransaction;
  const spy = vi
    .spyOn(DuckDBConnection.prototype, 'commitTransaction')
    .mockImplementation(async function (this: DuckDBConnection) {
      await commit.call(this);
      events.push('committed');
    });
  try {
    return await work();
  } finally {
    spy.mockRestore();
  }
}
