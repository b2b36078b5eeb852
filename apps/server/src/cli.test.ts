import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real command line in a child process, as a user runs it: exit codes, stdout, stderr.
const bin = resolve(dirname(fileURLToPath(import.meta.url)), '../bin/pandu.js');
const run = promisify(execFile);

async function pandu(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, CI: 'true', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('pandu command line', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pandu-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints help for the program and for each command', async () => {
    const main = await pandu(['--help']);
    expect(main.code).toBe(0);
    for (const command of ['seed', 'import', 'export', 'serve']) {
      expect(main.stdout).toContain(command);
    }
    const seed = await pandu(['seed', '--help']);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toContain('--provinces');
    expect(seed.stdout).toContain('SYNTHETIC');
  });

  it('rejects bad arguments with one clear line and exit code 2, no stack trace', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /Usage: pandu <command>/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['seed', '--bogus'], /Unknown option '--bogus'/],
      [['seed', '--seed', 'abc'], /--seed must be a whole number, got "abc"/],
    ];
    for (const [args, message] of cases) {
      const r = await pandu(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout + r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('seeds a one-province database, refuses to overwrite it, and reports a bad province', async () => {
    const db = join(dir, 'small.duckdb');
    const first = await pandu(['seed', '--db', db, '--provinces', '75']);
    expect(first.stderr).toMatch(/seed: .* villages, .* synthetic observations/);
    expect(first.code).toBe(0);
    expect(existsSync(db)).toBe(true);
    expect(existsSync(`${db}.partial`)).toBe(false);

    const again = await pandu(['seed', '--db', db, '--provinces', '75']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists: use --force');

    const bad = join(dir, 'bad.duckdb');
    const unknown = await pandu(['seed', '--db', bad, '--provinces', '99']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('pandu: unknown province code: 99');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    // Nothing half-built is left under either name.
    expect(existsSync(bad)).toBe(false);
    expect(existsSync(`${bad}.partial`)).toBe(false);
  });

  it('takes the database from PANDU_DB when --db is not given', async () => {
    const db = join(dir, 'from-env.duckdb');
    const r = await pandu(['seed', '--provinces', '75'], { PANDU_DB: db });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(db);
    expect(existsSync(db)).toBe(true);
  });
});
