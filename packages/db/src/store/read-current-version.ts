import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * What `DIR/CURRENT` says: the published version readers open. Written atomically by the one
 * writer that holds `DIR/write.lock` (write a temporary file, fsync, rename, fsync the folder), so
 * a reader sees the old pointer or the new one, never half of one.
 */
export interface CurrentPointer {
  version: number;
  /** The version's file, relative to the data directory: `versions/v000003.duckdb`. */
  file: string;
  /** When it was published, ISO 8601 (UTC). */
  publishedAt: string;
  /** SHA-256 (hex) of the version's file. */
  sha256: string;
}

const CurrentPointerSchema = z.object({
  version: z.number().int().positive(),
  file: z.string().min(1),
  publishedAt: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * Read `DIR/CURRENT`; null when there is none (an empty or new data directory). A pointer that is
 * not valid JSON of the right shape throws, naming the file: it is never written half-way, so it
 * was edited by hand or the disk is damaged, and guessing would serve the wrong data.
 *
 * @example
 * ```ts
 * const current = await readCurrentPointer('data');
 * if (current) console.log(`version ${current.version}: ${join('data', current.file)}`);
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
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON`);
  }
  const parsed = CurrentPointerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${path} is not a version pointer: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/**
 * The file of a version, numbered with six digits so that names sort in version order:
 * `versionFilePath('data', 3)` is `data/versions/v000003.duckdb`.
 *
 * @example
 * ```ts
 * const db = await openDatabase(versionFilePath('data', 3), { readOnly: true });
 * ```
 */
export function versionFilePath(dir: string, version: number): string {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new RangeError(`invalid version number: ${version}`);
  }
  return join(dir, 'versions', `v${String(version).padStart(6, '0')}.duckdb`);
}
