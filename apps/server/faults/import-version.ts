import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  importObservations,
  openDatabase,
  readCurrentPointer,
  versionFilePath,
  type CurrentPointer,
} from '@pandu/db';

/**
 * Publish the next version of the data directory `dir` with the observations of `file` imported
 * (replacing values already there), in the data directory's format (notes: issue 10's spec): the
 * current version copied into staging/, the import applied in one transaction, the copy closed
 * (checkpointed) and checked to open read-only, renamed into versions/, and CURRENT replaced
 * atomically (write, fsync, rename, fsync the directory). It is what `pandu import --data DIR
 * FILE --replace` does, done in the test process; resolves once CURRENT has moved, with the new
 * pointer (`onPublished` is called the moment it moves).
 */
export async function importVersion(
  dir: string,
  file: string,
  options: { onPublished?: () => void } = {},
): Promise<CurrentPointer> {
  const current = await readCurrentPointer(dir);
  if (!current) throw new Error(`no current version in ${dir}`);
  await mkdir(join(dir, 'staging'), { recursive: true });
  const staging = join(
    dir,
    'staging',
    `next-${process.pid}-${randomBytes(4).toString('hex')}.duckdb`,
  );
  try {
    await copyFile(join(dir, current.file), staging);
    const db = await openDatabase(staging);
    try {
      await importObservations(db, file, { replace: true });
    } finally {
      await db.destroy();
    }
    await (await openDatabase(staging, { readOnly: true })).destroy();
    const version = current.version + 1;
    const target = versionFilePath(dir, version);
    const sha256 = await fileSha256(staging);
    await rename(staging, target);
    const pointer: CurrentPointer = {
      version,
      file: relative(dir, target),
      publishedAt: new Date().toISOString(),
      sha256,
    };
    const tmp = join(dir, `CURRENT.tmp-${process.pid}`);
    await writeFile(tmp, JSON.stringify(pointer));
    await fsync(tmp);
    await rename(tmp, join(dir, 'CURRENT'));
    // The moment of the publish: servers may switch from here on.
    options.onPublished?.();
    await fsync(dir);
    return pointer;
  } finally {
    await rm(staging, { force: true });
    await rm(`${staging}.wal`, { force: true });
  }
}

async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
