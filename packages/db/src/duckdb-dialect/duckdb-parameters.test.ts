import { BIGINT, BLOB, BOOLEAN, DOUBLE, HUGEINT, SQLNULL, VARCHAR } from '@duckdb/node-api';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toDuckDBParameters } from './duckdb-parameters.js';
import { DuckDBQueryError } from './duckdb-query-error.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './open-test-database.js';

describe('toDuckDBParameters', () => {
  it('gives every parameter an explicit type', () => {
    const date = new Date('2021-11-02T10:11:12.345Z');
    const bytes = new Uint8Array([1, 2]);
    const { values, types } = toDuckDBParameters([
      3,
      -0,
      2 ** 53 - 1,
      3.5,
      2 ** 60,
      5n,
      true,
      'x',
      null,
      undefined,
      date,
      bytes,
    ]);
    expect(types).toEqual([
      BIGINT,
      BIGINT,
      BIGINT,
      DOUBLE,
      DOUBLE,
      HUGEINT,
      BOOLEAN,
      VARCHAR,
      SQLNULL,
      SQLNULL,
      VARCHAR,
      BLOB,
    ]);
    expect(values.slice(0, 11)).toEqual([
      3,
      -0,
      2 ** 53 - 1,
      3.5,
      2 ** 60,
      5n,
      true,
      'x',
      null,
      null,
      '2021-11-02T10:11:12.345Z',
    ]);
  });

  it.each([
    [[1, 2], 'unsupported parameter $2: array'],
    [{ a: 1 }, 'unsupported parameter $2: Object'],
    [new Map(), 'unsupported parameter $2: Map'],
    [Symbol('s'), 'unsupported parameter $2: symbol'],
    [new Date(Number.NaN), 'invalid Date parameter $2'],
  ])('refuses %o', (parameter, message) => {
    expect(() => toDuckDBParameters(['ok', parameter])).toThrow(message);
  });
});

interface Database {
  sample: {
    id: number;
    i: number | null;
    d: number | null;
    b: number | bigint | null;
    flag: boolean | null;
    t: string | null;
    day: string | Date | null;
    ts: string | Date | null;
    tstz: string | Date | null;
    bytes: Uint8Array | null;
  };
}

type Column = Exclude<keyof Database['sample'], 'id'>;

describe.each(DATABASE_KINDS)('parameters on a %s database', (kind) => {
  let testDb: TestDatabase<Database>;
  let db: Kysely<Database>;

  beforeEach(async () => {
    testDb = await openTestDatabase<Database>(kind);
    db = testDb.db;
    await sql`create table sample (
      id integer primary key, i integer, d double, b bigint, flag boolean, t varchar,
      day date, ts timestamp, tstz timestamptz, bytes blob)`.execute(db);
  });

  afterEach(async () => {
    await testDb.cleanup();
  });

  const instant = new Date('2021-11-02T10:11:12.345Z');
  const cases: [Column, Database['sample'][Column], unknown][] = [
    ['i', 3, 3],
    ['d', 3, 3],
    ['d', 3.5, 3.5],
    ['d', -0.1, -0.1],
    ['d', 1e20, 1e20],
    // DuckDB rounds a DOUBLE cast to INTEGER to the nearest integer, ties to even; it does not
    // truncate.
    ['i', 3.4, 3],
    ['i', 3.5, 4],
    ['i', 2.5, 2],
    ['i', -2.5, -2],
    ['b', 2 ** 53 - 1, 2 ** 53 - 1],
    ['b', 5n, 5],
    ['flag', true, true],
    ['flag', false, false],
    ['t', 'Sumberejo', 'Sumberejo'],
    ['t', null, null],
    ['d', null, null],
    ['day', '2021-11-02', '2021-11-02'],
    ['day', new Date('2021-11-02T00:00:00.000Z'), '2021-11-02'],
    ['ts', instant, '2021-11-02T10:11:12.345Z'],
    ['ts', '2021-11-02 10:11:12.345', '2021-11-02T10:11:12.345Z'],
    ['tstz', instant, '2021-11-02T10:11:12.345Z'],
    ['tstz', '2021-11-02 17:11:12.345+07', '2021-11-02T10:11:12.345Z'],
    ['bytes', new Uint8Array([0, 1, 255]), new Uint8Array([0, 1, 255])],
  ];

  it.each(cases)('binds into column %s: %o', async (column, value, expected) => {
    await db
      .insertInto('sample')
      .values({ id: 1, [column]: value })
      .execute();
    const row = await db.selectFrom('sample').select(column).executeTakeFirstOrThrow();
    if (expected instanceof Uint8Array) {
      expect(new Uint8Array(row[column] as Uint8Array)).toEqual(expected);
    } else {
      expect(row[column]).toBe(expected);
    }
    // And finds the row by the same value, unless storing it rounded it.
    const rounded = column === 'i' && !Number.isInteger(value);
    if (value !== null && !(value instanceof Uint8Array) && !rounded) {
      const found = await db.selectFrom('sample').select('id').where(column, '=', value).execute();
      expect(found).toEqual([{ id: 1 }]);
    }
  });

  it('uses $n as positional parameters', async () => {
    const query = sql<{
      a: string;
      b: string;
      n: number;
    }>`select ${'a'} as a, ${'b'} as b, ${3} as n`;
    expect(query.compile(db).sql).toBe('select $1 as a, $2 as b, $3 as n');
    expect((await query.execute(db)).rows).toEqual([{ a: 'a', b: 'b', n: 3 }]);

    // DuckDB binds by number, not by order of appearance.
    const reversed = await db.executeQuery<{ x: string }>(
      CompiledQuery.raw('select $2 || $1 || $2 as x', ['a', 'b']),
    );
    expect(reversed.rows).toEqual([{ x: 'bab' }]);
  });

  it('keeps arithmetic on parameters exact and free of INT32 overflow', async () => {
    const { rows } = await sql<{
      sum: number;
      half: number;
      big: number;
      ratio: number;
    }>`select ${3} + ${0.5} as sum, ${3} / ${2} as half, ${2_147_483_647} + 1 as big,
        ${1} / ${3} as ratio`.execute(db);
    expect(rows).toEqual([{ sum: 3.5, half: 1.5, big: 2_147_483_648, ratio: 1 / 3 }]);
  });

  it('wraps a refused parameter in DuckDBQueryError with the SQL', async () => {
    const query = sql`select ${[1, 2]} as list`;
    const error = await query.execute(db).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(DuckDBQueryError);
    expect((error as DuckDBQueryError).message).toMatch(/^unsupported parameter \$1: array/);
    expect((error as DuckDBQueryError).sql).toBe('select $1 as list');
  });

  it("reports a missing parameter with DuckDB's message", async () => {
    await expect(db.executeQuery(CompiledQuery.raw('select $1, $2', [1]))).rejects.toThrow(
      /Values were not provided for the following prepared statement parameters: 2/,
    );
  });
});
