import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AuthFileError,
  AuthLockedError,
  AuthStore,
  InvalidUserNameError,
  UnknownTokenError,
  UnknownUserError,
  UserExistsError,
  WeakPasswordError,
} from '../index.js';

// Every scrypt run's cost parameters (N, r, p, maxmem), recorded on the way to node:crypto's own:
// whether an unknown name costs a password check is counted, not timed.
const scryptRuns = vi.hoisted(() => [] as string[]);
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof Crypto>();
  const scrypt = (...args: unknown[]) => {
    scryptRuns.push(JSON.stringify(args[3]));
    return (real.scrypt as (...a: unknown[]) => void)(...args);
  };
  return { ...real, scrypt, default: { ...real, scrypt } };
});

const PASSWORD = 'correct horse battery';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pandu-auth-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('AuthStore users', () => {
  it('adds, lists, verifies and removes a user; lists never carry the hash', async () => {
    const auth = await AuthStore.open(dir);
    expect(await auth.listUsers()).toEqual([]);
    await auth.addUser('ana', 'analyst', PASSWORD);
    await auth.addUser('budi', 'viewer', PASSWORD);
    const users = await auth.listUsers();
    expect(users.map((u) => [u.name, u.role])).toEqual([
      ['ana', 'analyst'],
      ['budi', 'viewer'],
    ]);
    expect(Object.keys(users[0] ?? {}).sort()).toEqual(['createdAt', 'name', 'role']);
    expect((await auth.verifyPassword('ana', PASSWORD))?.role).toBe('analyst');
    expect(await auth.verifyPassword('ana', `${PASSWORD}!`)).toBeNull();
    expect(await auth.verifyPassword('nobody', PASSWORD)).toBeNull();
    await auth.removeUser('ana');
    expect(await auth.verifyPassword('ana', PASSWORD)).toBeNull();
    await expect(auth.removeUser('ana')).rejects.toThrow(UnknownUserError);
  });

  it('refuses a second user of one name, a short password, and a bad name', async () => {
    const auth = await AuthStore.open(dir);
    await auth.addUser('ana', 'admin', PASSWORD);
    await expect(auth.addUser('ana', 'viewer', PASSWORD)).rejects.toThrow(UserExistsError);
    await expect(auth.addUser('budi', 'viewer', 'short')).rejects.toThrow(WeakPasswordError);
    await expect(auth.addUser('budi', 'viewer', 'short')).rejects.toThrow(
      'the password must be at least 10 characters long',
    );
    await expect(auth.addUser('Budi', 'viewer', PASSWORD)).rejects.toThrow(InvalidUserNameError);
    await expect(auth.addUser('Budi', 'viewer', PASSWORD)).rejects.toThrow(
      /^user name: must be 2-32 characters .* got "Budi"$/,
    );
  });

  it('keeps no secret in auth.json, which only its owner may read', async () => {
    const auth = await AuthStore.open(dir);
    await auth.addUser('ana', 'analyst', PASSWORD);
    const { token } = await auth.createToken('ana', 'nightly');
    const session = await auth.createSession('ana');
    const file = join(dir, 'auth.json');
    const text = readFileSync(file, 'utf8');
    for (const secret of [PASSWORD, token, session.token]) expect(text).not.toContain(secret);
    expect(text).toMatch(/"passwordHash": "scrypt\$32768\$8\$1\$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a new password ends the sessions but keeps the API tokens', async () => {
    const auth = await AuthStore.open(dir);
    await auth.addUser('ana', 'analyst', PASSWORD);
    const session = await auth.createSession('ana');
    const { token } = await auth.createToken('ana');
    await auth.setPassword('ana', 'another long passphrase');
    expect(await auth.authenticate(session.token)).toBeNull();
    expect((await auth.authenticate(token))?.user.name).toBe('ana');
    expect(await auth.verifyPassword('ana', PASSWORD)).toBeNull();
    expect(await auth.verifyPassword('ana', 'another long passphrase')).not.toBeNull();
    await expect(auth.setPassword('nobody', PASSWORD)).rejects.toThrow(UnknownUserError);
  });

  it('an unknown name costs a password check too (timing does not tell which names exist)', async () => {
    const auth = await AuthStore.open(dir);
    await auth.addUser('ana', 'viewer', PASSWORD);
    await auth.verifyPassword('nobody', PASSWORD); // the dummy hash is made once per process
    // Counted, not timed: each check is one scrypt run with the same cost parameters, whether the
    // name exists or not (an unknown name answered without one would give names away by speed).
    const runs = async (name: string) => {
      scryptRuns.length = 0;
      expect(await auth.verifyPassword(name, 'wrong password!')).toBeNull();
      return [...scryptRuns];
    };
    const known = await runs('ana');
    const unknown = await runs('nobody');
    expect(known).toHaveLength(1);
    expect(unknown).toEqual(known);
  });
});

describe('AuthStore tokens and sessions', () => {
  it('an API token authenticates until revoked, by id or by the token itself', async () => {
    const auth = await AuthStore.open(dir);
    await auth.addUser('ana', 'analyst', PASSWORD);
    const first = await auth.createToken('ana', 'nightly import');
    const second = await auth.createToken('ana');
    expect(first.token).toMatch(/^pandu_[A-Za-z0-9_-]{43}$/);
    expect(await auth.authenticate(first.token)).toEqual({
      user: { name: 'ana', role: 'analyst', createdAt: expect.any(String) },
      via: 'token',
      tokenId: first.id,
      tokenLabel: 'nightly import',
    });
    expect((await auth.listTokens()).map((t) => [t.id, t.label])).toEqual([
      [first.id, 'nightly import'],
      [second.id, null],
    ]);
    await auth.revokeToken(first.id);
    await auth.revokeToken(second.token);
    expect(await auth.authenticate(first.token)).toBeNull();
    expect(await auth.authenticate(second.token)).toBeNull();
    expect(await auth.listTokens()).toEqual([]);
    await expect(auth.revokeToken(first.id)).rejects.toThrow(UnknownTokenError);
    // The message never repeats a token.
    await expect(auth.revokeToken(second.token)).rejects.toThrow('unknown token: pandu_…');
    await expect(auth.createToken('nobody')).rejects.toThrow(UnknownUserError);
  });

  it('a session lasts its time and ends at logout', async () => {
    let now = Date.parse('2026-12-01T08:00:00Z');
    const auth = await AuthStore.open(dir, { sessionTtlMs: 60_000, now: () => now });
    await auth.addUser('ana', 'viewer', PASSWORD);
    const session = await auth.createSession('ana');
    expect(session.expiresAt).toBe('2026-12-01T08:01:00.000Z');
    expect((await auth.authenticate(session.token))?.via).toBe('session');
    now += 59_999;
    expect(await auth.authenticate(session.token)).not.toBeNull();
    now += 1;
    expect(await auth.authenticate(session.token)).toBeNull();
    const other = await auth.createSession('ana');
    await auth.endSession(other.token);
    expect(await auth.authenticate(other.token)).toBeNull();
    await auth.endSession('not a session'); // not an error
    // Expired sessions are dropped from the file at the next write.
    const stored = JSON.parse(readFileSync(join(dir, 'auth.json'), 'utf8')) as {
      sessions: unknown[];
    };
    expect(stored.sessions).toEqual([]);
  });

  it('removing a user ends their sessions and revokes their tokens', async () => {
    const auth = await AuthStore.open(dir);
    await auth.addUser('ana', 'admin', PASSWORD);
    const session = await auth.createSession('ana');
    const { token } = await auth.createToken('ana');
    expect(await auth.removeUser('ana')).toEqual({ sessionsEnded: 1, tokensRevoked: 1 });
    expect(await auth.authenticate(session.token)).toBeNull();
    expect(await auth.authenticate(token)).toBeNull();
    expect(await auth.listTokens()).toEqual([]);
    // Back under the same name, the old secrets still do not work.
    await auth.addUser('ana', 'admin', PASSWORD);
    expect(await auth.authenticate(token)).toBeNull();
  });

  it('a revocation by another instance (another process) holds at the next call', async () => {
    const server = await AuthStore.open(dir);
    const cli = await AuthStore.open(dir);
    await cli.addUser('ana', 'analyst', PASSWORD);
    const { token, id } = await cli.createToken('ana');
    expect((await server.authenticate(token))?.user.name).toBe('ana');
    await cli.revokeToken(id);
    expect(await server.authenticate(token)).toBeNull();
  });

  it('refuses empty and oversized bearers without looking them up', async () => {
    const auth = await AuthStore.open(dir);
    expect(await auth.authenticate('')).toBeNull();
    expect(await auth.authenticate('x'.repeat(10_000))).toBeNull();
  });
});

describe('AuthStore file and lock', () => {
  it('writers in several processes at once lose nothing', async () => {
    const fixture = new URL('./add-users.fixture.ts', import.meta.url).pathname;
    const run = (prefix: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir, prefix, '3'], {
          stdio: ['pipe', 'inherit', 'inherit'],
        });
        child.stdin.end(`${PASSWORD}\n`);
        child.on('exit', resolve);
      });
    const codes = await Promise.all(['p', 'q', 'r', 's'].map(run));
    expect(codes).toEqual([0, 0, 0, 0]);
    const auth = await AuthStore.open(dir);
    expect((await auth.listUsers()).length).toBe(12);
    expect(readFileSync(join(dir, 'auth.json'), 'utf8')).toContain('"s-2"');
  });

  it('takes over a lock left by a dead process', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(
      join(dir, 'auth.lock'),
      JSON.stringify({
        pid: dead,
        host: hostname(),
        startedAt: '2026-01-01T00:00:00Z',
        nonce: 'x',
      }),
    );
    const auth = await AuthStore.open(dir, { lockTimeoutMs: 2_000 });
    await auth.addUser('ana', 'viewer', PASSWORD);
    expect((await auth.listUsers()).map((u) => u.name)).toEqual(['ana']);
  });

  it('waits for a live holder and then names it', async () => {
    writeFileSync(
      join(dir, 'auth.lock'),
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        startedAt: '2026-01-01T00:00:00Z',
        nonce: 'x',
      }),
    );
    const auth = await AuthStore.open(dir, { lockTimeoutMs: 200 });
    const error = await auth.addUser('ana', 'viewer', PASSWORD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthLockedError);
    expect((error as Error).message).toContain(`process ${process.pid} on ${hostname()}`);
  });

  it('refuses a damaged auth.json instead of starting empty', async () => {
    writeFileSync(join(dir, 'auth.json'), '{"format":1,"users":[{"name":"ana"}');
    await expect(AuthStore.open(dir)).rejects.toThrow(AuthFileError);
    writeFileSync(join(dir, 'auth.json'), '{"format":2}');
    await expect(AuthStore.open(dir)).rejects.toThrow(/is not a pandu auth file/);
  });
});
