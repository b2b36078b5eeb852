import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthStore } from '@pandu/db';

// The real command line in a child process, as an operator runs it.
const bin = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/pandu.js');

/** Run pandu with `stdin` piped in; the environment never carries a password unless given. */
function pandu(
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const { PANDU_PASSWORD: _drop, ...env } = process.env;
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...env, CI: 'true', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.end(options.stdin ?? '');
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('pandu users', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pandu-users-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('adds users with the password from stdin or PANDU_PASSWORD, lists them, changes a password, removes one', async () => {
    const piped = await pandu(['users', 'add', 'ana', '--role', 'analyst', '--data', dir], {
      stdin: 'a long passphrase\nignored second line\n',
    });
    expect(piped).toMatchObject({ code: 0, stdout: 'added user ana (analyst)\n' });
    const fromEnv = await pandu(['users', 'add', 'root', '--role', 'admin', '--data', dir], {
      env: { PANDU_PASSWORD: 'the admin passphrase' },
    });
    expect(fromEnv.code).toBe(0);
    const auth = await AuthStore.open(dir);
    expect((await auth.verifyPassword('ana', 'a long passphrase'))?.role).toBe('analyst');
    expect((await auth.verifyPassword('root', 'the admin passphrase'))?.role).toBe('admin');

    const list = await pandu(['users', 'list', '--json', '--data', dir]);
    expect(
      (JSON.parse(list.stdout) as Array<{ name: string; role: string }>).map(
        (u) => `${u.name}:${u.role}`,
      ),
    ).toEqual(['ana:analyst', 'root:admin']);
    expect(list.stdout).not.toContain('scrypt');

    const session = await auth.createSession('ana');
    const passwd = await pandu(['users', 'passwd', 'ana', '--data', dir], {
      stdin: 'a new passphrase!\n',
    });
    expect(passwd.code).toBe(0);
    expect(await auth.authenticate(session.token)).toBeNull();
    expect(await auth.verifyPassword('ana', 'a new passphrase!')).not.toBeNull();

    const { token } = await auth.createToken('ana');
    const removed = await pandu(['users', 'remove', 'ana', '--data', dir]);
    expect(removed.stdout).toBe('removed user ana; ended 0 session(s), revoked 1 token(s)\n');
    expect(await auth.authenticate(token)).toBeNull();
    // No secret went into the file.
    const file = await readFile(join(dir, 'auth.json'), 'utf8');
    for (const secret of ['a long passphrase', 'a new passphrase!', 'the admin passphrase', token])
      expect(file).not.toContain(secret);
  });

  it('refuses with one line and no stack: short password, bad role, bad name, no password, unknown user', async () => {
    const cases: Array<[string[], string, number, RegExp]> = [
      [
        ['users', 'add', 'budi', '--role', 'viewer'],
        'short\n',
        1,
        /^pandu: the password must be at least 10 characters long\n$/,
      ],
      [
        ['users', 'add', 'budi', '--role', 'root'],
        'long enough pw\n',
        2,
        /^pandu: --role must be viewer, analyst or admin, got "root"\n$/,
      ],
      [
        ['users', 'add', 'Budi', '--role', 'viewer'],
        'long enough pw\n',
        1,
        /^pandu: user name: must be 2-32 characters/,
      ],
      [
        ['users', 'add', 'budi', '--role', 'viewer'],
        '',
        2,
        /^pandu: no password: give it on stdin \(one line\) or in PANDU_PASSWORD\n$/,
      ],
      [['users', 'add', 'budi'], '', 2, /^pandu: users add needs --role/],
      [['users', 'remove', 'nobody'], '', 1, /^pandu: unknown user: nobody\n$/],
      [['users', 'passwd', 'nobody'], 'long enough pw\n', 1, /^pandu: unknown user: nobody\n$/],
      [['users', 'frob', 'x'], '', 2, /^pandu: users: expected add\|list\|remove\|passwd/],
    ];
    for (const [args, stdin, code, message] of cases) {
      const r = await pandu([...args, '--data', dir], { stdin });
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      // A password never appears in what pandu prints.
      expect(r.stdout + r.stderr).not.toContain('long enough pw');
    }
  });
});

describe('pandu tokens', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pandu-tokens-'));
    const auth = await AuthStore.open(dir);
    await auth.addUser('ana', 'analyst', 'a long passphrase');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates a token printed once and alone on stdout, lists it without the secret, revokes it', async () => {
    const created = await pandu([
      'tokens',
      'create',
      '--user',
      'ana',
      '--label',
      'nightly',
      '--data',
      dir,
    ]);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^pandu_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/shown this once/);
    const auth = await AuthStore.open(dir);
    const found = await auth.authenticate(token);
    expect(found?.user.name).toBe('ana');

    const list = await pandu(['tokens', 'list', '--data', dir]);
    expect(list.stdout).toContain(`${found?.tokenId}  ana`);
    expect(list.stdout).toContain('nightly');
    expect(list.stdout).not.toContain(token);

    const revoked = await pandu(['tokens', 'revoke', found?.tokenId ?? '', '--data', dir]);
    expect(revoked).toMatchObject({ code: 0, stdout: `revoked token ${found?.tokenId} of ana\n` });
    expect(await auth.authenticate(token)).toBeNull();
    const again = await pandu(['tokens', 'revoke', found?.tokenId ?? '', '--data', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`pandu: unknown token: ${found?.tokenId}\n`);
  });

  it('needs --user to create, and knows no other action', async () => {
    expect((await pandu(['tokens', 'create', '--data', dir])).stderr).toBe(
      'pandu: tokens create needs --user NAME\n',
    );
    expect((await pandu(['tokens', 'create', '--user', 'nobody', '--data', dir])).stderr).toBe(
      'pandu: unknown user: nobody\n',
    );
    expect((await pandu(['tokens', 'burn', '--data', dir])).code).toBe(2);
    const long = await pandu([
      'tokens',
      'create',
      '--user',
      'ana',
      '--label',
      'x'.repeat(101),
      '--data',
      dir,
    ]);
    expect(long).toMatchObject({
      code: 2,
      stderr: 'pandu: --label must be at most 100 characters, got 101\n',
    });
  });
});
