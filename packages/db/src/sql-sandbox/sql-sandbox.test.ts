import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlSandbox, SqlSandboxError } from './sql-sandbox.js';

// The sandbox on its own: real worker processes over two small DuckDB files standing for two
// published versions. The HTTP side (sql.query, its codes, the API staying healthy, a killed
// worker replaced) is tested in apps/server/faults/sql-sandbox.test.ts.
async function makeVersion(file: string, value: number): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run(`create table facts as select ${value} as value, 'v${value}' as label`);
  connection.closeSync();
  instance.closeSync();
}

describe('SqlSandbox', () => {
  let dir = '';
  let current = '';
  let sandbox: SqlSandbox;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pandu-sandbox-'));
    await makeVersion(join(dir, 'v1.duckdb'), 1);
    await makeVersion(join(dir, 'v2.duckdb'), 2);
    current = join(dir, 'v1.duckdb');
    sandbox = new SqlSandbox({ currentFile: () => current, timeMs: 1_500, maxRows: 50 });
  });
  afterAll(async () => {
    sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the version that is current when each query starts', async () => {
    expect((await sandbox.query('select value, label from facts')).rows).toEqual([[1, 'v1']]);
    current = join(dir, 'v2.duckdb');
    const answer = await sandbox.query('select value, label from facts');
    expect(answer.rows).toEqual([[2, 'v2']]);
    expect(answer.columns).toEqual([
      { name: 'value', type: 'INTEGER' },
      { name: 'label', type: 'VARCHAR' },
    ]);
  });

  it('caps rows at its maximum whatever the limit asked, and says so', async () => {
    const answer = await sandbox.query('select * from range(1000)', 5_000);
    expect(answer.rows).toHaveLength(50);
    expect(answer.truncated).toBe(true);
    expect((await sandbox.query('select * from range(50)')).truncated).toBe(false);
  });

  it('gives exact integers as numbers and wider ones as strings', async () => {
    const answer = await sandbox.query(
      'select 9007199254740991::bigint as safe, 9007199254740993::bigint as wide',
    );
    expect(answer.rows).toEqual([[9007199254740991, '9007199254740993']]);
  });

  it.each([
    ['create table t (a integer)', 'refused'],
    ["select * from read_csv('/etc/passwd')", 'refused'],
    ['select 1; select 2', 'refused'],
    ['set threads = 8', 'refused'],
    ['select * from nowhere', 'invalid'],
    ['select count(*) from range(1000000000000::bigint)', 'time'],
  ])('does not answer %s (%s)', async (sql, kind) => {
    const error = await sandbox.query(sql).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlSandboxError);
    expect((error as SqlSandboxError).kind).toBe(kind);
  });

  it('refuses more queries than its queue holds, as busy', async () => {
    const small = new SqlSandbox({ currentFile: () => current, maxQueued: 1, timeMs: 500 });
    try {
      const running = small.query('select count(*) from range(1000000000000::bigint)');
      const queued = small.query('select 1');
      const refused = await small.query('select 2').catch((e: unknown) => e);
      expect((refused as SqlSandboxError).kind).toBe('busy');
      await expect(running).rejects.toMatchObject({ kind: 'time' });
      expect((await queued).rows).toEqual([[1]]);
    } finally {
      small.close();
    }
  });
});
