import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PANDU_BIN, seededCopy, startServe, type ServeProcess } from './serve-process.js';

// The SQL console (issue 12) on real processes: `pandu serve` on a data directory, `sql.query`
// over HTTP, each query run by a real sandbox worker process with its own locked-down, read-only
// DuckDB. Limits are lowered (2 s, 256MB) so the bombs end quickly; every loop is bounded.
const run = promisify(execFile);

async function pandu(args: string[], stdin?: string): Promise<string> {
  const child = run(process.execPath, [PANDU_BIN, ...args], {
    env: { ...process.env, CI: 'true' },
  });
  if (stdin !== undefined) child.child.stdin?.end(stdin);
  return (await child).stdout;
}

interface Answer {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  truncated: boolean;
  elapsedMs: number;
}

describe('sql.query: clients’ SQL in a sandbox worker', () => {
  let copy: Awaited<ReturnType<typeof seededCopy>>;
  let serve: ServeProcess;
  let token = '';
  beforeAll(async () => {
    copy = await seededCopy();
    serve = await startServe(
      { data: copy.dir },
      {
        env: {
          PANDU_SQL_TIME_LIMIT_MS: '2000',
          PANDU_SQL_MEMORY_LIMIT: '256MB',
          PANDU_SQL_PER_MINUTE: '1000',
        },
      },
    );
    await pandu(
      ['users', 'add', 'rina', '--role', 'viewer', '--data', copy.dir],
      'a long passphrase\n',
    );
    token = (await pandu(['tokens', 'create', '--user', 'rina', '--data', copy.dir])).trim();
  });
  afterAll(async () => {
    serve?.kill();
    await serve?.exited;
    await copy?.cleanup();
  });

  // As curl, R or Python would: POST the input as JSON.
  const post = (sql: string, limit?: number, headers: Record<string, string> = {}) =>
    fetch(`${serve.url}/trpc/sql.query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ sql, limit }),
    });
  async function query(sql: string, limit?: number) {
    const res = await post(sql, limit, { authorization: `Bearer ${token}` });
    const body = (await res.json()) as {
      result?: { data: Answer };
      error?: { message: string; data: { code: string } };
    };
    return { status: res.status, answer: body.result?.data, error: body.error };
  }

  it('answers a query with typed columns, and gives the figure the API gives', async () => {
    const { status, answer } = await query(
      `select count(*) as villages, avg(skills_index) as mean
       from village_index where regency_code = '35.05' and year = 2024 and skills_index is not null`,
    );
    expect(status).toBe(200);
    expect(answer?.columns).toEqual([
      { name: 'villages', type: 'BIGINT' },
      { name: 'mean', type: 'DOUBLE' },
    ]);
    expect(answer?.truncated).toBe(false);
    expect(typeof answer?.elapsedMs).toBe('number');
    const divide = (await (
      await fetch(
        `${serve.url}/trpc/divide.summary?input=${encodeURIComponent('{"code":"35.05","year":2024}')}`,
      )
    ).json()) as { result: { data: { n: number; mean: number } } };
    const [villages, mean] = answer?.rows[0] ?? [];
    expect(villages).toBe(divide.result.data.n);
    expect(mean as number).toBeCloseTo(divide.result.data.mean, 12);
  });

  it('needs a user', async () => {
    const res = await post('select 1');
    expect(res.status).toBe(401);
  });

  it('caps the rows: at the limit asked for, and at 10,000, saying truncated', async () => {
    const five = await query('select * from range(100)', 5);
    expect(five.answer?.rows).toHaveLength(5);
    expect(five.answer?.truncated).toBe(true);
    const all = await query('select * from range(25000)');
    expect(all.answer?.rows).toHaveLength(10_000);
    expect(all.answer?.truncated).toBe(true);
    const exact = await query('select * from range(7)', 7);
    expect(exact.answer?.truncated).toBe(false);
    // A limit above the cap is a named input error, not a silent cap.
    const over = await query('select 1', 10_001);
    expect(over.status).toBe(400);
    expect(over.error?.message).toMatch(/limit/);
  });

  const refused: ReadonlyArray<readonly [sql: string, why: RegExp]> = [
    [`select * from read_csv('/etc/passwd')`, /files, URLs/],
    [`select * from read_parquet('/tmp/x.parquet')`, /files, URLs/],
    [`select * from 'https://example.org/x.parquet'`, /files, URLs/],
    [`select * from 's3://bucket/x.parquet'`, /files, URLs/],
    [`select * from glob('/etc/*')`, /files, URLs/],
    [`copy (select 1) to '/tmp/pandu-sql-test.csv'`, /files, URLs/],
    [`export database '/tmp/pandu-sql-export'`, /files, URLs/],
    [`attach '/tmp/pandu-other.duckdb'`, /not ATTACH/],
    [`detach pandu`, /not DETACH/],
    [`install httpfs`, /not LOAD/],
    [`load parquet`, /not LOAD/],
    [`set threads = 4`, /not SET/],
    [`reset memory_limit`, /not SET/],
    [`pragma threads = 4`, /not SET/],
    [`pragma enable_profiling`, /not PRAGMA/],
    [`create table t (a integer)`, /not CREATE/],
    [`create temp table t (a integer)`, /not CREATE/],
    [`insert into regions select * from regions`, /not INSERT/],
    [`update regions set name = 'x'`, /not UPDATE/],
    [`delete from observations`, /not DELETE/],
    [`drop table observations`, /not DROP/],
    [`select 1; select 2`, /one statement per query/],
    [`select 1; drop table regions`, /one statement per query/],
  ];
  it.each(refused)('refuses %s with a 400 that says why', async (sql, why) => {
    const { status, error } = await query(sql);
    expect(status).toBe(400);
    expect(error?.message).toMatch(why);
    expect(error?.message).not.toMatch(/\n\s+at /);
  });

  it('names the fault of an invalid query (DuckDB’s words), as a 400', async () => {
    const { status, error } = await query('select no_such_column from regions');
    expect(status).toBe(400);
    expect(error?.message).toMatch(/no_such_column/);
  });

  it('stops a query at the time limit (408) and the memory limit (422); the data are untouched', async () => {
    const before = await query('select count(*) from observations');
    const slow = await query('select count(*) from range(1000000000000::bigint)');
    expect(slow.status).toBe(408);
    expect(slow.error?.message).toMatch(/longer than 2 s/);
    const join = await query(
      'select count(*) from range(1000000) a, range(1000000) b where a.range + b.range = 7',
    );
    expect(join.status).toBe(408);
    const big = await query(`select string_agg(repeat('x', 1000000), '') from range(10000)`);
    expect(big.status).toBe(422);
    expect(big.error?.message).toMatch(/more memory/);
    const huge = await query(`select repeat('x', 10000000000)`);
    expect(huge.status).toBe(400);
    const after = await query('select count(*) from observations');
    expect(after.answer?.rows).toEqual(before.answer?.rows);
  });

  it('keeps the API answering while a bomb runs, and replaces a worker that dies', async () => {
    const bomb = query('select count(*) from range(1000000000000::bigint)');
    // While the worker grinds, the API's own DuckDB answers every request (20, one at a time).
    for (let i = 0; i < 20; i++) {
      const res = await fetch(
        `${serve.url}/trpc/divide.summary?input=${encodeURIComponent(`{"code":"35.0${(i % 9) + 1}","year":2024}`)}`,
      );
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    expect((await bomb).status).toBe(408);

    // Kill the worker in the middle of a query: that query fails with 503, the next one works.
    const pending = query('select count(*) from range(1000000000000::bigint)');
    await new Promise((r) => setTimeout(r, 300));
    const workers = (await run('pgrep', ['-P', String(serve.child.pid)])).stdout
      .split('\n')
      .filter((pid) => /^\d+$/.test(pid.trim()));
    // An empty pgrep would kill nothing and the 503 below would not be about a killed worker.
    expect(workers.length).toBeGreaterThan(0);
    for (const pid of workers) process.kill(Number(pid), 'SIGKILL');
    const killed = await pending;
    expect(killed.status).toBe(503);
    expect(killed.error?.message).toMatch(/new worker/);
    const next = await query('select 42 as answer');
    expect(next.status).toBe(200);
    expect(next.answer?.rows).toEqual([[42]]);
  });
});
