import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { Kysely, sql, type CompiledQuery, type DatabaseConnection } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBDialect } from './duckdb-dialect.js';
import { QueryInterruptedError } from './duckdb-interrupted-error.js';
import { inRequestOrder } from './duckdb-request-order.js';
import { ConnectionQueueFullError } from './duckdb-queue-full-error.js';
import { DATABASE_KINDS, openTestDatabase } from './open-test-database.js';

/** Wraps a pooled connection's executeQuery to see how many run at once, and in which order. */
function observe(stats: { active: number; maxActive: number; sql: string[] }) {
  return async (connection: DatabaseConnection) => {
    const execute = connection.executeQuery.bind(connection);
    connection.executeQuery = async (query) => {
      stats.active++;
      stats.maxActive = Math.max(stats.maxActive, stats.active);
      stats.sql.push(query.sql);
      try {
        return await execute(query);
      } finally {
        stats.active--;
      }
    };
  };
}

describe.each(DATABASE_KINDS)('DuckDBDriver pool on a %s database', (kind) => {
  it('runs 20 parallel queries on at most 4 connections, all resolving', async () => {
    const stats = { active: 0, maxActive: 0, sql: [] as string[] };
    let created = 0;
    const { db, cleanup } = await openTestDatabase<object>(kind, {
      poolSize: 4,
      onCreateConnection: async (connection) => {
        created++;
        await observe(stats)(connection);
      },
    });
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          sql<{ i: number; n: number }>`select ${i} as i, count(*) as n from range(200000) t(x)
            where x % 7 = 0`.execute(db),
        ),
      );
      expect(results.map((result) => result.rows)).toEqual(
        Array.from({ length: 20 }, (_, i) => [{ i, n: 28572 }]),
      );
      expect(created).toBe(4);
      expect(stats.maxActive).toBe(4);
    } finally {
      await cleanup();
    }
  });

  it('serves waiting queries first come, first served with a pool of 1', async () => {
    const stats = { active: 0, maxActive: 0, sql: [] as string[] };
    const { db, cleanup } = await openTestDatabase<object>(kind, {
      poolSize: 1,
      onCreateConnection: observe(stats),
    });
    try {
      await sql`select 'warm-up'`.execute(db);
      stats.sql = [];
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          sql<{ i: number }>`select ${sql.lit(i)} as i`.execute(db),
        ),
      );
      expect(results.map((result) => result.rows[0]?.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(stats.sql).toEqual(Array.from({ length: 10 }, (_, i) => `select ${i} as i`));
      expect(stats.maxActive).toBe(1);
    } finally {
      await cleanup();
    }
  });

  it('pins every connection to UTC before onCreateConnection runs', async () => {
    const seen: string[] = [];
    const { db, cleanup } = await openTestDatabase<object>(kind, {
      poolSize: 3,
      onCreateConnection: async (connection) => {
        const { rows } = await connection.executeQuery<{ tz: string }>(
          sql`select current_setting('TimeZone') as tz`.compile(db),
        );
        seen.push(rows[0]?.tz ?? '?');
      },
    });
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          sql<{ tz: string }>`select current_setting('TimeZone') as tz`.execute(db),
        ),
      );
      expect(results.flatMap((result) => result.rows)).toEqual(
        Array.from({ length: 6 }, () => ({ tz: 'UTC' })),
      );
      expect(seen).toEqual(['UTC', 'UTC', 'UTC']);
    } finally {
      await cleanup();
    }
  });

  it('rejects callers still waiting for a connection when destroyed', async () => {
    const { db, cleanup } = await openTestDatabase<object>(kind, { poolSize: 1 });
    try {
      const trx = await db.startTransaction().execute();
      const queued = sql`select 1`.execute(db);
      await db.destroy();
      await expect(queued).rejects.toThrow(
        'the DuckDB driver was destroyed while waiting for a connection',
      );
      await expect(sql`select 1`.execute(trx)).rejects.toThrow(/disconnected/);
      await expect(sql`select 1`.execute(db)).rejects.toThrow(/destroyed/);
    } finally {
      await cleanup();
    }
  });
});

describe('DuckDBDriver on a database file', () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pandu-db-'));
    path = join(dir, 'pandu.duckdb');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const open = (config: { poolSize?: number } = {}) =>
    new Kysely<object>({
      dialect: new DuckDBDialect({ ...config, instance: () => DuckDBInstance.create(path) }),
    });

  it('can be reopened after destroy() and still holds what was written', async () => {
    const first = open();
    await sql`create table mentor (name varchar, visits integer)`.execute(first);
    await sql`insert into mentor values ('Ayu', 3), ('Budi', 5)`.execute(first);
    await first.destroy();

    const second = open();
    const { rows } = await sql<{
      name: string;
      visits: number;
    }>`select name, visits from mentor order by name`.execute(second);
    expect(rows).toEqual([
      { name: 'Ayu', visits: 3 },
      { name: 'Budi', visits: 5 },
    ]);
    await sql`insert into mentor values ('Citra', 1)`.execute(second);
    await second.destroy();

    const third = open({ poolSize: 1 });
    const count = await sql<{ n: number }>`select count(*) as n from mentor`.execute(third);
    expect(count.rows).toEqual([{ n: 3 }]);
    await third.destroy();
  });

  it('closes an instance it was given', async () => {
    const instance = await DuckDBInstance.create(path);
    const db = new Kysely<object>({ dialect: new DuckDBDialect({ instance }) });
    await sql`select 1`.execute(db);
    await db.destroy();
    await expect(instance.connect()).rejects.toThrow();
  });

  it('creates the instance lazily, once', async () => {
    let calls = 0;
    const db = new Kysely<object>({
      dialect: new DuckDBDialect({
        instance: () => {
          calls++;
          return DuckDBInstance.create(path);
        },
      }),
    });
    expect(calls).toBe(0);
    await Promise.all(Array.from({ length: 5 }, () => sql`select 1`.execute(db)));
    expect(calls).toBe(1);
    await db.destroy();
  });

  it('closes the instance when a connection cannot be set up, so the file can be reopened', async () => {
    const failing = new Kysely<object>({
      dialect: new DuckDBDialect({
        instance: () => DuckDBInstance.create(path),
        onCreateConnection: async () => {
          throw new Error('setup failed');
        },
      }),
    });
    await expect(sql`select 1`.execute(failing)).rejects.toThrow('setup failed');

    const db = open();
    await sql`create table ok (x integer)`.execute(db);
    await db.destroy();
    await failing.destroy();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses poolSize %s', (poolSize) => {
    expect(
      () =>
        new Kysely<object>({
          dialect: new DuckDBDialect({ instance: () => DuckDBInstance.create(path), poolSize }),
        }),
    ).toThrow(`invalid poolSize: ${poolSize}`);
  });
});

describe('DuckDBDriver in a process whose TZ is Asia/Jakarta', () => {
  it("keeps DuckDB's time zone at UTC, so nothing shifts", () => {
    const packageDir = fileURLToPath(new URL('../..', import.meta.url));
    const dialectUrl = new URL('./index.ts', import.meta.url).href;
    const script = `
      import { DuckDBInstance } from '@duckdb/node-api';
      import { Kysely, sql } from 'kysely';
      import { DuckDBDialect } from ${JSON.stringify(dialectUrl)};

      const instance = await DuckDBInstance.create(':memory:');
      const raw = await instance.connect();
      const reader = await raw.runAndReadAll("select current_setting('TimeZone') as tz");
      const duckdbDefault = reader.getRowObjectsJS()[0].tz;
      raw.closeSync();

      const db = new Kysely({ dialect: new DuckDBDialect({ instance }) });
      const { rows } = await sql\`select current_setting('TimeZone') as tz,
          DATE '2021-11-02' as day,
          TIMESTAMP '2021-11-02 00:30:00'::TIMESTAMPTZ as at,
          date_trunc('day', TIMESTAMPTZ '2021-11-02 00:30:00+00') as day_start,
          \${new Date('2021-11-02T00:30:00.000Z')}::TIMESTAMPTZ as param\`.execute(db);
      await db.destroy();
      console.log(JSON.stringify({ duckdbDefault, offset: new Date(0).getTimezoneOffset(), rows }));
    `;
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { cwd: packageDir, env: { TZ: 'Asia/Jakarta' }, encoding: 'utf8' },
    );
    expect(JSON.parse(output)).toEqual({
      // Without the dialect's `set TimeZone = 'UTC'` DuckDB would follow the process.
      duckdbDefault: 'Asia/Jakarta',
      offset: -420,
      rows: [
        {
          tz: 'UTC',
          day: '2021-11-02',
          at: '2021-11-02T00:30:00.000Z',
          day_start: '2021-11-02T00:00:00.000Z',
          param: '2021-11-02T00:30:00.000Z',
        },
      ],
    });
  });
});

describe('query timeout', () => {
  it('interrupts a runaway query, frees the connection, and leaves transactions unbounded', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { Kysely, sql } = await import('kysely');
    const { DuckDBDialect } = await import('./duckdb-dialect.js');
    const { QueryTimeoutError } = await import('./duckdb-query-timeout-error.js');
    const db = new Kysely<object>({
      dialect: new DuckDBDialect({
        instance: () => DuckDBInstance.create(':memory:'),
        poolSize: 1,
        queryTimeoutMs: 200,
      }),
    });
    try {
      // A cross join of 10^12 rows would run for hours.
      const runaway = sql`select count(*) from range(1000000) a, range(1000000) b where a.range + b.range = -1`;
      const error = await runaway.execute(db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryTimeoutError);
      expect((error as Error).message).toBe('query interrupted after 200 ms');
      // The single pooled connection answers again.
      const ok = await sql<{ n: number }>`select 42 as n`.execute(db);
      expect(ok.rows).toEqual([{ n: 42 }]);
      // Inside a transaction the same bound does not apply: a slower statement completes.
      const heavy = sql<{
        n: number;
      }>`select count(*) as n from range(400000000) where range % 7 = 0`;
      const slow = await db.transaction().execute((trx) => heavy.execute(trx));
      expect(slow.rows[0]?.n).toBe(57142858);
    } finally {
      await db.destroy();
    }
  });
});

describe('shutdown and a bounded queue (issue 13)', () => {
  /** Resolves once a statement containing `marker` has been handed to DuckDB. */
  let entered: (marker: string) => Promise<void> = () => Promise.reject(new Error('not opened'));
  const open = (config: { maxQueued?: number; signal?: AbortSignal } = {}) => {
    const waiting = new Map<string, () => void>();
    const seen = new Set<string>();
    entered = (marker) =>
      seen.has(marker) ? Promise.resolve() : new Promise((r) => waiting.set(marker, r));
    return new Kysely<object>({
      dialect: new DuckDBDialect({
        ...config,
        instance: () => DuckDBInstance.create(':memory:'),
        poolSize: 1,
        onCreateConnection: async (connection) => {
          const execute = connection.executeQuery.bind(connection);
          connection.executeQuery = <R>(query: CompiledQuery) => {
            const result = execute<R>(query);
            for (const marker of ['runaway', 'counted']) {
              if (!query.sql.includes(marker)) continue;
              seen.add(marker);
              waiting.get(marker)?.();
            }
            return result;
          };
        },
      }),
    });
  };
  // A cross join of 10^12 rows would run for hours.
  const runaway = sql`select count(*) as runaway from range(1000000) a, range(1000000) b where a.range + b.range = -1`;

  it('serves waiting statements in request order, not statement order', async () => {
    const order: string[] = [];
    const db = new Kysely<object>({
      dialect: new DuckDBDialect({
        instance: () => DuckDBInstance.create(':memory:'),
        poolSize: 1,
        onCreateConnection: async (connection) => {
          const execute = connection.executeQuery.bind(connection);
          connection.executeQuery = (query) => {
            const tag = /'(\w+)'/.exec(query.sql)?.[1];
            if (tag) order.push(tag);
            return execute(query);
          };
        },
      }),
    });
    try {
      const trx = await db.startTransaction().execute();
      // Four requests of two statements each, started A, B, C, D while the only connection is busy.
      const request = (name: string) =>
        inRequestOrder(async () => {
          await sql`select ${sql.lit(`${name}1`)}`.execute(db);
          await sql`select ${sql.lit(`${name}2`)}`.execute(db);
        });
      const names = ['A', 'B', 'C', 'D'];
      const requests = names.map(request);
      await trx.commit().execute();
      await Promise.all(requests);
      // Statement order (first come, first served per statement) would be A1 B1 C1 D1 A2 B2 C2
      // D2: every request's second statement behind all first ones. In request order a request's
      // next statement goes ahead of every later request's; only the one statement handed the
      // connection while it was on its way (A1 B1 A2 ...) runs in between.
      expect(order).toHaveLength(8);
      for (const [i, name] of names.entries()) {
        const after = names[i + 2];
        if (after) expect(order.indexOf(`${name}2`)).toBeLessThan(order.indexOf(`${after}1`));
      }
    } finally {
      await db.destroy();
    }
  });

  it('refuses a caller beyond maxQueued at once, and serves the queued ones', async () => {
    const db = open({ maxQueued: 2 });
    try {
      const trx = await db.startTransaction().execute();
      const queued = [1, 2].map((i) => sql<{ i: number }>`select ${sql.lit(i)} as i`.execute(db));
      const refused = await sql`select 3`.execute(db).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ConnectionQueueFullError);
      expect((refused as ConnectionQueueFullError).maxQueued).toBe(2);
      await trx.commit().execute();
      expect((await Promise.all(queued)).map((r) => r.rows)).toEqual([[{ i: 1 }], [{ i: 2 }]]);
    } finally {
      await db.destroy();
    }
  });

  it('on abort interrupts the running statement and refuses waiting and later queries', async () => {
    const controller = new AbortController();
    const db = open({ signal: controller.signal });
    try {
      await sql`select 1`.execute(db);
      const events: string[] = [];
      const running = runaway.execute(db).catch((e: unknown) => {
        events.push('running rejected');
        return e;
      });
      const waiting = sql`select 2`.execute(db).catch((e: unknown) => e);
      // Abort once the runaway is DuckDB's: only an interrupt stops it (it would run for hours).
      await entered('runaway');
      controller.abort();
      // Without the interrupt the runaway runs on: the guard only detects that (no time asserted).
      const guard = new Promise((r) => setTimeout(() => r('still running'), 30_000).unref());
      expect(await Promise.race([running, guard])).toBeInstanceOf(QueryInterruptedError);
      expect(await waiting).toBeInstanceOf(QueryInterruptedError);
      expect(await sql`select 3`.execute(db).catch((e: unknown) => e)).toBeInstanceOf(
        QueryInterruptedError,
      );
      expect(events).toEqual(['running rejected']);
    } finally {
      await db.destroy();
    }
  });

  it('destroy() waits for a running statement before it closes the connection', async () => {
    const db = open();
    const query = sql<{
      counted: number;
    }>`select count(*) as counted from range(100000000) where range % 7 = 0`.execute(db);
    // Destroy once the statement is DuckDB's.
    await entered('counted');
    await db.destroy();
    // Its rows were read in full: the connection was not closed under it.
    expect((await query).rows).toEqual([{ counted: 14285715 }]);
  });
});
