import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { missingMigrations } from './pending-migrations.js';
import { openServedDatabase, type OpenDatabaseOptions } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { prepareRegionSearch } from '../queries/search-regions.js';
import { prepareFigureMemory } from '../figures/figure-memory.js';
import { prepareVillageProfile } from '../figures/stored-village-profile.js';
import { prepareVillageMemory } from '../figures/village-memory.js';
import { prepareRegionMemory } from '../queries/region-memory.js';
import { readDataVersion } from '../sql/index.js';
import { readCurrentPointer, type CurrentPointer } from './read-current-version.js';

/** How often `ServedVersions.open` looks at `CURRENT` by default, in milliseconds. */
export const DEFAULT_POLL_MS = 250;

/** Options of {@link ServedVersions.open}. */
export interface ServedVersionsOptions extends OpenDatabaseOptions {
  /** How often `CURRENT` is looked at (a `stat`; it is read only when that changed). Default 250. */
  pollMs?: number;
  /** Where a switch, and a version that cannot be served, are reported (default: stderr). */
  log?: (line: string) => void;
}

/**
 * One request's hold on the version it started on. Its databases stay open until `release()`,
 * whatever is published meanwhile; call `release()` exactly once the request is answered (more
 * calls are ignored).
 */
export interface VersionLease {
  /** The version's connection pool. */
  db: Kysely<Database>;
  /** A connection of its own for health checks and cache keys (see `openServedDatabase`). */
  health: Kysely<Database>;
  /** The store version (`CURRENT.version`); 0 for a single file served by `single`. */
  version: number;
  /** The version's DuckDB file, absolute. */
  file: string;
  /**
   * Resolves once the version's stored figures and what village profiles share are in memory
   * (read in the background after it opens; never rejects). A request that needs them earlier
   * waits for the same read, it does not read again.
   */
  warmed: Promise<void>;
  release(): void;
}

interface OpenVersion {
  version: number;
  /** Absolute path. */
  file: string;
  db: Kysely<Database>;
  health: Kysely<Database>;
  leases: number;
  /** A newer version is current; destroyed when its last lease ends. */
  retired: boolean;
  destroyed: Promise<void> | null;
  /** The background reads into memory (see VersionLease.warmed). */
  warmed: Promise<void>;
}

/** What could not be served, so it is reported once and not tried again and again. */
interface Refusal {
  /** The pointer refused (`3:versions/v000003.duckdb`), or what was wrong with CURRENT. */
  key: string;
  /** The version's file (absolute), when that was the problem. */
  file: string | null;
  /** The file's `stat` then: it is tried again once the file changes or appears. */
  fileStat: string | null;
}

/**
 * The read-only version(s) of a data directory that a server answers from. It opens the current
 * version, then looks at `DIR/CURRENT` every `pollMs` (a `stat`, and a read only when that
 * changed), and at once when a watch on the directory reports it replaced; when it points at another version, that version is opened read-only and checked
 * (every migration this code knows applied, `dataset_meta` readable), then new leases get it. A
 * request keeps the version it leased until it releases it, so queries already running finish on
 * the old version, which is destroyed once its last lease has ended (its driver waits for a
 * statement still running). A `CURRENT` that points at a missing or broken file is reported once
 * and the old version goes on serving; the file is tried again when it changes or appears, or
 * when `CURRENT` changes.
 *
 * Several processes may serve one directory: each polls on its own, and DuckDB lets any number of
 * processes open a file read-only.
 *
 * @example
 * ```ts
 * const served = await ServedVersions.open('data', { maxQueued: 128 });
 * const lease = served.lease();
 * try {
 *   await divideSummary(lease.db, { code: '35.05', year: 2024 });
 * } finally {
 *   lease.release();
 * }
 * await served.close();
 * ```
 */
export class ServedVersions {
  readonly #dir: string | null;
  readonly #open: OpenDatabaseOptions;
  readonly #pollMs: number;
  readonly #log: (line: string) => void;
  #current: OpenVersion;
  readonly #retired = new Set<OpenVersion>();
  /** `stat` of CURRENT when it was last read. */
  #seen: string | null = null;
  #refusal: Refusal | null = null;
  #timer: NodeJS.Timeout | undefined;
  #watcher: FSWatcher | null = null;
  #polling: Promise<void> | null = null;
  /** A look at CURRENT was asked for while one was under way. */
  #again = false;
  #closed: Promise<void> | null = null;

  private constructor(dir: string | null, current: OpenVersion, options: ServedVersionsOptions) {
    const { pollMs, log, ...open } = options;
    this.#dir = dir;
    this.#current = current;
    this.#open = open;
    this.#pollMs = pollMs ?? DEFAULT_POLL_MS;
    this.#log = log ?? ((line) => console.error(line));
  }

  /**
   * Serve the data directory `dir`: open its current version and follow `CURRENT`. Rejects when
   * the directory has no current version or it cannot be opened.
   */
  static async open(dir: string, options: ServedVersionsOptions = {}): Promise<ServedVersions> {
    const absolute = resolve(dir);
    const currentPath = join(absolute, 'CURRENT');
    // Looked at before the pointer is read: a publish in between shows as a change at the next poll.
    const seen = await statKey(currentPath);
    const pointer = await readCurrentPointer(absolute);
    if (!pointer) throw new Error(`no current version in ${absolute} (it has no CURRENT file)`);
    const { pollMs: _pollMs, log: _log, ...open } = options;
    const version = await openVersion(join(absolute, pointer.file), pointer.version, open);
    const served = new ServedVersions(absolute, version, options);
    served.#seen = seen;
    served.#schedule();
    served.#watch();
    return served;
  }

  /**
   * Serve one DuckDB file read-only (`pandu serve --db FILE`): version 0, never switches.
   *
   * @example
   * ```ts
   * const served = await ServedVersions.single('my.duckdb', { queryTimeoutMs: 10_000 });
   * ```
   */
  static async single(file: string, options: OpenDatabaseOptions = {}): Promise<ServedVersions> {
    return new ServedVersions(null, await openVersion(resolve(file), 0, options), options);
  }

  /** The version new leases get: its number and its file (absolute). */
  current(): { version: number; file: string } {
    return { version: this.#current.version, file: this.#current.file };
  }

  /** Hold the current version for one request; see {@link VersionLease}. */
  lease(): VersionLease {
    if (this.#closed) throw new Error('the served versions are closed');
    const version = this.#current;
    version.leases++;
    let released = false;
    return {
      db: version.db,
      health: version.health,
      version: version.version,
      file: version.file,
      warmed: version.warmed,
      release: () => {
        if (released) return;
        released = true;
        version.leases--;
        if (version.retired && version.leases === 0) void this.#destroy(version);
      },
    };
  }

  /**
   * Look at `CURRENT` now rather than at the next poll, and switch if it moved; resolves once done.
   * Asked while a look is under way, it looks once more after it (CURRENT may have moved after
   * that one read it). Tests use it; a server needs only the polling and the watch.
   */
  check(): Promise<void> {
    if (this.#closed || !this.#dir) return Promise.resolve();
    if (this.#polling) {
      this.#again = true;
      return this.#polling;
    }
    this.#polling = (async () => {
      do {
        this.#again = false;
        await this.#poll();
      } while (this.#again && !this.#closed);
    })().finally(() => (this.#polling = null));
    return this.#polling;
  }

  /**
   * Stop following `CURRENT` and destroy every open version, leased or not. Each waits for a
   * statement still running (abort the open options' `signal` first to interrupt them). Idempotent.
   */
  close(): Promise<void> {
    return (this.#closed ??= (async () => {
      clearTimeout(this.#timer);
      this.#watcher?.close();
      await this.#polling;
      this.#retired.add(this.#current);
      await Promise.all([...this.#retired].map((version) => this.#destroy(version)));
    })());
  }

  #schedule(): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      void this.check().finally(() => this.#schedule());
    }, this.#pollMs);
    // Polling alone must not keep a process alive; the server's socket does.
    this.#timer.unref();
  }

  /**
   * Look at CURRENT as soon as the directory says it was replaced (inotify on Linux), instead of
   * up to a poll period later. Only a shortcut: the poll still runs, and is all there is where the
   * file system cannot watch (a network mount) or the watch fails.
   */
  #watch(): void {
    const dir = this.#dir;
    if (!dir) return;
    try {
      this.#watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (name === 'CURRENT') void this.check();
      });
      this.#watcher.on('error', () => {
        this.#watcher?.close();
        this.#watcher = null;
      });
    } catch {
      this.#watcher = null;
    }
  }

  async #poll(): Promise<void> {
    const dir = this.#dir;
    if (!dir) return;
    const seen = await statKey(join(dir, 'CURRENT'));
    if (seen === this.#seen && !(await this.#refusedFileChanged())) return;
    this.#seen = seen;
    let pointer: CurrentPointer | null;
    try {
      pointer = await readCurrentPointer(dir);
    } catch (error) {
      // Keyed by the problem, not the file's stat: a CURRENT rewritten in place (by hand) may
      // be read half-written more than once.
      const problem = message(error);
      this.#refuse({ key: problem, file: null, fileStat: null }, problem);
      return;
    }
    if (!pointer) {
      this.#refuse(
        { key: 'no CURRENT', file: null, fileStat: null },
        `${dir} has no CURRENT any more`,
      );
      return;
    }
    const file = join(dir, pointer.file);
    if (pointer.version === this.#current.version && file === this.#current.file) {
      this.#refusal = null;
      return;
    }
    const fileStat = await statKey(file);
    let next: OpenVersion;
    try {
      next = await openVersion(file, pointer.version, this.#open);
    } catch (error) {
      this.#refuse(
        { key: `${pointer.version}:${pointer.file}`, file, fileStat },
        `cannot serve version ${pointer.version} (${file}): ${message(error)}`,
      );
      return;
    }
    this.#refusal = null;
    if (this.#closed) {
      await this.#destroy({ ...next, retired: true });
      return;
    }
    const previous = this.#current;
    this.#current = next;
    this.#log(`pandu: serving version ${next.version} (${next.file}), was ${previous.version}`);
    previous.retired = true;
    this.#retired.add(previous);
    if (previous.leases === 0) void this.#destroy(previous);
  }

  /** Whether the file of a refused version has changed (or appeared) since it was refused. */
  async #refusedFileChanged(): Promise<boolean> {
    const file = this.#refusal?.file;
    return file ? (await statKey(file)) !== this.#refusal?.fileStat : false;
  }

  /** Note what cannot be served; say so the first time only. */
  #refuse(refusal: Refusal, problem: string): void {
    if (this.#refusal?.key !== refusal.key) {
      this.#log(`pandu: ${problem}; still serving version ${this.#current.version}`);
    }
    this.#refusal = refusal;
  }

  #destroy(version: OpenVersion): Promise<void> {
    return (version.destroyed ??= (async () => {
      // Not waiting for its background reads (they may take seconds, and a shutdown has a
      // deadline): the pool's destroy waits for the statement running, and the reads after it
      // fail, quietly (a closed version needs none of them).
      try {
        // The health connection shares the pool's DuckDB instance, which the pool closes.
        await version.health.destroy();
        await version.db.destroy();
      } catch (error) {
        this.#log(`pandu: closing version ${version.version} failed: ${message(error)}`);
      } finally {
        this.#retired.delete(version);
      }
    })());
  }
}

/**
 * Open a version read-only and check that this code can answer from it: every migration it knows
 * is applied (a read-only open does not migrate, and a query naming a missing column would fail
 * on every request) and the data version can be read.
 */
async function openVersion(
  file: string,
  version: number,
  options: OpenDatabaseOptions,
): Promise<OpenVersion> {
  // Checked first: opening creates the file's directory (openServedDatabase), and DuckDB's own
  // message for a missing file is about its catalog.
  if ((await statKey(file)) === null) throw new Error('no such file');
  const { db, health } = await openServedDatabase(file, { ...options, readOnly: true });
  try {
    const missing = await missingMigrations(health);
    if (missing.length > 0) {
      throw new Error(`its schema lacks migration ${missing.join(', ')}`);
    }
    await readDataVersion(health);
    // Kysely starts a pool on its first query: start it now, so the first request does not pay
    // for it, and so that destroying the version closes its DuckDB instance (destroying a pool
    // never started does nothing, and would leave the file open).
    await readDataVersion(db);
    // The region search's index (see prepareRegionSearch for its cost) is built before the
    // version serves, so the first keystroke after a publish does not wait for it.
    await prepareRegionSearch(db);
    // Every region from memory (region-memory.ts, built on the search index: about 60 ms).
    await prepareRegionMemory(db);
  } catch (error) {
    await health.destroy();
    await db.destroy();
    throw error;
  }
  // The stored figures (figure-memory.ts, about 0.8 s nationally), the villages' index rows
  // (village-memory.ts) and what every village profile shares (its stored rows, every village's events, about 1 s) are read in the background: the
  // version serves at once, so a publish is served within the switch's 2 s, and a request that
  // needs them before they are in waits for the same read (readOnce). A failed read is not kept:
  // the first request that needs it reads again, and answers its error if it fails again.
  const warmed = Promise.all([
    prepareFigureMemory(db),
    prepareVillageMemory(db),
    prepareVillageProfile(db),
  ]).then(
    () => undefined,
    () => undefined,
  );
  return { version, file, db, health, leases: 0, retired: false, destroyed: null, warmed };
}

/** A file's identity and size: a rename over it (a new inode) or a rewrite changes it. */
async function statKey(path: string): Promise<string | null> {
  try {
    const s = await stat(path);
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
