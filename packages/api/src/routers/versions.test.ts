import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataStore, importObservations } from '@pandu/db';
import { seededTestDatabase, type SeededTestDatabase } from '@pandu/db/testing';
import type { UserRole } from '@pandu/domain';
import type { AuthUser } from '../auth-user.js';
import { createCaller } from '../create-caller.js';
import { createInnerContext } from '../context.js';

// A real data directory: the seeded Jawa Timur file adopted as version 1, one import as version 2
// (one known value changed), then rollbacks through the router.

const user = (name: string, role: UserRole, via: 'session' | 'token' = 'session'): AuthUser => ({
  name,
  role,
  via,
  tokenId: via === 'token' ? 'tok1' : null,
  tokenLabel: via === 'token' ? 'nightly' : null,
});

describe('versions router', () => {
  let t: SeededTestDatabase;
  let dir: string;
  let store: DataStore;
  let village: string;
  beforeAll(async () => {
    t = await seededTestDatabase(['35'], { writable: true });
    const row = await t.db
      .selectFrom('observations')
      .select(['village_code', 'value'])
      .where('indicator', '=', 'digital_skills')
      .where('year', '=', 2024)
      .orderBy('village_code')
      .executeTakeFirstOrThrow();
    village = row.village_code;
    await t.db.destroy();
    dir = await mkdtemp(join(tmpdir(), 'pandu-api-versions-'));
    await copyFile(t.path, join(dir, 'pandu.duckdb'));
    store = await DataStore.open(dir, { onMessage: () => undefined });
    const csv = join(dir, 'fix.csv');
    await writeFile(
      csv,
      `village_code,year,indicator,value\n${village},2024,digital_skills,${row.value === 4.5 ? 4.25 : 4.5}\n`,
    );
    await store.write(
      { actor: { kind: 'user', name: 'ana' }, action: 'import-observations', fileName: 'fix.csv' },
      async (db) => {
        const r = await importObservations(db, csv, { replace: true });
        return { ...r, rowsAccepted: r.accepted, rowsReplaced: r.replaced };
      },
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  const caller = (who: AuthUser | null, extra: { publicRead?: boolean; store?: null } = {}) =>
    createCaller(
      createInnerContext({ db: t.db, dbPath: t.path, cache: null, store, user: who, ...extra }),
    );

  async function codeOf(call: Promise<unknown>): Promise<string> {
    const error = await call.then(
      () => null,
      (e: unknown) => e,
    );
    return error instanceof TRPCError ? error.code : `not a TRPCError: ${String(error)}`;
  }

  it('list: public, newest first, the current one marked; names only for a logged-in user', async () => {
    const list = await caller(null).versions.list();
    expect(list.map((v) => [v.version, v.action, v.current, v.kept])).toEqual([
      [2, 'import-observations', true, true],
      [1, 'adopt', false, true],
    ]);
    // An anonymous reader learns what kind of actor published, not who.
    expect(list[0]).toMatchObject({ actor: { kind: 'user', name: '' }, fileName: 'fix.csv' });
    expect(list[0]?.rowsReplaced).toBe(1);
    const asViewer = await caller(user('vera', 'viewer')).versions.list();
    expect(asViewer[0]?.actor).toEqual({ kind: 'user', name: 'ana' });
    expect((await caller(null).versions.changes({ version: 2 })).record.actor.name).toBe('');
    const changes = await caller(user('vera', 'viewer')).versions.changes({ version: 2 });
    expect(changes.record.actor.name).toBe('ana');
  });

  it('list needs a user when reading is not public; no data directory is 501', async () => {
    expect(await codeOf(caller(null, { publicRead: false }).versions.list())).toBe('UNAUTHORIZED');
    expect(await codeOf(caller(user('vera', 'viewer'), { store: null }).versions.list())).toBe(
      'NOT_IMPLEMENTED',
    );
  });

  it('changes: the one village and year of the import, one value replaced', async () => {
    const { record, changes } = await caller(null).versions.changes({ version: 2 });
    expect(record.version).toBe(2);
    expect(changes).toMatchObject({ replaced: 1, added: 0, removed: 0, villages: 1 });
    expect(changes?.years).toEqual([{ year: 2024, villages: 1, values: 1 }]);
    expect(changes?.sample.map((v) => [v.code, v.years])).toEqual([[village, [2024]]]);
    expect(await codeOf(caller(null).versions.changes({ version: 9 }))).toBe('NOT_FOUND');
  });

  it('rollback: 401 without a user, 403 below admin, nothing published', async () => {
    expect(await codeOf(caller(null).versions.rollback({ version: 1 }))).toBe('UNAUTHORIZED');
    for (const role of ['viewer', 'analyst'] as const) {
      expect(await codeOf(caller(user('x', role)).versions.rollback({ version: 1 }))).toBe(
        'FORBIDDEN',
      );
    }
    expect((await store.current())?.version).toBe(2);
  });

  it('rollback by an admin publishes version 3 with the data of 1, audited with the user', async () => {
    const record = await caller(user('root', 'admin')).versions.rollback({ version: 1 });
    expect(record).toMatchObject({
      version: 3,
      previousVersion: 2,
      action: 'rollback',
      actor: { kind: 'user', name: 'root' },
    });
    const { changes } = await caller(null).versions.changes({ version: 3 });
    expect(changes).toMatchObject({ replaced: 1, villages: 1 });
    // Through an API token, the token is named.
    const byToken = await caller(user('root', 'admin', 'token')).versions.rollback({ version: 2 });
    expect(byToken.actor).toEqual({ kind: 'token', name: 'root (token nightly)' });
  });

  it('rollback errors are named: unknown version, current version, another write running', async () => {
    const admin = caller(user('root', 'admin'));
    const unknown = await admin.versions.rollback({ version: 77 }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(TRPCError);
    expect((unknown as TRPCError).code).toBe('NOT_FOUND');
    expect((unknown as TRPCError).message).toMatch(
      /cannot roll back to version 77: no such version/,
    );
    const current = (await store.current())?.version ?? 0;
    const same = await admin.versions.rollback({ version: current }).catch((e: unknown) => e);
    expect((same as TRPCError).message).toMatch(/current version already/);
    // A live process (our parent) holds the lock.
    await writeFile(
      join(dir, 'write.lock'),
      JSON.stringify({
        pid: process.ppid,
        startedAt: '2026-12-05T00:00:00.000Z',
        host: hostname(),
      }),
    );
    try {
      const locked = await admin.versions.rollback({ version: 1 }).catch((e: unknown) => e);
      expect((locked as TRPCError).code).toBe('CONFLICT');
      expect((locked as TRPCError).message).toMatch(/another write is running/);
      expect((locked as TRPCError).message).not.toContain(dir);
    } finally {
      await rm(join(dir, 'write.lock'), { force: true });
    }
  });
});
