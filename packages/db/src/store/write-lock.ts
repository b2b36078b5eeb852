import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Another live process holds the data directory's write lock (a write is running): nothing was
 * written. `pid` and `host` name it.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof WriteLockedError) console.error(`busy: pid ${e.pid}`); }
 * ```
 */
export class WriteLockedError extends Error {
  override readonly name = 'WriteLockedError';
  constructor(
    readonly lockFile: string,
    readonly pid: number,
    readonly host: string,
    readonly startedAt: string,
  ) {
    super(
      `${lockFile} is held by a running write (pid ${pid} on ${host}, since ${startedAt}); ` +
        'try again when it has finished',
    );
  }
}

/** The content of `write.lock`. */
export interface WriteLockOwner {
  pid: number;
  startedAt: string;
  host: string;
  /** Tells apart two locks of one process. */
  nonce: string;
}

const OwnerSchema = z.object({
  pid: z.number().int().positive(),
  startedAt: z.string(),
  host: z.string(),
});

/** A held write lock. */
export interface WriteLock {
  readonly owner: WriteLockOwner;
  /** True when the lock held before this one was stale (its writer had died) and was taken over. */
  readonly tookOver: boolean;
  /** Throws unless `write.lock` still names this owner (nobody took it over meanwhile). */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}

/** How many times acquisition looks again (after a race, or at a lock still being written). */
const ATTEMPTS = 50;
/** A lock file without its content yet is being written if younger than this, else stale. */
const UNWRITTEN_GRACE_MS = 2_000;

// The lock texts this process has written (held, or being written): a lock naming our own pid
// whose text is not here was left by an earlier process that had the same pid (pids repeat across
// container restarts). Each text has a random nonce, so two writes of one process never share one.
const writtenHere = new Set<string>();

/**
 * Take `DIR/write.lock`: created with O_EXCL (`wx`), so of two writers one gets it. A lock whose
 * process is dead on this host is stale (a writer was killed) and is taken over; one held by a
 * live process, or from another host (whose processes we cannot see), throws
 * {@link WriteLockedError}.
 *
 * Taking over moves the stale file aside under a name of our own and checks that what was moved
 * is what was judged stale: two writers that both found it stale cannot both delete it and each
 * believe it holds a new lock, because only one rename can succeed, and a live lock moved by
 * mistake is linked back.
 *
 * Known limit: a pid reused by an unrelated process after the writer died makes the lock look
 * live; the message names the pid, and removing `write.lock` by hand is then safe.
 */
export async function acquireWriteLock(dir: string): Promise<WriteLock> {
  const path = join(dir, 'write.lock');
  const owner: WriteLockOwner = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    host: hostname(),
    nonce: randomBytes(8).toString('hex'),
  };
  const text = `${JSON.stringify(owner)}\n`;
  writtenHere.add(text);
  try {
    return await acquire(path, owner, text);
  } catch (error) {
    writtenHere.delete(text);
    throw error;
  }
}

async function acquire(path: string, owner: WriteLockOwner, text: string): Promise<WriteLock> {
  let tookOver = false;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return {
        owner,
        tookOver,
        assertHeld: async () => {
          const now = await readFile(path, 'utf8').catch(() => null);
          if (now !== text)
            throw new Error(`${path} is no longer held by this process (pid ${owner.pid})`);
        },
        release: async () => {
          const now = await readFile(path, 'utf8').catch(() => null);
          if (now === text) await rm(path, { force: true });
          writtenHere.delete(text);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = await readFile(path, 'utf8').catch(() => null);
    if (held === null) continue; // released meanwhile: try again
    const holder = parseOwner(held);
    if (holder && !isStale(holder, writtenHere.has(held))) {
      throw new WriteLockedError(path, holder.pid, holder.host, holder.startedAt);
    }
    if (!holder) {
      // Created but not written yet: a writer between its open and its write, or one killed
      // there. Only an old one is stale.
      const age = await stat(path).then(
        (s) => Date.now() - s.mtimeMs,
        () => null,
      );
      if (age === null) continue;
      if (age < UNWRITTEN_GRACE_MS) {
        await sleep(50);
        continue;
      }
    }
    // Stale: move it aside, then check that what moved is what was judged stale.
    const aside = `${path}.stale-${process.pid}-${attempt}`;
    try {
      await rename(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // someone else moved it
      throw error;
    }
    const moved = await readFile(aside, 'utf8').catch(() => null);
    if (moved !== held) {
      // Between our read and our rename another writer replaced the stale lock with its own live
      // one: give it back (link fails if a third has taken the name; it then holds the lock).
      await link(aside, path).catch(() => undefined);
      await rm(aside, { force: true });
      continue;
    }
    await rm(aside, { force: true });
    tookOver = true;
  }
  throw new Error(
    `could not take ${path} after ${ATTEMPTS} attempts: other writers keep racing for it`,
  );
}

function parseOwner(text: string): Omit<WriteLockOwner, 'nonce'> | null {
  try {
    const parsed = OwnerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A lock of this host whose process no longer exists (or is us, without holding it). */
function isStale(owner: Omit<WriteLockOwner, 'nonce'>, writtenByUs: boolean): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return !writtenByUs;
  try {
    // Signal 0 checks existence; EPERM means it exists but is another user's.
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
