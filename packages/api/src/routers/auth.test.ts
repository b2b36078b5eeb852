import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthStore } from '@pandu/db';
import { toAuthUser, type AuthUser } from '../auth-user.js';
import type { Context } from '../context.js';
import { createCaller } from '../create-caller.js';
import { emptyApiTestContext } from '../testing/api-test-context.js';

const PASSWORD = 'correct horse battery';

describe('auth and users routers', () => {
  let t: Awaited<ReturnType<typeof emptyApiTestContext>>;
  let dir: string;
  let auth: AuthStore;
  beforeAll(async () => {
    t = await emptyApiTestContext();
    dir = mkdtempSync(join(tmpdir(), 'pandu-api-auth-'));
    auth = await AuthStore.open(dir);
    await auth.addUser('ana', 'analyst', PASSWORD);
    await auth.addUser('root', 'admin', PASSWORD);
    await auth.addUser('vera', 'viewer', PASSWORD);
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A caller as the HTTP server builds one: the bearer resolved to a user. */
  async function callerFor(bearer: string | null, extra: Partial<Context> = {}) {
    const found = bearer ? await auth.authenticate(bearer) : null;
    const user: AuthUser | null = found ? toAuthUser(found) : null;
    return createCaller({ ...t.ctx, auth, user, bearer, clientAddress: '10.0.0.1', ...extra });
  }

  async function codeOf(call: Promise<unknown>): Promise<string> {
    const error = await call.then(
      () => null,
      (e: unknown) => e,
    );
    return error instanceof TRPCError ? error.code : `no error: ${String(error)}`;
  }

  it('logs in, knows who is logged in, and logs out', async () => {
    const anonymous = await callerFor(null);
    expect(await anonymous.auth.me()).toBeNull();
    const login = await anonymous.auth.login({ name: 'ana', password: PASSWORD });
    expect(login.user).toEqual({ name: 'ana', role: 'analyst' });
    expect(Date.parse(login.expiresAt) - Date.now()).toBeGreaterThan(11.9 * 3600_000);
    const ana = await callerFor(login.token);
    expect(await ana.auth.me()).toEqual({ name: 'ana', role: 'analyst' });
    expect(await ana.auth.logout()).toEqual({ ended: true });
    expect(await auth.authenticate(login.token)).toBeNull();
    expect(await anonymous.auth.logout()).toEqual({ ended: false });
  });

  it('a wrong password and an unknown name get the same answer', async () => {
    const anonymous = await callerFor(null, { clientAddress: '10.0.0.2' });
    const wrong = await anonymous.auth
      .login({ name: 'vera', password: 'not the password' })
      .catch((e: unknown) => e);
    const unknown = await anonymous.auth
      .login({ name: 'nobody', password: PASSWORD })
      .catch((e: unknown) => e);
    for (const error of [wrong, unknown]) {
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe('UNAUTHORIZED');
      expect((error as TRPCError).message).toBe('wrong name or password');
    }
  });

  it('the sixth failed login for an account within 15 minutes is TOO_MANY_REQUESTS, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      // Each from another address: the account's count alone trips the limit.
      const caller = await callerFor(null, { clientAddress: `10.1.0.${i}` });
      expect(await codeOf(caller.auth.login({ name: 'root', password: `guess number ${i}` }))).toBe(
        'UNAUTHORIZED',
      );
    }
    const caller = await callerFor(null, { clientAddress: '10.1.1.1' });
    const refused = await caller.auth
      .login({ name: 'root', password: PASSWORD })
      .catch((e: unknown) => e);
    expect((refused as TRPCError).code).toBe('TOO_MANY_REQUESTS');
    expect((refused as TRPCError).message).toMatch(
      /^too many failed logins; try again in (8\d\d|900) s$/,
    );
  });

  it('five failures from one address block it for every account; parallel guesses are all counted', async () => {
    const caller = await callerFor(null, { clientAddress: '10.2.0.1' });
    const codes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        codeOf(caller.auth.login({ name: `user${i}`, password: 'a guessed password' })),
      ),
    );
    expect(codes.filter((c) => c === 'UNAUTHORIZED').length).toBe(5);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS').length).toBe(3);
    expect(await codeOf(caller.auth.login({ name: 'vera', password: PASSWORD }))).toBe(
      'TOO_MANY_REQUESTS',
    );
  });

  it('users.list: 401 anonymous, 403 below admin, the users without hashes for an admin', async () => {
    const anonymous = await callerFor(null);
    expect(await codeOf(anonymous.users.list())).toBe('UNAUTHORIZED');
    for (const name of ['vera', 'ana']) {
      const { token } = await auth.createSession(name);
      const caller = await callerFor(token);
      const error = await caller.users.list().catch((e: unknown) => e);
      expect((error as TRPCError).code).toBe('FORBIDDEN');
      expect((error as TRPCError).message).toMatch(
        /^this needs the role admin or higher; you are (viewer|analyst)$/,
      );
    }
    const { token } = await auth.createToken('root', 'script');
    const admin = await callerFor(token);
    const users = await admin.users.list();
    expect(users.map((u) => `${u.name}:${u.role}`)).toEqual([
      'ana:analyst',
      'root:admin',
      'vera:viewer',
    ]);
    expect(JSON.stringify(users)).not.toContain('scrypt');
  });

  it('with reading not public, an anonymous read is 401 and a logged-in read answers; login and health stay open', async () => {
    const anonymous = await callerFor(null, { publicRead: false });
    expect(await codeOf(anonymous.framework.get())).toBe('UNAUTHORIZED');
    expect(await codeOf(anonymous.regions.children({}))).toBe('UNAUTHORIZED');
    expect(await anonymous.auth.policy()).toEqual({ publicRead: false, logins: true });
    expect((await anonymous.health()).file).toBe(':memory:');
    const login = await anonymous.auth.login({ name: 'vera', password: PASSWORD });
    const vera = await callerFor(login.token, { publicRead: false });
    expect(await vera.framework.get()).toBeTruthy();
    expect(await vera.regions.children({})).toEqual([]);
    // Public by default.
    expect(await (await callerFor(null)).framework.get()).toBeTruthy();
  });

  it('a server without a user store answers login with NOT_IMPLEMENTED', async () => {
    const caller = createCaller(t.ctx);
    expect(await codeOf(caller.auth.login({ name: 'ana', password: PASSWORD }))).toBe(
      'NOT_IMPLEMENTED',
    );
    expect(await caller.auth.policy()).toEqual({ publicRead: true, logins: false });
  });
});
