import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join, relative, resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { fileSha256 } from '../import/file-sha256.js';
import { openDatabase } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { insertAuditRecord, copyAuditLog, readAuditRecord, type AuditRecord } from './audit-log.js';
import { checkFreeSpace } from './check-free-space.js';
import { fsyncDirectory, fsyncFile, writeFileAtomic } from './fsync.js';
import { appendHistoryRecord, readHistoryFile } from './history-file.js';
import type { Actor, HistoryRecord, WriteAction, WriteCounts } from './history-record.js';
import {
  readCurrentPointer,
  versionFilePath,
  type CurrentPointer,
} from './read-current-version.js';
import { figuresAreFresh } from '../figures/figures-are-fresh.js';
import { refreshFigures } from '../figures/refresh-figures.js';
import { tableRowCounts } from './table-row-counts.js';
import { UnknownVersionError } from './unknown-version-error.js';
import { WriteLockedError, acquireWriteLock, type WriteLock } from './write-lock.js';

export type { Actor, HistoryRecord, WriteAction, WriteCounts } from './history-record.js';

export interface DataStoreOptions {
  /** Version files kept (the newest, the current among them); older ones are deleted. Default 5. */
  keep?: number;
  /**
   * A write needs this many times the size of the file it copies free on the disk (the copy, and
   * room for DuckDB's WAL and checkpoint while it writes). Default 2.
   */
  minFreeBytesFactor?: number;
  /**
   * Where the store says what it did of its own accord (a legacy file adopted, a history line
   * reconciled, a killed write's leftovers removed). Default: a line on stderr.
   */
  onMessage?: (message: string) => void;
}

/**
 * The steps of a write, in order, for progress bars. `hashing` computes the SHA-256 and fsyncs the
 * file; `publishing` renames it into versions/, moves CURRENT and appends the history line: a
 * write stopped before `publishing` is certainly not published.
 */
export const WRITE_STEPS = [
  'copying',
  'applying',
  'checkpointing',
  'verifying',
  'hashing',
  'publishing',
] as const;

/** Progress of a write: `done` of `total` steps, `step` the one starting. */
export interface WriteProgress {
  step: (typeof WRITE_STEPS)[number];
  done: number;
  total: number;
  /** The version being built. */
  version: number;
}

/** What a write is, for its audit record. */
export interface WriteRequest {
  actor: Actor;
  action: WriteAction;
  /** The file imported (its name is recorded, not its path). */
  fileName?: string;
  fileSha256?: string;
  /** Start from an empty database instead of a copy of the current version (a new seed). */
  fresh?: boolean;
  onProgress?: (progress: WriteProgress) => void;
}

/** A version as `versions()` lists it: its history record and its file while it is kept. */
export type StoredVersion = HistoryRecord & {
  /** `versions/v000003.duckdb`, relative to the data directory; null once pruned. */
  file: string | null;
  current: boolean;
};

/** Where the next version starts from. */
type Source = { kind: 'current' } | { kind: 'empty' } | { kind: 'file'; path: string };

/** The legacy single-file database of today's installs, adopted as version 1. */
const LEGACY_FILE = 'pandu.duckdb';
/** How long `open` waits for another process's adoption of the legacy file (a copy and a checkpoint). */
const ADOPTION_WAIT_MS = 120_000;
const VERSION_FILE = /^v(\d{6,})\.duckdb(\.wal)?$/;

/**
 * A data directory of immutable, numbered DuckDB versions and a pointer to the current one.
 * Readers open `CURRENT`'s file read-only and never see a write in progress; a writer builds the
 * next version beside it (copy, apply, checkpoint, verify), then publishes it by moving the
 * pointer atomically. One writer at a time (`write.lock`); a killed writer leaves the current
 * version current and intact, and the next writer removes what it left behind.
 *
 * ```
 * DIR/CURRENT                 {"version":3,"file":"versions/v000003.duckdb","publishedAt":...,"sha256":...}
 * DIR/versions/v000003.duckdb published, never opened for writing again
 * DIR/history.jsonl           one line per version, append-only
 * DIR/staging/next-*.duckdb   a write in progress
 * DIR/write.lock              {"pid":...,"startedAt":...,"host":...}
 * ```
 *
 * @example
 * ```ts
 * const store = await DataStore.open('data');
 * const { record } = await store.write(
 *   { actor: { kind: 'os', name: 'budi' }, action: 'import-observations', fileName: 'survey.csv' },
 *   async (db) => {
 *     const r = await importObservations(db, 'survey.csv');
 *     return { ...r, rowsAccepted: r.accepted, rowsReplaced: r.replaced };
 *   },
 * );
 * record.version; // 4
 * await store.rollback(3, { kind: 'user', name: 'admin' }); // version 5, the data of 3
 * ```
 */
export class DataStore {
  /** The data directory, absolute. */
  readonly dir: string;
  readonly #keep: number;
  readonly #minFreeBytesFactor: number;
  readonly #message: (message: string) => void;
  /** The directory as the caller named it, for messages. */
  readonly #shownDir: string;

  private constructor(dir: string, options: DataStoreOptions) {
    this.dir = resolve(dir);
    this.#shownDir = dir;
    const keep = options.keep ?? 5;
    if (!Number.isSafeInteger(keep) || keep < 1) {
      throw new RangeError(`keep must be a whole number of at least 1, got ${keep}`);
    }
    this.#keep = keep;
    const factor = options.minFreeBytesFactor ?? 2;
    if (!(factor >= 0)) throw new RangeError(`minFreeBytesFactor must be >= 0, got ${factor}`);
    this.#minFreeBytesFactor = factor;
    this.#message = options.onMessage ?? ((message) => process.stderr.write(`${message}\n`));
  }

  /**
   * Open a data directory, creating it (and `versions/`, `staging/`) if needed. A directory
   * without `CURRENT` that holds a legacy `pandu.duckdb` adopts it as version 1 (a migrated copy;
   * the file itself is left in place), with a message; if another process is adopting it at the
   * same moment, this one waits for that version 1 (at most two minutes).
   */
  static async open(dir: string, options: DataStoreOptions = {}): Promise<DataStore> {
    const store = new DataStore(dir, options);
    await mkdir(join(store.dir, 'versions'), { recursive: true });
    await mkdir(join(store.dir, 'staging'), { recursive: true });
    if (!(await readCurrentPointer(store.dir)) && existsSync(join(store.dir, LEGACY_FILE))) {
      try {
        await store.#adoptLegacyFile();
      } catch (error) {
        // Another process (a second replica starting, say) is adopting it: wait for its version 1.
        if (!(error instanceof WriteLockedError)) throw error;
        await store.#awaitCurrent(ADOPTION_WAIT_MS, error);
      }
    }
    return store;
  }

  /** Wait (bounded) until CURRENT exists; else throw `cause`. */
  async #awaitCurrent(timeoutMs: number, cause: Error): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await readCurrentPointer(this.dir)) return;
      await sleep(100);
    }
    throw cause;
  }

  /** The current version's pointer; null while the directory has none. */
  current(): Promise<CurrentPointer | null> {
    return readCurrentPointer(this.dir);
  }

  /**
   * Every version ever published, oldest first, pruned ones included. If the last write was
   * killed between moving `CURRENT` and appending its line, the current version's record is
   * rebuilt from its own `audit_log` (the next write appends it to the file).
   */
  history(): Promise<HistoryRecord[]> {
    return this.#reconciledHistory(false);
  }

  /** {@link history} with each version's file (null once pruned) and which one is current. */
  async versions(): Promise<StoredVersion[]> {
    const current = await readCurrentPointer(this.dir);
    return (await this.history()).map((record) => {
      const file = versionFilePath(this.dir, record.version);
      return {
        ...record,
        file: existsSync(file) ? relative(this.dir, file) : null,
        current: record.version === current?.version,
      };
    });
  }

  /**
   * Build and publish the next version: copy the current one (or start empty with `fresh`),
   * migrate, run `apply` (which may throw: nothing is published and the copy is removed), carry
   * the audit log forward and add this write's row, checkpoint, close, check that it opens
   * read-only, hash it, rename it into `versions/`, move `CURRENT`, append to `history.jsonl`,
   * prune beyond `keep`. Holds `write.lock` throughout ({@link WriteLockedError} if another live
   * writer does); refuses before copying when the disk lacks the room ({@link DiskSpaceError}).
   *
   * `apply` runs on a database nobody else sees; it should do its work in one transaction, as the
   * import functions do, but a failure anywhere discards the whole copy anyway.
   */
  async write<T>(
    request: WriteRequest,
    apply: (db: Kysely<Database>) => Promise<T & WriteCounts>,
  ): Promise<{ result: T; record: HistoryRecord }> {
    const lock = await this.#lock();
    try {
      await this.#reconciledHistory(true);
      return await this.#publish(
        lock,
        request,
        request.fresh ? { kind: 'empty' } : { kind: 'current' },
        apply,
      );
    } finally {
      await lock.release();
    }
  }

  /**
   * Publish an exact copy of an older version's data as the newest version (history only grows:
   * rolling back to 3 from 7 publishes 8). Every table is as it was in that version except
   * `audit_log`, which is the current version's plus the row of this rollback. The old file must
   * still be kept and match its recorded SHA-256.
   */
  async rollback(
    version: number,
    actor: Actor,
    options: { onProgress?: (progress: WriteProgress) => void } = {},
  ): Promise<HistoryRecord> {
    const lock = await this.#lock();
    try {
      const history = await this.#reconciledHistory(true);
      const current = await readCurrentPointer(this.dir);
      if (!current)
        throw new UnknownVersionError(version, 'the data directory has no versions yet');
      const record = history.find((r) => r.version === version);
      const file = versionFilePath(this.dir, version);
      if (!record) {
        throw new UnknownVersionError(
          version,
          `no such version (versions run from ${history[0]?.version ?? current.version} to ${current.version})`,
        );
      }
      if (version === current.version) {
        throw new UnknownVersionError(version, 'it is the current version already');
      }
      if (!existsSync(file)) {
        const kept = (await this.versions()).filter((v) => v.file !== null).map((v) => v.version);
        throw new UnknownVersionError(
          version,
          `its file was pruned (only the last ${this.#keep} are kept: ${kept.join(', ')})`,
        );
      }
      const sha256 = await fileSha256(file);
      if (sha256 !== record.versionSha256) {
        throw new Error(
          `${file} does not match the SHA-256 its history records (${record.versionSha256}, the file has ${sha256}): it was changed after publishing; not rolling back to it`,
        );
      }
      const { record: published } = await this.#publish(
        lock,
        {
          actor,
          action: 'rollback',
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        },
        { kind: 'file', path: file },
        async () => ({
          summary: `rollback to version ${version} (its data exactly; from version ${current.version})`,
        }),
      );
      return published;
    } finally {
      await lock.release();
    }
  }

  /** Take the write lock, then remove what a killed writer left (we are the only writer now). */
  async #lock(): Promise<WriteLock> {
    const lock = await acquireWriteLock(this.dir);
    try {
      await this.#removeLeftovers(lock.tookOver);
    } catch (error) {
      await lock.release();
      throw error;
    }
    return lock;
  }

  /**
   * Under the lock: the staging copies, temporary pointers and the one unpublished version file a
   * killed write can leave. A write renames its file into `versions/` before it moves `CURRENT`,
   * so the file numbered one above the current version is such a leftover; anything numbered
   * higher was not made by a write of this store, and is refused rather than deleted.
   */
  async #removeLeftovers(tookOver: boolean): Promise<void> {
    const removed: string[] = [];
    for (const name of await readdir(join(this.dir, 'staging'))) {
      if (!name.startsWith('next-')) continue; // uploads in progress belong to their server
      await rm(join(this.dir, 'staging', name), { force: true, recursive: true });
      removed.push(`staging/${name}`);
    }
    for (const name of await readdir(this.dir)) {
      // A pointer being written, or a stale lock moved aside by a writer killed while taking over.
      if (!name.startsWith('CURRENT.tmp-') && !name.startsWith('write.lock.stale-')) continue;
      await rm(join(this.dir, name), { force: true });
      removed.push(name);
    }
    const current = await readCurrentPointer(this.dir);
    const currentVersion = current?.version ?? 0;
    // CURRENT only ever moves forward, to the newest version, and before its history line is
    // written: history naming a newer version means CURRENT was lost or put back by hand, and
    // the next write would reuse (and here delete) a published version's number.
    const newest = Math.max(0, ...(await readHistoryFile(this.dir)).map((r) => r.version));
    if (newest > currentVersion) {
      throw new Error(
        `${join(this.#shownDir, 'CURRENT')} ${current ? `names version ${currentVersion}` : 'is missing'} but history.jsonl records version ${newest}: ` +
          `restore CURRENT to the newest version (or roll back to an older one once it is restored) before writing`,
      );
    }
    for (const name of await readdir(join(this.dir, 'versions'))) {
      const match = VERSION_FILE.exec(name);
      if (!match) continue;
      const version = Number(match[1]);
      if (version === currentVersion + 1) {
        await rm(join(this.dir, 'versions', name), { force: true });
        removed.push(`versions/${name}`);
      } else if (version > currentVersion + 1) {
        throw new Error(
          `${join(this.#shownDir, 'versions', name)} is newer than the current version ${currentVersion} and no write of pandu made it: move it away before writing`,
        );
      }
    }
    if (removed.length > 0) {
      this.#message(
        `${tookOver ? 'took over the write lock of a write that had died; ' : ''}removed what an unfinished write left in ${this.#shownDir}: ${removed.join(', ')}`,
      );
    }
  }

  /**
   * The history file, plus the current version's record when the file lacks it (a write killed
   * between moving CURRENT and appending): rebuilt from that version's own audit_log row and
   * file. With `persist` (only under the write lock) it is appended to the file.
   */
  async #reconciledHistory(persist: boolean): Promise<HistoryRecord[]> {
    const records = await readHistoryFile(this.dir);
    const current = await readCurrentPointer(this.dir);
    if (!current || records.some((r) => r.version === current.version)) return records;
    const path = join(this.dir, current.file);
    const db = await openDatabase(path, { readOnly: true, poolSize: 1 });
    let record: HistoryRecord;
    try {
      const audit = await readAuditRecord(db, current.version);
      if (!audit) {
        throw new Error(
          `version ${current.version} (${current.file}) has no line in history.jsonl and no row of its own in its audit_log`,
        );
      }
      record = { ...audit, versionSha256: current.sha256, rows: await tableRowCounts(db) };
    } finally {
      await db.destroy();
    }
    if (persist) {
      await appendHistoryRecord(this.dir, record);
      this.#message(
        `history.jsonl lacked version ${record.version} (its write was stopped after publishing it); recorded it from the version's audit_log`,
      );
    }
    return [...records, record];
  }

  async #adoptLegacyFile(): Promise<void> {
    const legacy = join(this.dir, LEGACY_FILE);
    const lock = await this.#lock();
    try {
      // Another process may have adopted it between our look at CURRENT and our taking the lock.
      if (await readCurrentPointer(this.dir)) return;
      // An older `pandu serve` may hold the file for writing: opening it read-only fails then,
      // and copying a file DuckDB is writing could copy half a checkpoint.
      try {
        const probe = await openDatabase(legacy, { readOnly: true, poolSize: 1 });
        await probe.destroy();
      } catch (error) {
        throw new Error(
          `cannot adopt ${join(this.#shownDir, LEGACY_FILE)} as version 1: it cannot be opened (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}); stop the process using it and try again`,
          { cause: error },
        );
      }
      const shown = join(this.#shownDir, LEGACY_FILE);
      await this.#publish(
        lock,
        { actor: osActor(), action: 'adopt', fileName: LEGACY_FILE },
        { kind: 'file', path: legacy },
        async () => ({
          // The file's name only: the summary is public (versions.list), where the server keeps its
          // files is not.
          summary: `adopted ${LEGACY_FILE}, the single-file database of an earlier install`,
        }),
      );
      this.#message(
        `adopted ${shown} as version 1 of ${this.#shownDir}/ (the file is left in place)`,
      );
    } finally {
      await lock.release();
    }
  }

  async #publish<T>(
    lock: WriteLock,
    request: WriteRequest,
    source: Source,
    apply: (db: Kysely<Database>) => Promise<T & WriteCounts>,
  ): Promise<{ result: T; record: HistoryRecord }> {
    const current = await readCurrentPointer(this.dir);
    const version = (current?.version ?? 0) + 1;
    const currentFile = current ? join(this.dir, current.file) : null;
    const sourceFile =
      source.kind === 'file' ? source.path : source.kind === 'current' ? currentFile : null;
    let step = 0;
    const progress = (name: (typeof WRITE_STEPS)[number]) =>
      request.onProgress?.({ step: name, done: step++, total: WRITE_STEPS.length, version });

    // Room for the copy and for DuckDB to rewrite it: a fresh seed grows to about what it replaces.
    const sizeOf = (file: string | null) => (file ? stat(file).then((s) => s.size) : 0);
    const bytes = Math.max(await sizeOf(sourceFile), await sizeOf(currentFile));
    await checkFreeSpace(this.dir, bytes * this.#minFreeBytesFactor);

    const staging = join(
      this.dir,
      'staging',
      `next-${process.pid}-${randomBytes(6).toString('hex')}.duckdb`,
    );
    const final = versionFilePath(this.dir, version);
    let renamed = false;
    try {
      progress('copying');
      if (sourceFile) {
        await copyFile(sourceFile, staging);
        // A legacy file may have a WAL its last writer did not checkpoint: it is part of its data.
        if (existsSync(`${sourceFile}.wal`)) await copyFile(`${sourceFile}.wal`, `${staging}.wal`);
      }

      progress('applying');
      const publishedAt = new Date().toISOString();
      let result: T & WriteCounts;
      let audit: AuditRecord;
      const db = await openDatabase(staging);
      try {
        result = await apply(db);
        // A write that did not compute the figures (a rollback to, an upgrade or an adoption of a
        // file from before them) computes them here, so every published version has them fresh.
        if (!(await figuresAreFresh(db))) {
          await db.transaction().execute((trx) => refreshFigures(trx));
        }
        if (source.kind !== 'current' && currentFile) await copyAuditLog(db, currentFile);
        audit = {
          version,
          previousVersion: current?.version ?? null,
          publishedAt,
          actor: request.actor,
          action: request.action,
          fileName: request.fileName ?? null,
          fileSha256: result.fileSha256 ?? request.fileSha256 ?? null,
          rowsAccepted: result.rowsAccepted ?? 0,
          rowsRejected: result.rowsRejected ?? 0,
          rowsReplaced: result.rowsReplaced ?? 0,
          summary: oneLine(result.summary ?? request.action),
        };
        await insertAuditRecord(db, audit);
        progress('checkpointing');
        await sql`checkpoint`.execute(db);
      } finally {
        await db.destroy();
      }
      if (existsSync(`${staging}.wal`)) {
        throw new Error(`DuckDB left a WAL beside ${staging} after its checkpoint; not publishing`);
      }

      // The published file is opened read-only by every reader: check that it does open so.
      progress('verifying');
      const check = await openDatabase(staging, { readOnly: true, poolSize: 1 });
      let rows: Record<string, number>;
      try {
        rows = await tableRowCounts(check);
      } finally {
        await check.destroy();
      }

      progress('hashing');
      const sha256 = await fileSha256(staging);
      await fsyncFile(staging);
      progress('publishing');
      await rename(staging, final);
      renamed = true;
      await fsyncDirectory(join(this.dir, 'versions'));
      await lock.assertHeld();
      const pointer: CurrentPointer = {
        version,
        file: relative(this.dir, final),
        publishedAt,
        sha256,
      };
      await writeFileAtomic(join(this.dir, 'CURRENT'), `${JSON.stringify(pointer)}\n`);
      renamed = false; // published: the file is the current version now
      const record: HistoryRecord = { ...audit, versionSha256: sha256, rows };
      await this.#afterPublish(record);
      return { result, record };
    } finally {
      await rm(staging, { force: true });
      await rm(`${staging}.wal`, { force: true });
      // Not published: the renamed file goes. Unless CURRENT did move and only the fsync of the
      // folder after it failed: then the file is the current version and must stay.
      if (renamed && (await readCurrentPointer(this.dir).catch(() => null))?.version !== version) {
        await rm(final, { force: true });
      }
    }
  }

  /**
   * Once CURRENT has moved the version is published, whatever follows: a failure to append the
   * history line (the next writer rebuilds it from the audit_log) or to prune is reported, not
   * thrown, so that a caller never believes a published write failed.
   */
  async #afterPublish(record: HistoryRecord): Promise<void> {
    try {
      await appendHistoryRecord(this.dir, record);
    } catch (error) {
      this.#message(
        `version ${record.version} is published, but its history line could not be written (${String(error)}); the next write will add it`,
      );
    }
    try {
      await this.#prune(record.version);
    } catch (error) {
      this.#message(
        `could not delete old versions beyond the last ${this.#keep}: ${String(error)}`,
      );
    }
  }

  /**
   * Delete version files beyond the newest `keep` (never the current one, which is the newest).
   * A server still reading an old version keeps it open: on Linux its data stay readable until
   * it closes the file.
   */
  async #prune(currentVersion: number): Promise<void> {
    const oldest = currentVersion - this.#keep + 1;
    for (const name of await readdir(join(this.dir, 'versions'))) {
      const match = VERSION_FILE.exec(name);
      if (match && Number(match[1]) < oldest) {
        await rm(join(this.dir, 'versions', name), { force: true });
      }
    }
  }
}

/**
 * The operating-system user, for writes made from the command line (whoever runs it can read and
 * write the data directory anyway, so it acts as itself).
 *
 * @example
 * ```ts
 * await store.rollback(3, osActor()); // recorded as { kind: 'os', name: 'budi' }
 * ```
 */
export function osActor(): Actor {
  try {
    return { kind: 'os', name: userInfo().username };
  } catch {
    // No passwd entry for this uid (some containers): the uid is still who it was.
    return { kind: 'os', name: `uid ${process.getuid?.() ?? 'unknown'}` };
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
