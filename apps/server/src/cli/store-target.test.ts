import { describe, expect, it } from 'vitest';
import { readEnv } from '../env.js';
import { CliError } from './cli-error.js';
import { storeTarget } from './store-target.js';

describe('storeTarget', () => {
  const cases: Array<[string, { data?: string; db?: string }, Record<string, string>, unknown]> = [
    ['nothing named: the default data directory', {}, {}, { kind: 'data', dir: '/srv/data' }],
    ['--data', { data: '/x/store' }, { PANDU_DB: 'f.duckdb' }, { kind: 'data', dir: '/x/store' }],
    ['--db', { db: '/x/f.duckdb' }, { PANDU_DATA: 'd' }, { kind: 'file', path: '/x/f.duckdb' }],
    ['PANDU_DATA', {}, { PANDU_DATA: 'store' }, { kind: 'data', dir: '/srv/store' }],
    [
      'PANDU_DB, as before data directories',
      {},
      { PANDU_DB: 'f.duckdb' },
      { kind: 'file', path: '/srv/f.duckdb' },
    ],
    [
      'PANDU_DATA before PANDU_DB',
      {},
      { PANDU_DATA: 'store', PANDU_DB: 'f.duckdb' },
      { kind: 'data', dir: '/srv/store' },
    ],
  ];
  for (const [name, options, env, expected] of cases) {
    it(name, () => {
      expect(storeTarget(options, readEnv(env, '/srv'))).toEqual(expected);
    });
  }

  it('refuses --data with --db (exit 2)', () => {
    let error: unknown;
    try {
      storeTarget({ data: 'd', db: 'f.duckdb' }, readEnv({}, '/srv'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toMatch(/^--data and --db cannot be used together/);
  });
});
