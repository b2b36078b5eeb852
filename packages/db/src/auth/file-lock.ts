import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuthLockedError } from './auth-errors.js';

/** What a lock file holds: who holds it, so a later process can tell a crashed holder. */
interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** Tells two holders with one pid apart (a restarted container reuses pids). */
  nonce: string;
}

export interface FileLockOptions {
  /** How long to wait for a live holder before giving up (AuthLockedError). */
  timeoutMs?: number | undefined;
  /** A lock file that cannot be read as JSON is a holder killed while writing it after this long. */
  unreadableStaleMs?: number;
}

/**
 * Run `work` while holding the lock file `path`, created with O_EXCL so one process at a time
 * holds it. A lock whose holder is dead (its pid on this host no longer runs) is taken over; a
 * live holder is waited for, up to `timeoutMs`. The lock is held for one read-modify-write of a
 * small file, a few milliseconds, so waiting is rare and short.
 *
 * @example
 * ```ts
 * await withFileLock('data/auth.lock', async () => writeTheFile());
 * ```
 */
export async function withFileLock<T>(
  path: string,
  work: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
  };
  await acquire(path, owner, options.timeoutMs ?? 10_000, options.unreadableStaleMs ?? 5_000);
  try {
    return await work();
  } finally {
    await release(path, owner);
  }
}

async function acquire(
  path: string,
  owner: LockOwner,
  timeoutMs: number,
  unreadableStaleMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let firstUnreadable: number | null = null;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(owner));
        await handle.sync();
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error;
    }
    const holder = await readOwner(path);
    if (holder === 'gone') continue;
    if (holder === 'unreadable') {
      // Created but not yet written by a live process, or left half-written by a killed one.
      firstUnreadable ??= Date.now();
      if (Date.now() - firstUnreadable >= unreadableStaleMs && (await takeOver(path, null)))
        continue;
    } else if (holder.host === owner.host && !isAlive(holder.pid)) {
      if (await takeOver(path, holder)) continue;
    }
    if (Date.now() >= deadline) {
      const who =
        typeof holder === 'string' ? 'another process' : `process ${holder.pid} on ${holder.host}`;
      throw new AuthLockedError(
        `${path} is held by ${who} since more than ${timeoutMs} ms; if no pandu process runs, delete it`,
      );
    }
    // Short jittered waits: holders keep it for milliseconds.
    await sleep(Math.min(5 + attempt * 5, 50) + Math.random() * 10);
  }
}

/**
 * Remove a stale lock without removing a fresh one a faster process put there meanwhile: move
 * the lock aside (atomic), check that what was moved is the stale holder's, and put it back if
 * it is not (link fails if yet another lock appeared, which then wins).
 */
async function takeOver(path: string, stale: LockOwner | null): Promise<boolean> {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return true;
    throw error;
  }
  const moved = await readOwner(aside);
  const isStale =
    stale === null
      ? moved === 'unreadable' || moved === 'gone'
      : typeof moved !== 'string' && moved.nonce === stale.nonce;
  if (!isStale) {
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
  return true;
}

async function release(path: string, owner: LockOwner): Promise<void> {
  const holder = await readOwner(path);
  // Only our own lock: after a takeover by mistake (this process judged dead?) never remove another's.
  if (typeof holder !== 'string' && holder.nonce === owner.nonce) {
    await unlink(path).catch(() => undefined);
  }
}

async function readOwner(path: string): Promise<LockOwner | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 'gone';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (
      typeof value.pid === 'number' &&
      typeof value.host === 'string' &&
      typeof value.nonce === 'string'
    ) {
      return value as LockOwner;
    }
  } catch {
    // fall through
  }
  return 'unreadable';
}

/** Whether a process with this pid runs on this host (EPERM: it runs, as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM');
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
