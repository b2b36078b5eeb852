import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// seed, import, export, versions and rollback on a data directory, through the built command line
// in a child process as a user runs it. DKI Jakarta (31) is the smallest province to seed.

const bin = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/pandu.js');
const run = promisify(execFile);

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function pandu(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<Ran> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', ...options.env };
  // The tests say where the data are; an outer PANDU_DATA or PANDU_DB must not.
  if (!options.env?.PANDU_DATA) delete env.PANDU_DATA;
  if (!options.env?.PANDU_DB) delete env.PANDU_DB;
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env,
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const VILLAGE = '31.71.01.1001';

interface VersionJson {
  version: number;
  current: boolean;
  action: string;
  actor: { kind: string; name: string };
  fileName: string | null;
  fileSha256: string | null;
  versionSha256: string;
  rowsAccepted: number;
  rowsReplaced: number;
  file: string | null;
  rows: Record<string, number>;
}

async function versionsOf(dir: string): Promise<VersionJson[]> {
  const r = await pandu(['versions', '--data', dir, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as VersionJson[];
}

describe('pandu on a data directory', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pandu-data-cli-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('seeds, imports, lists, rolls back and exports, each write a new version', async () => {
    const dir = join(root, 'data');
    const seeded = await pandu(['seed', '--data', dir, '--provinces', '31']);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toBe('1\n');
    expect(seeded.stderr).toMatch(/^seed: copying \(0\/18, /m);
    expect(seeded.stderr).toMatch(/^seed: publishing \(17\/18, /m);
    expect(seeded.stderr).toMatch(
      /seed: 267 villages, .* -> version 1 of .* \(versions\/v000001\.duckdb\)/,
    );

    const again = await pandu(['seed', '--data', dir, '--provinces', '31']);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      `pandu: ${dir} already holds version 1: use --force to publish a new seed as version 2 (earlier versions are kept for rollback), or --data for another directory`,
    );

    // --force publishes beside version 1: its file, which a server may have open, is untouched.
    const v1 = join(dir, 'versions', 'v000001.duckdb');
    const before = { inode: statSync(v1).ino, sha: sha256(v1) };
    const forced = await pandu(['seed', '--data', dir, '--provinces', '31', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toBe('2\n');
    expect({ inode: statSync(v1).ino, sha: sha256(v1) }).toEqual(before);

    const good = join(root, 'good.csv');
    writeFileSync(good, `village_code,year,indicator,value\n${VILLAGE},2024,digital_skills,1.25\n`);
    const imported = await pandu(['import', good, '--data', dir, '--replace']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe('3\n');
    for (const step of [
      'copying',
      'reading',
      'indexing',
      'figures',
      'checkpointing',
      'verifying',
      'hashing',
      'publishing',
    ]) {
      expect(imported.stderr).toMatch(new RegExp(`^import: ${step} \\(\\d+/11, `, 'm'));
    }
    expect(imported.stderr).toMatch(
      /import: 1 values from good\.csv \(csv\), 1 replaced, .*; published as version 3 of /,
    );

    const bad = join(root, 'bad.csv');
    writeFileSync(bad, `village_code,year,indicator,value\n${VILLAGE},2024,digital_ethics,7\n`);
    const pointer = readFileSync(join(dir, 'CURRENT'), 'utf8');
    const rejected = await pandu(['import', bad, '--data', dir, '--replace']);
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toBe('');
    expect(rejected.stderr).toContain(
      'bad.csv: 1 rejected, nothing imported (version 3 stays current)',
    );
    expect(rejected.stderr).toContain('row 2, column value: "7" is outside the valid range');
    expect(readFileSync(join(dir, 'CURRENT'), 'utf8')).toBe(pointer);

    const versions = await versionsOf(dir);
    const me = userInfo().username;
    expect(versions.map((v) => [v.version, v.action, v.actor.name, v.current])).toEqual([
      [1, 'seed', me, false],
      [2, 'seed', me, false],
      [3, 'import-observations', me, true],
    ]);
    expect(versions[2]).toMatchObject({
      fileName: 'good.csv',
      fileSha256: sha256(good),
      rowsAccepted: 1,
      rowsReplaced: 1,
      file: 'versions/v000003.duckdb',
      versionSha256: sha256(join(dir, 'versions', 'v000003.duckdb')),
    });
    expect(versions[2]?.rows.audit_log).toBe(3);
    const table = await pandu(['versions', '--data', dir]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^ +version +published \(UTC\) +by +action +file +sha256 +rows +stored +summary$/,
    );
    expect(lines[3]).toMatch(
      new RegExp(
        `^\\* +3 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +${me} \\(os\\) +import-observations +good\\.csv +${sha256(good).slice(0, 12)} +1 / 1 +versions/v000003\\.duckdb +1 values accepted, 1 replaced`,
      ),
    );

    const rolled = await pandu(['rollback', '--data', dir, '2']);
    expect(rolled.code, rolled.stderr).toBe(0);
    expect(rolled.stdout).toBe('4\n');
    expect(rolled.stderr).toContain(
      'rollback: version 4 published: the data of version 2 (was version 3)',
    );

    // export reads the current version (4, the data of 2): the seeded value, not the import's.
    const out = join(root, 'export');
    const exported = await pandu([
      'export',
      '--data',
      dir,
      '--format',
      'csv',
      '--out',
      out,
      '--region',
      VILLAGE,
      '--from',
      '2024',
      '--to',
      '2024',
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/export: .* rows of version 4, /);
    const observations = readFileSync(join(out, 'observations.csv'), 'utf8');
    expect(observations).toMatch(
      new RegExp(`^${VILLAGE.replaceAll('.', '\\.')},2024,digital_skills,[\\d.]+,synthetic$`, 'm'),
    );
    expect(observations).not.toContain('digital_skills,1.25');
    // The audit log is exported and described like every table.
    expect(readFileSync(join(out, 'audit_log.csv'), 'utf8').trim().split('\n')).toHaveLength(5);
    expect(readFileSync(join(out, 'DATA_DICTIONARY.md'), 'utf8')).toContain('### audit_log (');
  });

  it('adopts a data/pandu.duckdb of an earlier install as version 1, in the working directory by default', async () => {
    const cwd = join(root, 'install');
    mkdirSync(cwd);
    const legacy = join(cwd, 'data', 'pandu.duckdb');
    expect((await pandu(['seed', '--db', legacy, '--provinces', '31'])).code).toBe(0);
    const listed = await pandu(['versions'], { cwd });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stderr.trim()).toBe(
      `pandu: adopted ${legacy} as version 1 of ${join(cwd, 'data')}/ (the file is left in place)`,
    );
    expect(listed.stdout).toMatch(/^\* +1 .* adopt +pandu\.duckdb /m);
    expect(existsSync(legacy)).toBe(true);
    // PANDU_DATA names another directory; it is not created by a command that only reads.
    const other = join(root, 'elsewhere');
    const missing = await pandu(['versions'], { cwd, env: { PANDU_DATA: other } });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(
      `pandu: no data directory at ${other}: create one with 'pandu seed --data ${other}'`,
    );
    expect(existsSync(other)).toBe(false);
  });

  it('refuses clearly: a running write, an unknown version, a missing directory, bad arguments', async () => {
    const dir = join(root, 'refusals');
    expect((await pandu(['seed', '--data', dir, '--provinces', '31'])).code).toBe(0);
    const good = join(root, 'refusals.csv');
    writeFileSync(good, `village_code,year,indicator,value\n${VILLAGE},2024,digital_skills,2\n`);

    // A live writer: this test's own process.
    const lock = join(dir, 'write.lock');
    writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, startedAt: '2026-12-05T21:00:00.000Z', host: hostname() }),
    );
    const locked = await pandu(['import', good, '--data', dir, '--replace']);
    expect(locked.code).toBe(1);
    expect(locked.stderr.trim()).toBe(
      `pandu: another write is running on this data directory (pid ${process.pid} on ${hostname()}, since 2026-12-05T21:00:00.000Z); nothing was written: try again when it has finished`,
    );
    const rollbackLocked = await pandu(['rollback', '--data', dir, '1']);
    expect(rollbackLocked.stderr).toContain(
      `another write is running on this data directory (pid ${process.pid}`,
    );
    rmSync(lock);

    const cases: Array<[string[], 1 | 2, string]> = [
      [
        ['rollback', '--data', dir, '7'],
        1,
        'pandu: cannot roll back to version 7: no such version (versions run from 1 to 1)',
      ],
      [
        ['rollback', '--data', dir, '1'],
        1,
        'pandu: cannot roll back to version 1: it is the current version already',
      ],
      [
        ['rollback', '--data', dir, 'latest'],
        2,
        'pandu: VERSION must be a version number (1 or more), got "latest"',
      ],
      [['rollback', '--data', dir], 2, 'pandu: rollback takes one VERSION, got none'],
      [
        ['import', good, '--data', join(root, 'nope')],
        1,
        `pandu: no data directory at ${join(root, 'nope')}: create one with 'pandu seed --data ${join(root, 'nope')}'`,
      ],
      [
        ['import', good, '--data', dir, '--db', join(dir, 'x.duckdb')],
        2,
        'pandu: --data and --db cannot be used together: --data DIR for a data directory of versions, --db FILE for a single database file',
      ],
      [
        ['export', '--data', good, '--format', 'csv', '--out', join(root, 'x')],
        1,
        `pandu: ${good} is a file, not a data directory: use --db ${good} for a single database file`,
      ],
    ];
    for (const [args, code, message] of cases) {
      const r = await pandu(args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr.split('\n')[0], args.join(' ')).toBe(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    // Nothing was published by any of them.
    expect((await versionsOf(dir)).map((v) => v.version)).toEqual([1]);
  });

  it('prints help for versions and rollback', async () => {
    const main = await pandu(['--help']);
    expect(main.stdout).toMatch(/^ {2}versions /m);
    expect(main.stdout).toMatch(/^ {2}rollback /m);
    const versions = await pandu(['versions', '--help']);
    expect(versions.code).toBe(0);
    expect(versions.stdout).toContain('Usage: pandu versions [--data DIR] [--json]');
    const rollback = await pandu(['rollback', '--help']);
    expect(rollback.stdout).toContain('Usage: pandu rollback [--data DIR] VERSION');
  });
});
