import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PANDU_BIN, seededCopy, startServe, type ServeProcess } from './serve-process.js';

// Users on real processes (issue 10): `pandu serve` with PANDU_PUBLIC=false on a data directory,
// the users and tokens made and revoked by the `pandu` CLI in other processes while it serves.
const run = promisify(execFile);

async function pandu(args: string[], stdin?: string): Promise<string> {
  const child = run(process.execPath, [PANDU_BIN, ...args], {
    env: { ...process.env, CI: 'true' },
  });
  if (stdin !== undefined) child.child.stdin?.end(stdin);
  return (await child).stdout;
}

describe('pandu serve with PANDU_PUBLIC=false and the users CLI', () => {
  let copy: Awaited<ReturnType<typeof seededCopy>>;
  let serve: ServeProcess;
  beforeAll(async () => {
    copy = await seededCopy();
    serve = await startServe(copy.db, {
      args: ['--data', copy.dir],
      env: { PANDU_PUBLIC: 'false', PANDU_SESSION_HOURS: '1' },
    });
  });
  afterAll(async () => {
    serve?.kill();
    await serve?.exited;
    await copy?.cleanup();
  });

  it('refuses anonymous reads, serves a token made by the CLI, and refuses it once the CLI revokes it', async () => {
    const read = `${serve.url}/trpc/regions.get?input=${encodeURIComponent('{"code":"35.05"}')}`;
    expect((await fetch(read)).status).toBe(401);
    // The load balancer's checks stay open.
    expect((await fetch(`${serve.url}/trpc/health`)).status).toBe(200);

    await pandu(
      ['users', 'add', 'ana', '--role', 'viewer', '--data', copy.dir],
      'a long passphrase\n',
    );
    const token = (await pandu(['tokens', 'create', '--user', 'ana', '--data', copy.dir])).trim();
    const withToken = { headers: { authorization: `Bearer ${token}` } };
    const ok = await fetch(read, withToken);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('private, max-age=60');

    const id = /tok_[0-9a-f]+/.exec(await pandu(['tokens', 'list', '--data', copy.dir]))?.[0] ?? '';
    await pandu(['tokens', 'revoke', id, '--data', copy.dir]);
    const revoked = await fetch(read, withToken);
    expect(revoked.status).toBe(401);
    expect(await revoked.text()).not.toMatch(/\n\s+at /);
  });

  it('a login session lasts PANDU_SESSION_HOURS and ends when the CLI removes the user', async () => {
    const login = await fetch(`${serve.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ana', password: 'a long passphrase' }),
    });
    expect(login.status).toBe(200);
    const { token, expiresAt } = (
      (await login.json()) as { result: { data: { token: string; expiresAt: string } } }
    ).result.data;
    expect(Math.abs(Date.parse(expiresAt) - Date.now() - 3_600_000)).toBeLessThan(60_000);
    const me = `${serve.url}/trpc/auth.me`;
    expect((await fetch(me, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await pandu(['users', 'remove', 'ana', '--data', copy.dir]);
    expect((await fetch(me, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });
});
