import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';

/**
 * The pointer to a data directory's current version: `DIR/CURRENT`, a small JSON file that a
 * writer replaces atomically (write a temporary file, fsync, rename, fsync the directory), so a
 * reader sees the old pointer or the new one, never half of one.
 */
export interface CurrentPointer {
  /** The version's number: 1, 2, 3, ... (a rollback publishes a new, higher one). */
  version: number;
  /** The version's DuckDB file, relative to the data directory: `versions/v000003.duckdb`. */
  file: string;
  /** When it was published, ISO 8601. */
  publishedAt: string;
  /** sha256 of the file, hex. */
  sha256: string;
}

/**
 * The current version of the data directory `dir`, or null when it has none yet (no `CURRENT`).
 * A `CURRENT` that is not a valid pointer is an error naming the file, never read as "no data":
 * a writer would otherwise start over and lose the directory's history.
 *
 * @example
 * ```ts
 * const current = await readCurrentPointer('data');
 * // { version: 3, file: 'versions/v000003.duckdb', publishedAt: '2026-12-05T21:00:00.000Z', sha256: '9f86...' }
 * const path = current && join('data', current.file);
 * ```
 */
export async function readCurrentPointer(dir: string): Promise<CurrentPointer | null> {
  const path = join(dir, 'CURRENT');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`invalid pointer in ${path}: not JSON`);
  }
  const problem = pointerProblem(value);
  if (problem) throw new Error(`invalid pointer in ${path}: ${problem}`);
  const { version, file, publishedAt, sha256 } = value as CurrentPointer;
  return { version, file, publishedAt, sha256 };
}

/**
 * Where version `version` of the data directory `dir` lives: `DIR/versions/v000003.duckdb`
 * (six digits, so the names sort in version order).
 *
 * @example
 * ```ts
 * versionFilePath('data', 3); // 'data/versions/v000003.duckdb'
 * ```
 */
export function versionFilePath(dir: string, version: number): string {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new RangeError(`invalid version: ${version}`);
  }
  return join(dir, 'versions', `v${String(version).padStart(6, '0')}.duckdb`);
}

/** What is wrong with a parsed `CURRENT`, or null when it is a pointer. */
function pointerProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return 'not a JSON object';
  }
  const { version, file, publishedAt, sha256 } = value as Record<string, unknown>;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    return `version must be a whole number from 1, got ${JSON.stringify(version)}`;
  }
  // The file must lie inside the directory: a pointer naming /etc/passwd or ../x is refused.
  if (
    typeof file !== 'string' ||
    file === '' ||
    isAbsolute(file) ||
    normalize(file).split(sep).includes('..')
  ) {
    return `file must be a path inside the data directory, got ${JSON.stringify(file)}`;
  }
  if (typeof publishedAt !== 'string') return 'publishedAt must be a string';
  if (typeof sha256 !== 'string') return 'sha256 must be a string';
  return null;
}
