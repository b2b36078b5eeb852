import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, link, mkdir, open, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { openDatabase, readCurrentPointer, versionFilePath, type CurrentPointer } from '@pandu/db';
import { createDefaultDatabase } from './seed-command.js';

/**
 * Give a data directory that has no version yet its version 1, as the spec's
 * `DataStore.open(dir).write({ actor, action: 'seed', fresh: true }, seed)` will: the legacy
 * single file `DIR/pandu.duckdb` adopted (copied, migrated; the file itself is left in place),
 * else the default dataset seeded. Built in `DIR/staging/`, checked to open read-only, linked
 * into `versions/` and `CURRENT` written whole, neither replacing a file already there (another
 * server starting on the same directory may have published first). Resolves with the pointer
 * now current.
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
    const file = versionFilePath(dir, 1);
    try {
      await link(staging, file);
    } catch (error) {
      // Another server (or a run killed before it wrote CURRENT) got there first: a file is
      // linked there only once checked, so it is complete; it is the one published.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pointer: CurrentPointer = {
      version: 1,
      file: relative(dir, file),
      publishedAt: new Date().toISOString(),
      sha256: await fileSha256(file),
    };
    await writeOnce(join(dir, 'CURRENT'), JSON.stringify(pointer));
    const current = await readCurrentPointer(dir);
    if (!current) throw new Error(`no CURRENT in ${dir} after publishing version 1`);
    return current;
  } finally {
    await rm(staging, { force: true });
    await rm(`${staging}.wal`, { force: true });
  }
}

/**
 * Write `path` unless it exists, whole or not at all: write and fsync a temporary file, link it
 * to `path` (which, unlike a rename, never replaces a file: of two servers the first one wins),
 * fsync the directory.
 */
async function writeOnce(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, text);
  try {
    const handle = await open(tmp, 'r+');
    await handle.sync();
    await handle.close();
    await link(tmp, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const dir = await open(dirname(path), 'r');
    await dir.sync();
    await dir.close();
  } finally {
    await rm(tmp, { force: true });
  }
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
