import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListeningMessage } from './cli/serve-command.js';

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

  it('imports all or nothing, writes every rejection with --rejects, and exports what it imported', async () => {
    const db = join(dir, 'import.duckdb');
    expect((await pandu(['seed', '--db', db, '--provinces', '75'])).code).toBe(0);
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'village_code,year,indicator,value\n75.01.01.1001,2026,digital_skills,3.5\n75.01.01.1001,2026,digital_ethics,7\n',
    );
    const rejects = join(dir, 'rejects.csv');
    const rejected = await pandu(['import', bad, '--db', db, '--rejects', rejects]);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('bad.csv: 1 rejected, nothing imported');
    expect(rejected.stderr).toContain(
      'row 3, column value: "7" is outside the valid range of digital_ethics',
    );
    expect(readFileSync(rejects, 'utf8')).toMatch(/^row,column,value,reason\r\n3,value,7,/);

    const good = join(dir, 'good.csv');
    writeFileSync(
      good,
      'village_code,year,indicator,value\n75.01.01.1001,2026,digital_skills,3.5\n',
    );
    const imported = await pandu(['import', good, '--db', db]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(
      /import: 1 values from good\.csv \(csv\), 0 replaced, 1 villages re-indexed/,
    );

    const out = join(dir, 'export');
    const exported = await pandu([
      'export',
      '--db',
      db,
      '--format',
      'csv',
      '--out',
      out,
      '--region',
      '75.01.01.1001',
      '--from',
      '2026',
    ]);
    expect(exported.code).toBe(0);
    expect(readFileSync(join(out, 'observations.csv'), 'utf8')).toContain(
      '75.01.01.1001,2026,digital_skills,3.5,imported\n',
    );
    expect(existsSync(join(out, 'DATA_DICTIONARY.md'))).toBe(true);

    const usage: Array<[string[], RegExp]> = [
      [['import', '--db', db], /import takes one FILE, got none/],
      [['export', '--db', db, '--out', out], /--format is required/],
      [
        ['export', '--db', db, '--format', 'xls', '--out', out],
        /--format must be parquet, csv or duckdb, got "xls"/,
      ],
    ];
    for (const [args, message] of usage) {
      const r = await pandu(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const events = join(dir, 'events.csv');
    writeFileSync(
      events,
      'event_id,start_date,end_date,format,sectors,venue_village_code,participants_total,village_count,village_code,organisers\n' +
        'ev-1,2026-03-01,2026-03-02,workshop,umkm,75.01.01.1001,40,1,75.01.01.1001,Komdigi\n',
    );
    const mentoring = await pandu(['import', events, '--kind', 'mentoring', '--db', db]);
    expect(mentoring.code).toBe(0);
    expect(mentoring.stderr).toContain('1 mentoring events from events.csv');
    const again = await pandu(['import', events, '--kind', 'mentoring', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('row 2, column event_id: "ev-1" is already in the database');

    const missing = await pandu(['import', good, '--db', join(dir, 'none.duckdb')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("create one with 'pandu seed' first");
  });

  it('regression: serve refuses a missing --db or PANDU_DB file, creating nothing, unless --create', async () => {
    // A mistyped path used to create its directories and seed 70 MB there, silently.
    const typo = join(dir, 'dat', 'pandu.duckdb');
    const cases: Array<[string[], Record<string, string>]> = [
      [['serve', '--db', typo, '--port', '0'], {}],
      [['serve', '--port', '0'], { PANDU_DB: typo }],
    ];
    for (const [args, env] of cases) {
      const r = await pandu(args, env);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim()).toBe(
        `pandu: no database at ${typo}: create it with 'pandu seed --db ${typo}', or run serve with --create to build the default dataset there`,
      );
      expect(existsSync(dirname(typo)), 'no directory created').toBe(false);
    }
    // A data directory named by --data or PANDU_DATA likewise.
    const typoDir = join(dir, 'dta');
    for (const [args, env] of [
      [['serve', '--data', typoDir, '--port', '0'], {}],
      [['serve', '--port', '0'], { PANDU_DATA: typoDir }],
    ] as Array<[string[], Record<string, string>]>) {
      const r = await pandu(args, env);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim()).toBe(
        `pandu: no data in ${typoDir}: import some with 'pandu seed --data ${typoDir}', or run serve with --create to build the default dataset there`,
      );
      expect(existsSync(typoDir), 'no directory created').toBe(false);
    }
    const both = await pandu(['serve', '--data', typoDir, '--db', typo]);
    expect(both.code).toBe(2);
    expect(both.stderr.trim()).toBe(
      'pandu: serve takes --data DIR (a data directory) or --db FILE (one file), not both',
    );

    // With --create it goes ahead: stopped once it says so, before the 20 s seed is done.
    const child = spawn(process.execPath, [bin, 'serve', '--db', typo, '--create', '--port', '0'], {
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      child.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes(`no database at ${typo}; creating the default dataset`)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`serve --create exited ${code}: ${stderr}`)));
    });
    child.kill('SIGKILL');
    await exited;
  });

  it('serve creates version 1 of the default data directory when it has none, answers HTTP, and stops on SIGTERM', async () => {
    // The default location (no --data, PANDU_DATA, --db nor PANDU_DB) is created without
    // --create, so `pnpm start` works on a fresh clone; it is data/ in the working directory.
    const cwd = join(dir, 'fresh-clone');
    mkdirSync(cwd);
    const data = join(cwd, 'data');
    const db = join(data, 'versions', 'v000001.duckdb');
    const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
    delete env.PANDU_DB;
    delete env.PANDU_DATA;
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
      cwd,
      env,
      // The fourth stream is the IPC channel the launcher reads the address from.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    const listening = await new Promise<ListeningMessage>((resolve, reject) => {
      child.on('message', (message: ListeningMessage) => {
        if (message.event === 'listening') resolve(message);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
    const url = listening.url;
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(listening).toEqual({
        event: 'listening',
        url,
        trpc: `${url}/trpc`,
        db,
        data,
        version: 1,
      });
      expect(JSON.parse(readFileSync(join(data, 'CURRENT'), 'utf8'))).toMatchObject({
        version: 1,
        file: 'versions/v000001.duckdb',
      });
      // The log says the same for a person reading it.
      expect(stdout).toContain(`listening on ${url}/trpc`);
      expect(stderr).toContain(`no data in ${data}; creating version 1 with the default dataset`);
      const res = await fetch(`${url}/trpc/health`);
      expect(res.status).toBe(200);
      expect(res.headers.get('pandu-version')).toBe('1');
      const body = (await res.json()) as {
        result: {
          data: { rows: { regions: number }; synthetic: boolean; version: number; file: string };
        };
      };
      expect(body.result.data.rows.regions).toBe(91_599);
      expect(body.result.data.synthetic).toBe(true);
      expect([body.result.data.version, body.result.data.file]).toEqual([1, 'v000001.duckdb']);
    } finally {
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('serve adopts the single file of an older install as version 1, and serves a --db file read-only', async () => {
    const legacy = join(dir, 'legacy');
    mkdirSync(legacy);
    expect(
      (await pandu(['seed', '--db', join(legacy, 'pandu.duckdb'), '--provinces', '75'])).code,
    ).toBe(0);
    for (const [args, expected] of [
      [['--data', legacy], { data: legacy, version: 1, health: 1 }],
      [['--db', join(legacy, 'pandu.duckdb')], { data: null, version: 0, health: 0 }],
    ] as const) {
      const child = spawn(process.execPath, [bin, 'serve', ...args, '--port', '0'], {
        env: { ...process.env, CI: 'true' },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      try {
        const listening = await new Promise<ListeningMessage>((resolve, reject) => {
          child.on('message', (message: ListeningMessage) => resolve(message));
          child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
        });
        expect(listening).toMatchObject({ data: expected.data, version: expected.version });
        const health = (await (await fetch(`${listening.url}/trpc/health`)).json()) as {
          result: { data: { version: number; provinces: string[] } };
        };
        expect(health.result.data).toMatchObject({ version: expected.health, provinces: ['75'] });
        if (expected.data) {
          expect(stderr).toContain(
            `pandu: adopted ${join(legacy, 'pandu.duckdb')} as version 1 of ${legacy}`,
          );
        }
      } finally {
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
    }
    // The old file is left in place; version 1 is a copy of it.
    expect(existsSync(join(legacy, 'pandu.duckdb'))).toBe(true);
    expect(existsSync(join(legacy, 'versions', 'v000001.duckdb'))).toBe(true);
  });
});
