import {
  BIGINT,
  BLOB,
  BOOLEAN,
  DOUBLE,
  HUGEINT,
  SQLNULL,
  VARCHAR,
  blobValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

/** Parameter values and their DuckDB types, ready for `connection.run(sql, values, types)`. */
export interface DuckDBParameters {
  readonly values: DuckDBValue[];
  readonly types: DuckDBType[];
}

/**
 * Converts Kysely's parameters (bound to `$1, $2, ...`, which DuckDB accepts as positional
 * parameters) to DuckDB values with an explicit type each.
 *
 * - A number is BIGINT when it is a safe integer, otherwise DOUBLE. Where the statement fixes
 *   the type (a column, a cast, a comparison) DuckDB casts the value: 3 into a DOUBLE column is
 *   3, 3.5 stays 3.5, and 3.5 into an INTEGER column becomes 4 (DuckDB rounds DOUBLE to
 *   INTEGER, ties to even: 2.5 becomes 2; it never truncates). `@duckdb/node-api` itself would
 *   infer INTEGER for small integers, which makes a context-free `$1 + 1` overflow at 2^31
 *   ("Overflow in addition of INT32"), and BIGINT for integers beyond 2^53, which fails past
 *   2^63 ("bigint out of int64 range"); such a number is already rounded, so it goes as DOUBLE.
 * - A bigint is HUGEINT, which holds every BIGINT and UBIGINT.
 * - A `Date` is bound as its ISO string (`toISOString()`, UTC): `@duckdb/node-api` cannot infer
 *   a type for it ("Cannot create values of type ANY"), and DuckDB casts the string to the DATE,
 *   TIMESTAMP or TIMESTAMPTZ the statement expects, so no process time zone gets involved.
 * - A `Uint8Array` (or Buffer) is a BLOB; null (and undefined) is an untyped NULL.
 * - Arrays and other objects are refused: bind JSON as a string, expand lists with `in`.
 */
export function toDuckDBParameters(parameters: readonly unknown[]): DuckDBParameters {
  const values: DuckDBValue[] = [];
  const types: DuckDBType[] = [];
  parameters.forEach((parameter, index) => {
    const [value, type] = toDuckDBParameter(parameter, index + 1);
    values.push(value);
    types.push(type);
  });
  return { values, types };
}

function toDuckDBParameter(parameter: unknown, position: number): [DuckDBValue, DuckDBType] {
  switch (typeof parameter) {
    case 'boolean':
      return [parameter, BOOLEAN];
    case 'number':
      return [parameter, Number.isSafeInteger(parameter) ? BIGINT : DOUBLE];
    case 'bigint':
      return [parameter, HUGEINT];
    case 'string':
      return [parameter, VARCHAR];
    case 'undefined':
      // Kysely drops undefined values from inserts and updates; anywhere else it means null.
      return [null, SQLNULL];
    case 'object':
      if (parameter === null) return [null, SQLNULL];
      if (parameter instanceof Date) {
        if (Number.isNaN(parameter.getTime())) {
          throw new TypeError(`invalid Date parameter $${position}`);
        }
        return [parameter.toISOString(), VARCHAR];
      }
      if (parameter instanceof Uint8Array) return [blobValue(parameter), BLOB];
      break;
  }
  throw new TypeError(
    `unsupported parameter $${position}: ${describe(parameter)}; ` +
      'bind numbers, strings, booleans, bigints, Dates, Uint8Arrays or null (JSON as a string)',
  );
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return typeof value;
}
