import { open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

// What makes a publish durable on Linux: a file's bytes are on disk only after fsync of the file,
// and a rename (or a new name) only after fsync of the folder that holds it. Without the second,
// a power cut after "publish" can bring back the old CURRENT, or a CURRENT naming a version file
// whose directory entry was lost.

/** fsync a file's contents. */
export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync a folder, so the names created or renamed in it are on disk. */
export async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replace `path` with `text` atomically and durably: write `path.tmp-<pid>`, fsync it, rename it
 * over `path`, fsync the folder. A reader sees the old content or the new, never a mix; a crash
 * leaves at worst the temporary file, which the next writer removes.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, text);
    await fsyncFile(tmp);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  await fsyncDirectory(dirname(path));
}
