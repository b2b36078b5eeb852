import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '@pandu/api';
import { emptyApiTestContext } from '@pandu/api/testing';
import { AuthStore } from '@pandu/db';
import { createApiServer, DEFAULT_LIMITS } from './http-server.js';

// Users, roles and tokens over real HTTP (issue 10, "Done when"): the API in this process on
// 127.0.0.1, its user store in a temporary data directory that the real `pandu` CLI (another
// process) changes too.
const PASSWORD = 'correct horse battery';
const bin = resolve(dirname(fileURLToPath(import.meta.url)), '../bin/pandu.js');

interface ErrorBody {
  error: {
    message: string;
    data: { code: string; httpStatus: number; retryAfterSeconds?: number };
  };
}

async function listen(ctx: Context): Promise<{ server: Server; base: string }> {
  const server = createApiServer(ctx, DEFAULT_LIMITS, undefined, {
    corsOrigins: ['https://partner.example'],
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('users, roles and tokens over HTTP', () => {
  let t: Awaited<ReturnType<typeof emptyApiTestContext>>;
  let dir: string;
  let auth: AuthStore;
  let open: { server: Server; base: string };
  let closed: { server: Server; base: string };
  const sessions: Record<string, string> = {};

  beforeAll(async () => {
    t = await emptyApiTestContext();
    dir = mkdtempSync(join(tmpdir(), 'pandu-http-auth-'));
    auth = await AuthStore.open(dir);
    for (const [name, role] of [
      ['vera', 'viewer'],
      ['ana', 'analyst'],
      ['root', 'admin'],
    ] as const) {
      await auth.addUser(name, role, PASSWORD);
      sessions[name] = (await auth.createSession(name)).token;
    }
    open = await listen({ ...t.ctx, auth, publicRead: true });
    closed = await listen({ ...t.ctx, auth, publicRead: false });
  });
  afterAll(async () => {
    for (const s of [open, closed]) {
      s?.server.closeAllConnections();
      await new Promise((done) => s?.server.close(done));
    }
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const bearer = (token: string | undefined) => ({ authorization: `Bearer ${token ?? ''}` });

  async function login(
    base: string,
    name: string,
    password: string,
    headers: Record<string, string> = {},
  ) {
    return fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ name, password }),
    });
  }

  it('an admin procedure: no credentials 401, viewer and analyst 403, admin 200 without hashes', async () => {
    const url = `${open.base}/trpc/users.list`;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    const body = (await anonymous.json()) as ErrorBody;
    expect(body.error.data.code).toBe('UNAUTHORIZED');
    expect(body.error.message).toMatch(/^log in first/);
    for (const name of ['vera', 'ana']) {
      const res = await fetch(url, { headers: bearer(sessions[name]) });
      expect(res.status, name).toBe(403);
      expect(((await res.json()) as ErrorBody).error.message).toMatch(/needs the role admin/);
    }
    const admin = await fetch(url, { headers: bearer(sessions.root) });
    expect(admin.status).toBe(200);
    const text = await admin.text();
    expect(text).not.toContain('scrypt');
    expect(
      (JSON.parse(text) as { result: { data: Array<{ name: string }> } }).result.data.map(
        (u) => u.name,
      ),
    ).toEqual(['ana', 'root', 'vera']);
    // An answer about the one who asks is stored by no cache.
    expect(admin.headers.get('cache-control')).toBe('no-store');
    expect(admin.headers.get('etag')).toBeNull();
  });

  it('an unknown, malformed or expired bearer is 401 in JSON, never served as anonymous', async () => {
    for (const authorization of [
      'Bearer pandu_notatoken',
      'Basic YW5hOnB3',
      'Bearer',
      'Bearer a b',
    ]) {
      const res = await fetch(`${open.base}/trpc/framework.get`, { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.headers.get('content-type')).toBe('application/json');
      const text = await res.text();
      expect(text).not.toMatch(/\n\s+at |\.ts:\d+/);
      expect((JSON.parse(text) as ErrorBody).error.data.code).toBe('UNAUTHORIZED');
    }
  });

  it('logs in over HTTP, is known by auth.me, and logs out', async () => {
    const res = await login(open.base, 'ana', PASSWORD, { 'x-forwarded-for': '198.51.100.1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { token, user } = (
      (await res.json()) as { result: { data: { token: string; user: unknown } } }
    ).result.data;
    expect(user).toEqual({ name: 'ana', role: 'analyst' });
    const me = await fetch(`${open.base}/trpc/auth.me`, { headers: bearer(token) });
    expect(((await me.json()) as { result: { data: unknown } }).result.data).toEqual({
      name: 'ana',
      role: 'analyst',
    });
    expect(me.headers.get('cache-control')).toBe('no-store');
    const logout = await fetch(`${open.base}/trpc/auth.logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(token) },
    });
    expect(((await logout.json()) as { result: { data: unknown } }).result.data).toEqual({
      ended: true,
    });
    expect((await fetch(`${open.base}/trpc/auth.me`, { headers: bearer(token) })).status).toBe(401);
  });

  it('refuses a write from another site (403), a form POST included, and lets same-origin and listed origins write', async () => {
    const cases: Array<[Record<string, string>, number]> = [
      [{ origin: 'https://evil.example' }, 403],
      [{ origin: 'null' }, 403],
      [{ 'sec-fetch-site': 'cross-site' }, 403],
      [{ origin: open.base }, 401], // same origin: on to the password check (wrong password)
      [{ origin: 'https://partner.example', 'sec-fetch-site': 'cross-site' }, 401], // listed
      [{}, 401], // no Origin: curl, a script, the dashboard's server
    ];
    for (const [headers, status] of cases) {
      const res = await login(open.base, 'vera', 'wrong password', {
        ...headers,
        'x-forwarded-for': '198.51.100.2',
      });
      expect(res.status, JSON.stringify(headers)).toBe(status);
      if (status === 403) {
        expect(((await res.json()) as ErrorBody).error.data.code).toBe('FORBIDDEN');
      }
    }
    // A plain HTML form posted cross-site, as a forgery would be.
    const form = await fetch(`${open.base}/trpc/auth.logout`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        ...bearer(sessions.root),
      },
      body: 'a=1',
    });
    expect(form.status).toBe(403);
    expect(await auth.authenticate(sessions.root ?? '')).not.toBeNull();
  });

  it('a login brute force gets 429 TOO_MANY_REQUESTS naming when to retry', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await login(open.base, 'root', `guess ${i} of many`, {
        'x-forwarded-for': `203.0.113.${i}`,
      });
      statuses.push(res.status);
      if (res.status === 429) {
        const body = (await res.json()) as ErrorBody;
        expect(body.error.data.code).toBe('TOO_MANY_REQUESTS');
        expect(body.error.data.retryAfterSeconds).toBeGreaterThan(800);
        expect(body.error.message).toBe(
          `too many failed logins; try again in ${body.error.data.retryAfterSeconds} s`,
        );
      }
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // The right password does not get through either, until the window has passed.
    expect(
      (await login(open.base, 'root', PASSWORD, { 'x-forwarded-for': '203.0.113.99' })).status,
    ).toBe(429);
    // One address guessing many accounts is stopped too.
    const byAddress: number[] = [];
    for (let i = 0; i < 6; i++) {
      byAddress.push(
        (
          await login(open.base, `user${i}`, 'a guessed password', {
            'x-forwarded-for': '192.0.2.9',
          })
        ).status,
      );
    }
    expect(byAddress).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('an API token revoked by the pandu CLI in another process stops working at the next request', async () => {
    const { token, id } = await auth.createToken('ana', 'test');
    const url = `${open.base}/trpc/auth.me`;
    expect((await fetch(url, { headers: bearer(token) })).status).toBe(200);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, 'tokens', 'revoke', id, '--data', dir],
      {
        env: { ...process.env, CI: 'true' },
      },
    );
    expect(stdout).toBe(`revoked token ${id} of ana\n`);
    const after = await fetch(url, { headers: bearer(token) });
    expect(after.status).toBe(401);
    expect(((await after.json()) as ErrorBody).error.message).toBe(
      'the token is unknown, expired or revoked; log in again',
    );
  });

  it('PANDU_PUBLIC=false: an anonymous read is 401, a logged-in read 200 (private to the browser); login and health stay open', async () => {
    const read = `${closed.base}/trpc/framework.get`;
    const anonymous = await fetch(read);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as ErrorBody).error.message).toBe(
      "log in first: reading this server's data needs a user",
    );
    expect((await fetch(`${closed.base}/export/csv`)).status).toBe(401);
    expect((await fetch(`${closed.base}/trpc/health`)).status).toBe(200);
    const policy = await fetch(`${closed.base}/trpc/auth.policy`);
    expect(((await policy.json()) as { result: { data: unknown } }).result.data).toEqual({
      publicRead: false,
      logins: true,
    });
    const res = await login(closed.base, 'vera', PASSWORD, { 'x-forwarded-for': '198.51.100.3' });
    const { token } = ((await res.json()) as { result: { data: { token: string } } }).result.data;
    const loggedIn = await fetch(read, { headers: bearer(token) });
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.headers.get('cache-control')).toBe('private, max-age=60');
    // Public by default: the same read anonymously, cacheable by anyone.
    const publicRead = await fetch(`${open.base}/trpc/framework.get`);
    expect(publicRead.status).toBe(200);
    expect(publicRead.headers.get('cache-control')).toBe('public, max-age=60');
  });
});
