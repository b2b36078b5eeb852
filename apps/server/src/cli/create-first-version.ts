import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, link, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { openDatabase, readCurrentPointer, versionFilePath, type CurrentPointer } from '@pandu/db';
import { createDefaultDatabase } from './seed-command.js';

/**
 * Give a data directory that has no version yet its version 1, as the spec's
 * `DataStore.open(dir).write({ actor, action: 'seed', fresh: true }, seed)` will: the legacy
 * single file `DIR/pandu.duckdb` adopted (copied, migrated; the file itself is left in place),
 * else the default dataset seeded. Built in `DIR/staging/`, checked to open read-only, linked
 * into `versions/` without replacing a file already there (another server starting on the same
 * directory may have published first), then `CURRENT` written atomically. Resolves with the
 * pointer now current.
 *
 * Standing in for the data store (helper STORE) until it lands; at the merge this module goes
 * and serve calls the store.
 */
export async function createFirstVersion(
  dir: string,
  options: { interactive: boolean },
): Promise<CurrentPointer> {
  const staging = join(
    dir,
    'staging',
    `next-${process.pid}-${randomBytes(4).toString('hex')}.duckdb`,
  );
  await mkdir(join(dir, 'staging'), { recursive: true });
  await mkdir(join(dir, 'versions'), { recursive: true });
  try {
    const legacy = join(dir, 'pandu.duckdb');
    if (existsSync(legacy)) {
      await copyFile(legacy, staging);
      // Opening read-write brings the copy's schema up to date.
      await (await openDatabase(staging)).destroy();
      console.error(`pandu: adopted ${legacy} as version 1 of ${dir}`);
    } else {
      console.error(`pandu: no data in ${dir}; creating version 1 with the default dataset`);
      await createDefaultDatabase(staging, options);
    }
    await (await openDatabase(staging, { readOnly: true })).destroy();
    const sha256 = await fileSha256(staging);
    const file = versionFilePath(dir, 1);
    try {
      await link(staging, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = await readCurrentPointer(dir);
    if (current) return current;
    const pointer: CurrentPointer = {
      version: 1,
      file: relative(dir, file),
      publishedAt: new Date().toISOString(),
      sha256,
    };
    await writeAtomically(join(dir, 'CURRENT'), JSON.stringify(pointer));
    return pointer;
  } finally {
    await rm(staging, { force: true });
    await rm(`${staging}.wal`, { force: true });
  }
}

/** Write, fsync, rename over `path`, fsync the directory: readers see the old or the new file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  const handle = await open(tmp, 'r+');
  await handle.sync();
  await handle.close();
  await rename(tmp, path);
  const dir = await open(join(path, '..'), 'r');
  await dir.sync();
  await dir.close();
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
