import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { sqlIdentifier, sqlQualifiedIdentifier } from './sql-identifier.js';
import { sqlList, sqlLiteral, sqlValues } from './sql-literal.js';
import { trustedSql } from './trusted-sql.js';

// Text an attacker (or an unlucky file name) could hand us: quotes of both kinds, backslashes
// (no escape in DuckDB's standard strings), statement separators, both comment markers, unicode
// beyond the BMP and combining marks, line breaks and DuckDB's own escape-string prefix.
const HOSTILE = [
  "'",
  "''",
  "a'b",
  "'; drop table dataset_meta; --",
  "x' or '1'='1",
  '"',
  'a"b',
  '"; drop table dataset_meta; --',
  '\\',
  "\\'",
  'C:\\data\\desa.csv',
  "E'\\x00'",
  ';',
  'select 1; select 2',
  '-- comment',
  '/* comment */',
  '*/ select 1 /*',
  '$1',
  '?',
  'Jum\u2019at',
  'Kab. Bantaeng \u{1F3DD}\uFE0F',
  'e\u0301',
  '\u202Eevil',
  'line\nbreak\r\n',
  '\t',
  ' ',
  'pandu.duckdb',
];

describe('SQL quoting', () => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('sqlLiteral: DuckDB reads every hostile string back exactly, as one value', async () => {
    for (const text of HOSTILE) {
      const { rows } = await sql<{
        v: string;
        n: number;
      }>`select ${trustedSql(sqlLiteral(text))} as v, 1 as n`.execute(db);
      expect(rows, JSON.stringify(text)).toEqual([{ v: text, n: 1 }]);
    }
    // The dataset_meta table the payloads name is still there.
    const meta = await sql<{ n: number }>`
      select count(*)::integer as n from information_schema.tables where table_name = 'dataset_meta'`.execute(
      db,
    );
    expect(meta.rows[0]?.n).toBe(1);
  });

  it('sqlIdentifier: every hostile name is one column, named exactly that', async () => {
    for (const name of HOSTILE) {
      const { rows } = await sql<Record<string, number>>`
        select 1 as ${trustedSql(sqlIdentifier(name))}`.execute(db);
      expect(rows, JSON.stringify(name)).toEqual([{ [name]: 1 }]);
    }
  });

  it('compiles to the quoted text, doubling the quote and nothing else', () => {
    for (const [value, expected] of [
      ["a'b", "'a''b'"],
      ['\\', "'\\'"],
      ["'; --", "'''; --'"],
      ['', "''"],
      [3.5, '3.5'],
      [-0.25, '-0.25'],
      [true, 'true'],
      [null, 'null'],
    ] as const) {
      expect(sqlLiteral(value)).toBe(expected);
    }
    expect(sqlIdentifier('a"b')).toBe('"a""b"');
    expect(sqlIdentifier('select')).toBe('"select"');
    expect(sqlQualifiedIdentifier('s', 't"')).toBe('"s"."t"""');
    expect(sqlValues([["a'", 1, null]])).toBe("('a''', 1, null)");
    expect(sqlList(['35', "3'6"])).toBe("('35', '3''6')");
  });

  // Regression guard: DuckDB's parser ends the statement at a NUL, so `'a\0' and x` would lose
  // everything after the NUL. Refused rather than sent.
  it('refuses NUL, non-finite numbers, other types, an empty name and an empty list', () => {
    for (const call of [
      () => sqlLiteral('a\u0000b'),
      () => sqlLiteral('\u0000'),
      () => sqlIdentifier('a\u0000b'),
      () => sqlLiteral(Number.NaN),
      () => sqlLiteral(Number.POSITIVE_INFINITY),
      () => sqlLiteral({} as never),
      () => sqlLiteral(1n as never),
      () => sqlIdentifier(''),
      () => sqlList([]),
    ]) {
      expect(call).toThrow();
    }
    expect(() => sqlLiteral('a\u0000b')).toThrow(/NUL character \(at position 2\)/);
  });

  it('an IN list of hostile strings matches each of them and nothing else', async () => {
    const { rows } = await sql<{ v: string }>`
      select v from (select unnest(from_json(${JSON.stringify(HOSTILE)}, '["VARCHAR"]')) as v)
      where v in ${trustedSql(sqlList(HOSTILE))}`.execute(db);
    expect(rows.map((r) => r.v).sort()).toEqual([...HOSTILE].sort());
    const none = await sql<{ v: string }>`
      select v from (values ('x'), ('a')) t(v) where v in ${trustedSql(sqlList(["x' or '1'='1", "a'"]))}`.execute(
      db,
    );
    expect(none.rows).toEqual([]);
  });
});
