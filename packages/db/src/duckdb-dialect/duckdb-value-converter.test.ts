import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DuckDBQueryError } from './duckdb-query-error.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './open-test-database.js';

// [SQL expression, expected value] - the expected values written out by hand.
const CASES: [string, unknown][] = [
  ['null', null],
  ['true', true],
  ['42::TINYINT', 42],
  ['-42::INTEGER', -42],
  ['1.5::FLOAT', 1.5],
  ['0.1::DOUBLE', 0.1],
  ["'NaN'::DOUBLE", Number.NaN],
  ['(select count(*) from range(3))', 3],
  ['(select sum(i) from range(4) t(i))', 6],
  ['9007199254740991::BIGINT', Number.MAX_SAFE_INTEGER],
  ['-9007199254740991::BIGINT', Number.MIN_SAFE_INTEGER],
  ['5::UBIGINT', 5],
  ['5::HUGEINT', 5],
  ['5::UHUGEINT', 5],
  ['1.25::DECIMAL(10,2)', 1.25],
  ['123456.789::DECIMAL(18,3)', 123456.789],
  ['(select sum(x) from (values (0.1::DECIMAL(5,4)), (0.2)) t(x))', 0.3],
  ["'Sumberejo'", 'Sumberejo'],
  ["'2e9f1f0c-9b7e-4a5e-8c43-7f3b4a1d2e10'::UUID", '2e9f1f0c-9b7e-4a5e-8c43-7f3b4a1d2e10'],
  ["DATE '2021-11-02'", '2021-11-02'],
  ["DATE '1945-08-17'", '1945-08-17'],
  ["'infinity'::DATE", 'infinity'],
  ["'-infinity'::DATE", '-infinity'],
  ["TIMESTAMP '2021-11-02 10:11:12.345678'", '2021-11-02T10:11:12.345Z'],
  ["TIMESTAMP '2021-11-02 00:00:00'", '2021-11-02T00:00:00.000Z'],
  // Microseconds are floored to milliseconds, also before 1970.
  ["TIMESTAMP '1969-12-31 23:59:59.9995'", '1969-12-31T23:59:59.999Z'],
  ["TIMESTAMP_S '2021-11-02 10:11:12'", '2021-11-02T10:11:12.000Z'],
  ["TIMESTAMP_MS '2021-11-02 10:11:12.345'", '2021-11-02T10:11:12.345Z'],
  ["TIMESTAMP_NS '2021-11-02 10:11:12.345678912'", '2021-11-02T10:11:12.345Z'],
  ["TIMESTAMPTZ '2021-11-02 17:11:12.345+07'", '2021-11-02T10:11:12.345Z'],
  ["'infinity'::TIMESTAMP", 'infinity'],
  ["TIME '10:11:12'", '10:11:12'],
  ['INTERVAL 1 DAY + INTERVAL 90 MINUTE', { months: 0, days: 1, micros: 5_400_000_000 }],
  ['[1, 2, 3]', [1, 2, 3]],
  ['[1::BIGINT, null]', [1, null]],
  ['[[1.5]]::DOUBLE[][]', [[1.5]]],
  ['[1, 2]::INTEGER[2]', [1, 2]],
  ["{'n': 1::HUGEINT, 'days': [DATE '2021-11-02']}", { n: 1, days: ['2021-11-02'] }],
  ["MAP {'a': 1::BIGINT}", [{ key: 'a', value: 1 }]],
  ["'\\x00\\x01\\xFF'::BLOB", new Uint8Array([0, 1, 255])],
  ["'101'::BIT", '101'],
];

interface Row {
  value: unknown;
}

function containsBigIntOrDate(value: unknown): boolean {
  if (typeof value === 'bigint' || value instanceof Date) return true;
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return false;
  return Object.values(value).some(containsBigIntOrDate);
}

describe.each(DATABASE_KINDS)('duckDBValueConverter on a %s database', (kind) => {
  let testDb: TestDatabase<object>;
  let db: Kysely<object>;

  beforeAll(async () => {
    testDb = await openTestDatabase<object>(kind, { poolSize: 2 });
    db = testDb.db;
  });

  afterAll(async () => {
    await testDb.cleanup();
  });

  it.each(CASES)('converts %s', async (expression, expected) => {
    const { rows } = await sql<Row>`select ${sql.raw(expression)} as value`.execute(db);
    const value = rows[0]?.value;
    if (expected instanceof Uint8Array) {
      expect(value).toBeInstanceOf(Uint8Array);
      expect(new Uint8Array(value as Uint8Array)).toEqual(expected);
    } else {
      expect(value).toEqual(expected);
    }
    expect(containsBigIntOrDate(value)).toBe(false);
  });

  it.each([
    ['9007199254740992::BIGINT', 'BIGINT value 9007199254740992'],
    ['-9007199254740992::BIGINT', 'BIGINT value -9007199254740992'],
    ['170141183460469231731687303715884105727::HUGEINT', 'HUGEINT value 1701411834604692'],
    ['[9007199254740993::BIGINT]', 'BIGINT value 9007199254740993'],
  ])('throws rather than lose precision: %s', async (expression, start) => {
    const error = await sql`select ${sql.raw(expression)} as value`.execute(db).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(DuckDBQueryError);
    expect((error as DuckDBQueryError).message).toMatch(
      new RegExp(`^${start}\\d* is outside JavaScript's safe integer range`),
    );
    expect((error as DuckDBQueryError).sql).toBe(`select ${expression} as value`);
    expect((error as DuckDBQueryError).cause).toBeInstanceOf(RangeError);
  });

  it('reads a big integer cast to VARCHAR or DOUBLE, as the error suggests', async () => {
    const { rows } = await sql<{
      text: string;
      approx: number;
    }>`select 9007199254740993::BIGINT::VARCHAR as text, 9007199254740993::BIGINT::DOUBLE as approx`.execute(
      db,
    );
    expect(rows).toEqual([{ text: '9007199254740993', approx: 9007199254740992 }]);
  });

  describe('with the process in Asia/Jakarta (UTC+7)', () => {
    beforeEach(() => {
      vi.stubEnv('TZ', 'Asia/Jakarta');
    });

    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it('does not shift DATE or TIMESTAMP values', async () => {
      expect(new Date('2021-11-02T00:00:00Z').getTimezoneOffset()).toBe(-420);
      const { rows } = await sql<{
        day: string;
        at: string;
        tz: string;
        param_day: string;
      }>`select DATE '2021-11-02' as day, TIMESTAMP '2021-11-02 00:30:00' as at,
          TIMESTAMPTZ '2021-11-02 00:30:00+00' as tz,
          ${new Date('2021-11-02T00:30:00Z')}::DATE as param_day`.execute(db);
      expect(rows).toEqual([
        {
          day: '2021-11-02',
          at: '2021-11-02T00:30:00.000Z',
          tz: '2021-11-02T00:30:00.000Z',
          param_day: '2021-11-02',
        },
      ]);
    });
  });
});
