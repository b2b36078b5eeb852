import { statfs } from 'node:fs/promises';

/**
 * Not enough free disk space for a write: it was refused before anything was copied, and the
 * current version is untouched.
 *
 * @example
 * ```ts
 * try { await store.write(...); }
 * catch (e) { if (e instanceof DiskSpaceError) console.error(e.message); } // "... needs 140.2 MB free, 20.5 MB are"
 * ```
 */
export class DiskSpaceError extends Error {
  override readonly name = 'DiskSpaceError';
  constructor(
    readonly dir: string,
    readonly neededBytes: number,
    readonly freeBytes: number,
  ) {
    super(
      `not enough disk space in ${dir}: a new version needs ${megabytes(neededBytes)} free (${neededBytes} bytes), ` +
        `${megabytes(freeBytes)} are (${freeBytes} bytes); nothing was written`,
    );
  }
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * Throw {@link DiskSpaceError} unless the file system of `dir` has `neededBytes` free for an
 * unprivileged user (`bavail`, not `bfree`: the blocks reserved for root are not ours).
 */
export async function checkFreeSpace(dir: string, neededBytes: number): Promise<void> {
  const fs = await statfs(dir);
  const free = fs.bavail * fs.bsize;
  if (free < neededBytes) throw new DiskSpaceError(dir, Math.ceil(neededBytes), free);
}
