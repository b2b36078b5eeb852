import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  appendFile,
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  writeFile,
} from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figuresAreFresh } from '../figures/figures-are-fresh.js';
import { importObservations } from '../import/import-observations.js';
import { ImportRejectedError } from '../import/import-types.js';
import { openDatabase } from '../open-database.js';
import { seedDefaultDataset } from '../seed/seed-default-dataset.js';
import { DiskSpaceError } from './check-free-space.js';
import { DataStore, type WriteProgress } from './data-store.js';
import type { Actor } from './history-record.js';
import { readCurrentPointer, versionFilePath } from './read-current-version.js';
import { tableChecksums, type TableChecksum } from './table-checksums.js';
import { UnknownVersionError } from './unknown-version-error.js';
import { WriteLockedError } from './write-lock.js';

// Real files in a temporary directory. DKI Jakarta (31, 267 villages) is the smallest province
// to seed: it is seeded once here (about 1.5 s) into a template that each test adopts as its
// data directory's legacy pandu.duckdb, which is a copy, not a seed.

const PROVINCE = '31';
const ME: Actor = { kind: 'os', name: 'tester' };
const HEADER = 'village_code,year,indicator,value';

let root: string;
let template: string;
/** A village of the template and its stored 2024 digital_skills value. */
let village: string;
let stored: number;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pandu-store-'));
  template = join(root, 'template.duckdb');
  const db = await openDatabase(template);
  try {
    await seedDefaultDataset(db, { provinces: [PROVINCE] });
    const row = await db
      .selectFrom('observations')
      .select(['village_code', 'value'])
      .where('indicator', '=', 'digital_skills')
      .where('year', '=', 2024)
      .orderBy('village_code')
      .executeTakeFirstOrThrow();
    village = row.village_code;
    stored = row.value;
  } finally {
    await db.destroy();
  }
});
afterAll(() => rm(root, { recursive: true, force: true }));

let dirs = 0;
/** A new data directory whose legacy file is a copy of the template (adopted as version 1). */
async function legacyDir(): Promise<string> {
  const dir = join(root, `data-${++dirs}`);
  await mkdir(dir);
  await copyFile(template, join(dir, 'pandu.duckdb'));
  return dir;
}

async function quietStore(
  dir: string,
  options: { keep?: number; minFreeBytesFactor?: number } = {},
) {
  const messages: string[] = [];
  const store = await DataStore.open(dir, { ...options, onMessage: (m) => messages.push(m) });
  return { store, messages };
}

async function csv(dir: string, name: string, rows: string[]): Promise<string> {
  const path = join(dir, '..', `${dir.split('/').at(-1)}-${name}`);
  await writeFile(path, [HEADER, ...rows].join('\n'));
  return path;
}

async function importFile(store: DataStore, file: string, onProgress?: (p: WriteProgress) => void) {
  return store.write(
    {
      actor: ME,
      action: 'import-observations',
      fileName: 'change.csv',
      ...(onProgress ? { onProgress } : {}),
    },
    async (db) => {
      const r = await importObservations(db, file, { replace: true });
      // The import hashed the file as it read it; the batch records the hash.
      const batch = await db
        .selectFrom('import_batches')
        .select('content_hash')
        .where('id', '=', r.batchId)
        .executeTakeFirstOrThrow();
      return {
        ...r,
        rowsAccepted: r.accepted,
        rowsReplaced: r.replaced,
        summary: `${r.accepted} values`,
        fileSha256: batch.content_hash,
      };
    },
  );
}

/** Checksums of every table of a version file, opened read-only as a reader would. */
async function checksumsOf(path: string): Promise<Record<string, TableChecksum>> {
  const db = await openDatabase(path, { readOnly: true, poolSize: 1 });
  try {
    return await tableChecksums(db);
  } finally {
    await db.destroy();
  }
}

async function valueIn(path: string): Promise<number | undefined> {
  const db = await openDatabase(path, { readOnly: true, poolSize: 1 });
  try {
    const row = await db
      .selectFrom('observations')
      .select('value')
      .where('village_code', '=', village)
      .where('indicator', '=', 'digital_skills')
      .where('year', '=', 2024)
      .executeTakeFirst();
    return row?.value;
  } finally {
    await db.destroy();
  }
}

async function auditVersions(path: string): Promise<number[]> {
  const db = await openDatabase(path, { readOnly: true, poolSize: 1 });
  try {
    const rows = await db.selectFrom('audit_log').select('version').orderBy('version').execute();
    return rows.map((r) => r.version);
  } finally {
    await db.destroy();
  }
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _omitted, ...rest } = record;
  return rest;
}

describe('DataStore', () => {
  it('adopts a legacy pandu.duckdb as version 1, with a message, leaving the file in place', async () => {
    const dir = await legacyDir();
    const before = await checksumsOf(join(dir, 'pandu.duckdb'));
    const { store, messages } = await quietStore(dir);
    expect(messages).toEqual([
      `adopted ${join(dir, 'pandu.duckdb')} as version 1 of ${dir}/ (the file is left in place)`,
    ]);
    const current = await store.current();
    expect(current).toMatchObject({ version: 1, file: 'versions/v000001.duckdb' });
    const file = versionFilePath(dir, 1);
    expect(current?.sha256).toBe(sha256(file));
    expect(existsSync(join(dir, 'pandu.duckdb'))).toBe(true);
    // The data exactly; the audit log gains the adoption's row.
    const after = await checksumsOf(file);
    expect(without(after, 'audit_log')).toEqual(without(before, 'audit_log'));
    expect(await auditVersions(file)).toEqual([1]);
    const [record] = await store.history();
    expect(record).toMatchObject({
      version: 1,
      previousVersion: null,
      action: 'adopt',
      fileName: 'pandu.duckdb',
      versionSha256: current?.sha256,
    });
    expect(record?.rows.observations).toBe(before.observations?.rows);
    // Opening again adopts nothing more.
    const again = await quietStore(dir);
    expect(again.messages).toEqual([]);
    expect((await again.store.current())?.version).toBe(1);
  });

  it('computes the figures of a file from before them when it adopts it', async () => {
    const dir = await legacyDir();
    const legacy = await openDatabase(join(dir, 'pandu.duckdb'));
    await sql`delete from dataset_meta where key = 'figures_data_version'`.execute(legacy);
    await sql`delete from scope_figures`.execute(legacy);
    await legacy.destroy();
    const { store } = await quietStore(dir);
    expect((await store.current())?.version).toBe(1);
    const db = await openDatabase(versionFilePath(dir, 1), { readOnly: true });
    try {
      expect(await figuresAreFresh(db)).toBe(true);
      const { rows } = await sql<{ n: number }>`
        select count(*)::integer as n from scope_figures`.execute(db);
      expect(rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await db.destroy();
    }
  });

  it('adopts once when two open the same legacy directory at the same time', async () => {
    const dir = await legacyDir();
    const messages: string[] = [];
    const onMessage = (m: string) => messages.push(m);
    const stores = await Promise.all([
      DataStore.open(dir, { onMessage }),
      DataStore.open(dir, { onMessage }),
    ]);
    expect(messages.filter((m) => m.startsWith('adopted '))).toHaveLength(1);
    for (const store of stores) expect((await store.current())?.version).toBe(1);
    expect(await readdir(join(dir, 'versions'))).toEqual(['v000001.duckdb']);
  });

  it('publishes an import as the next version, leaves the old one byte for byte, and rolls back exactly', async () => {
    const dir = await legacyDir();
    const { store } = await quietStore(dir);
    const v1 = versionFilePath(dir, 1);
    const v1Sha = sha256(v1);
    const v1Sums = await checksumsOf(v1);

    const steps: string[] = [];
    const changed = Math.round((stored >= 4 ? stored - 0.5 : stored + 0.5) * 100) / 100;
    const file = await csv(dir, 'change.csv', [`${village},2024,digital_skills,${changed}`]);
    const { result, record } = await importFile(store, file, (p) =>
      steps.push(`${p.done}/${p.total} ${p.step} v${p.version}`),
    );
    expect(steps).toEqual([
      '0/6 copying v2',
      '1/6 applying v2',
      '2/6 checkpointing v2',
      '3/6 verifying v2',
      '4/6 hashing v2',
      '5/6 publishing v2',
    ]);
    expect(result.accepted).toBe(1);
    expect(record).toMatchObject({
      version: 2,
      previousVersion: 1,
      actor: ME,
      action: 'import-observations',
      fileName: 'change.csv',
      rowsAccepted: 1,
      rowsRejected: 0,
      rowsReplaced: 1,
      summary: '1 values',
    });
    // The import's own hash of the file, as import_batches records it.
    expect(record.fileSha256).toBe(sha256(file));
    expect(await valueIn(versionFilePath(dir, 2))).toBe(changed);
    expect(await valueIn(v1)).toBe(stored);
    expect(sha256(v1)).toBe(v1Sha);
    expect((await store.current())?.version).toBe(2);

    const rolledBack = await store.rollback(1, { kind: 'user', name: 'admin' });
    expect(rolledBack).toMatchObject({
      version: 3,
      previousVersion: 2,
      action: 'rollback',
      fileName: null,
    });
    const v3 = versionFilePath(dir, 3);
    expect(await valueIn(v3)).toBe(stored);
    const v3Sums = await checksumsOf(v3);
    expect(without(v3Sums, 'audit_log')).toEqual(without(v1Sums, 'audit_log'));
    expect(v3Sums.observations).toEqual(v1Sums.observations);
    // The audit log is carried forward from version 2, not reset to version 1's.
    expect(await auditVersions(v3)).toEqual([1, 2, 3]);
    expect((await store.history()).map((r) => [r.version, r.action])).toEqual([
      [1, 'adopt'],
      [2, 'import-observations'],
      [3, 'rollback'],
    ]);
    const versions = await store.versions();
    expect(versions.map((v) => [v.version, v.file, v.current])).toEqual([
      [1, 'versions/v000001.duckdb', false],
      [2, 'versions/v000002.duckdb', false],
      [3, 'versions/v000003.duckdb', true],
    ]);
    // Every line of history.jsonl is the record the write returned.
    const lines = (await readFile(join(dir, 'history.jsonl'), 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[1] ?? '')).toEqual(record);
    expect(await readdir(join(dir, 'staging'))).toEqual([]);
    expect(existsSync(join(dir, 'write.lock'))).toBe(false);
  });

  it('starts a fresh write from an empty database, carrying the audit log forward', async () => {
    const dir = await legacyDir();
    const { store } = await quietStore(dir);
    // What a seed does, in small: it finds an empty, migrated database and fills it.
    const { result, record } = await store.write(
      { actor: ME, action: 'seed', fresh: true },
      async (db) => {
        const before = await db
          .selectFrom('regions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        await db.insertInto('dataset_meta').values({ key: 'seeded_by', value: 'test' }).execute();
        return { regionsBefore: Number(before.n), rowsAccepted: 1, summary: 'a fresh start' };
      },
    );
    expect(result.regionsBefore).toBe(0);
    expect(record).toMatchObject({
      version: 2,
      action: 'seed',
      rowsAccepted: 1,
      summary: 'a fresh start',
    });
    const v2 = versionFilePath(dir, 2);
    const sums = await checksumsOf(v2);
    expect(sums.regions?.rows).toBe(0);
    expect(sums.dataset_meta?.rows).toBe(1);
    expect(await auditVersions(v2)).toEqual([1, 2]);
    expect(record.rows).toEqual(
      Object.fromEntries(Object.entries(sums).map(([t, c]) => [t, c.rows])),
    );
  });

  it('a rejected import publishes nothing and leaves no staging file', async () => {
    const dir = await legacyDir();
    const { store } = await quietStore(dir);
    const before = await readFile(join(dir, 'CURRENT'), 'utf8');
    const bad = await csv(dir, 'bad.csv', [`${village},2024,digital_skills,9`]);
    await expect(importFile(store, bad)).rejects.toBeInstanceOf(ImportRejectedError);
    expect(await readFile(join(dir, 'CURRENT'), 'utf8')).toBe(before);
    expect(await readdir(join(dir, 'staging'))).toEqual([]);
    expect(await readdir(join(dir, 'versions'))).toEqual(['v000001.duckdb']);
    expect((await store.history()).length).toBe(1);
    expect(existsSync(join(dir, 'write.lock'))).toBe(false);
  });

  it('refuses a write when the disk lacks room, naming the bytes needed and free, and changes nothing', async () => {
    const dir = await legacyDir();
    await quietStore(dir);
    const before = await readFile(join(dir, 'CURRENT'), 'utf8');
    // A factor no disk can meet: the check is real (statfs), only the need is inflated.
    const { store } = await quietStore(dir, { minFreeBytesFactor: 1e9 });
    const file = await csv(dir, 'change.csv', [`${village},2024,digital_skills,3`]);
    const error = await importFile(store, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiskSpaceError);
    expect((error as DiskSpaceError).message).toMatch(
      /^not enough disk space in .*: a new version needs [\d.]+ MB free \(\d+ bytes\), [\d.]+ MB are \(\d+ bytes\); nothing was written$/,
    );
    expect((error as DiskSpaceError).neededBytes).toBeGreaterThan(
      (error as DiskSpaceError).freeBytes,
    );
    expect(await readFile(join(dir, 'CURRENT'), 'utf8')).toBe(before);
    expect(await readdir(join(dir, 'staging'))).toEqual([]);
    expect(existsSync(join(dir, 'write.lock'))).toBe(false);
  });

  it("refuses while a live writer holds the lock, naming its pid; takes over a dead writer's lock and removes its leftovers", async () => {
    const dir = await legacyDir();
    const { store, messages } = await quietStore(dir);
    const lock = join(dir, 'write.lock');
    const file = await csv(dir, 'change.csv', [`${village},2024,digital_skills,3`]);

    // Live: this test's parent process (the vitest runner) surely runs.
    const live = { pid: process.ppid, startedAt: '2026-12-05T00:00:00.000Z', host: hostname() };
    await writeFile(lock, JSON.stringify(live));
    const refused = await importFile(store, file).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WriteLockedError);
    expect((refused as Error).message).toContain(`pid ${process.ppid} on ${hostname()}`);
    expect(await readFile(lock, 'utf8')).toBe(JSON.stringify(live));

    // Dead: a process that has exited. Its leftovers: a staging copy and an unpublished version 2.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeFile(lock, JSON.stringify({ ...live, pid: dead }));
    await writeFile(join(dir, 'staging', `next-${dead}-abc.duckdb`), 'half a copy');
    await writeFile(join(dir, 'staging', `next-${dead}-abc.duckdb.wal`), 'wal');
    await writeFile(join(dir, 'staging', 'upload-1234.csv'), 'an upload a server is receiving');
    await writeFile(join(dir, 'versions', 'v000002.duckdb'), 'renamed but never published');
    await writeFile(join(dir, 'CURRENT.tmp-99'), '{"version":');
    const { record } = await importFile(store, file);
    expect(record.version).toBe(2);
    expect(await valueIn(versionFilePath(dir, 2))).toBe(3);
    expect((await readdir(join(dir, 'staging'))).sort()).toEqual(['upload-1234.csv']);
    expect(existsSync(join(dir, 'CURRENT.tmp-99'))).toBe(false);
    expect(existsSync(lock)).toBe(false);
    expect(messages.at(-1)).toMatch(
      /^took over the write lock of a write that had died; removed .*versions\/v000002\.duckdb/,
    );
  });

  it('refuses to write when CURRENT is behind history.jsonl, deleting no published version', async () => {
    const dir = await legacyDir();
    const { store } = await quietStore(dir);
    const v1Pointer = await readFile(join(dir, 'CURRENT'), 'utf8');
    const file = await csv(dir, 'change.csv', [`${village},2024,digital_skills,3`]);
    await importFile(store, file);
    const v2 = versionFilePath(dir, 2);
    const v2Sha = sha256(v2);
    // CURRENT put back by hand (a restored backup of the directory's pointer).
    await writeFile(join(dir, 'CURRENT'), v1Pointer);
    await expect(importFile(store, file)).rejects.toThrow(
      /CURRENT names version 1 but history\.jsonl records version 2: restore CURRENT to the newest version/,
    );
    expect(sha256(v2)).toBe(v2Sha);
    expect(existsSync(join(dir, 'write.lock'))).toBe(false);
  });

  it('lets one write at a time run in a process: a second concurrent write is refused', async () => {
    const dir = await legacyDir();
    const { store } = await quietStore(dir);
    const file = await csv(dir, 'change.csv', [`${village},2024,digital_skills,3`]);
    // Its outcome is taken at once: if it is the one refused, it is refused while the other runs.
    const first = importFile(store, file).then(
      () => 'published',
      (e: unknown) => e,
    );
    // The first has its lock once it reports a step.
    let second: unknown;
    await store
      .write({ actor: ME, action: 'import-observations' }, async () => ({}))
      .catch((e) => (second = e));
    const done = await first;
    // Either the second came first and the first was refused, or the other way around; never both.
    const outcomes = [second === undefined ? 'published' : second, done];
    expect(
      outcomes.filter((o) => o === 'published'),
      String(outcomes),
    ).toHaveLength(1);
    expect(
      outcomes.find((o) => o !== 'published'),
      String(outcomes),
    ).toBeInstanceOf(WriteLockedError);
  });

  it('rebuilds the history line of a write stopped after moving CURRENT, from its audit_log', async () => {
    const dir = await legacyDir();
    const { store, messages } = await quietStore(dir);
    const file = await csv(dir, 'change.csv', [`${village},2024,digital_skills,3`]);
    const { record } = await importFile(store, file);
    const history = join(dir, 'history.jsonl');
    const lines = (await readFile(history, 'utf8')).split('\n');
    // As if killed between the pointer's rename and the append: version 2 is current, unrecorded.
    await writeFile(history, `${lines[0]}\n`);
    // A reader sees it, without writing.
    expect((await store.history()).at(-1)).toEqual(record);
    expect((await readFile(history, 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
    // The next writer records it, then its own.
    await importFile(store, file);
    const after = (await readFile(history, 'utf8')).trim().split('\n');
    expect(after.map((l) => (JSON.parse(l) as { version: number }).version)).toEqual([1, 2, 3]);
    expect(JSON.parse(after[1] ?? '')).toEqual(record);
    expect(messages.some((m) => m.startsWith('history.jsonl lacked version 2'))).toBe(true);
  });

  it('ignores a torn last history line (a killed append) and cuts it off before the next', async () => {
    const dir = await legacyDir();
    const { store } = await quietStore(dir);
    const history = join(dir, 'history.jsonl');
    await appendFile(history, '{"version":2,"previousVers');
    expect((await store.history()).map((r) => r.version)).toEqual([1]);
    const file = await csv(dir, 'change.csv', [`${village},2024,digital_skills,3`]);
    await importFile(store, file);
    const lines = (await readFile(history, 'utf8')).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { version: number }).version)).toEqual([1, 2]);
    // A damaged line in the middle is an error, not a silently shorter history.
    await writeFile(history, `${lines[0]}\nnot json\n${lines[1]}\n`);
    await expect(store.history()).rejects.toThrow(/history\.jsonl, line 2: not valid JSON/);
  });

  it('keeps the last K files, lists pruned versions without a file, and refuses to roll back to one', async () => {
    const dir = await legacyDir();
    const { store } = await quietStore(dir, { keep: 2 });
    for (const value of [3, 3.5, 4]) {
      const file = await csv(dir, `v${value}.csv`, [`${village},2024,digital_skills,${value}`]);
      await importFile(store, file);
    }
    expect((await readdir(join(dir, 'versions'))).sort()).toEqual([
      'v000003.duckdb',
      'v000004.duckdb',
    ]);
    const versions = await store.versions();
    expect(versions.map((v) => [v.version, v.file])).toEqual([
      [1, null],
      [2, null],
      [3, 'versions/v000003.duckdb'],
      [4, 'versions/v000004.duckdb'],
    ]);
    const cases: Array<[number, RegExp]> = [
      [
        1,
        /^cannot roll back to version 1: its file was pruned \(only the last 2 are kept: 3, 4\)$/,
      ],
      [9, /^cannot roll back to version 9: no such version \(versions run from 1 to 4\)$/],
      [4, /^cannot roll back to version 4: it is the current version already$/],
    ];
    for (const [version, message] of cases) {
      const error = await store.rollback(version, ME).catch((e: unknown) => e);
      expect(error, String(version)).toBeInstanceOf(UnknownVersionError);
      expect((error as Error).message).toMatch(message);
    }
    expect((await readCurrentPointer(dir))?.version).toBe(4);
    const rolled = await store.rollback(3, ME);
    expect(rolled.version).toBe(5);
    expect(await valueIn(versionFilePath(dir, 5))).toBe(3.5);
  });

  it('refuses to roll back to a version file changed after publishing', async () => {
    const dir = await legacyDir();
    const { store } = await quietStore(dir);
    const file = await csv(dir, 'change.csv', [`${village},2024,digital_skills,3`]);
    await importFile(store, file);
    await appendFile(versionFilePath(dir, 1), 'tampered');
    await expect(store.rollback(1, ME)).rejects.toThrow(
      /does not match the SHA-256 its history records/,
    );
    expect((await store.current())?.version).toBe(2);
  });
});

describe('tableChecksums', () => {
  it('changes with any value and not with row order', async () => {
    const db = await openDatabase(':memory:');
    try {
      await sql`create table t (a integer, b varchar)`.execute(db);
      await sql`insert into t values (1, 'x'), (2, 'y')`.execute(db);
      const first = (await tableChecksums(db)).t;
      await sql`delete from t`.execute(db);
      await sql`insert into t values (2, 'y'), (1, 'x')`.execute(db);
      expect((await tableChecksums(db)).t).toEqual(first);
      await sql`update t set b = 'z' where a = 2`.execute(db);
      expect((await tableChecksums(db)).t?.checksum).not.toBe(first?.checksum);
      // Two equal rows do not cancel out (a sum, not an XOR).
      await sql`delete from t`.execute(db);
      await sql`insert into t values (1, 'x'), (1, 'x')`.execute(db);
      expect((await tableChecksums(db)).t?.checksum).not.toBe('0');
      expect((await tableChecksums(db)).t?.rows).toBe(2);
    } finally {
      await db.destroy();
    }
  });
});
