import {
  DuckDBDateValue,
  DuckDBIntervalValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  arrayFromArrayValue,
  arrayFromListValue,
  booleanFromValue,
  bytesFromBlobValue,
  bytesFromGeometryValue,
  createDuckDBValueConverter,
  doubleFromDecimalValue,
  fromVariantValue,
  nullConverter,
  numberFromValue,
  objectArrayFromMapValue,
  objectFromStructValue,
  objectFromUnionValue,
  stringFromValue,
  unsupportedConverter,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBValueConverter,
} from '@duckdb/node-api';

/**
 * A value in a row this dialect returns: what JSON can carry, plus `Uint8Array` for BLOB and
 * GEOMETRY. No `bigint`, no `Date`.
 */
export type DuckDBRowValue =
  | null
  | boolean
  | number
  | string
  | Uint8Array
  | DuckDBRowValue[]
  | { [key: string]: DuckDBRowValue };

/**
 * Converts DuckDB values to {@link DuckDBRowValue}s, one decision per type.
 *
 * `@duckdb/node-api` offers two converters and neither fits: `getRowObjectsJS()` returns
 * `bigint` for COUNT, SUM and BIGINT/HUGEINT columns and `Date` for DATE and TIMESTAMP, which
 * JSON (and tRPC without a transformer) cannot carry; `getRowObjectsJson()` returns BIGINT and
 * DECIMAL as strings and TIMESTAMP as `'2021-11-02 10:11:12.345678'`. So this map starts from
 * the JS one and changes what must change:
 *
 * - BIGINT, UBIGINT, HUGEINT, UHUGEINT, BIGNUM become numbers. A value beyond
 *   Number.MAX_SAFE_INTEGER throws a RangeError instead of silently losing digits or coming back
 *   as a string (a column's JS type should not depend on its values); cast such a column in SQL
 *   (`::DOUBLE` or `::VARCHAR`).
 * - DATE becomes `'YYYY-MM-DD'`, DuckDB's own text, so no time zone can shift the day.
 * - TIMESTAMP (and _S, _MS, _NS) and TIMESTAMPTZ become ISO strings in UTC,
 *   `'YYYY-MM-DDTHH:MM:SS.sssZ'`, computed from the epoch value (not through the process time
 *   zone). Microseconds are cut to milliseconds (floored, also before 1970). `infinity` and
 *   values outside JS Date's range come back as DuckDB's text.
 * - DECIMAL becomes a double (as in the JS converter): exact for the 15 or so significant digits
 *   that Pandu's indicators need.
 * - TIME, TIME_NS, TIMETZ and BIT become DuckDB's text (`'10:11:12'`); INTERVAL becomes
 *   `{ months, days, micros }` with `micros` a number.
 * - LIST and ARRAY become arrays, STRUCT objects, MAP `{ key, value }[]`, UNION `{ tag, value }`,
 *   each item converted by this same map.
 * - FLOAT and DOUBLE stay numbers, including NaN and Infinity (which JSON.stringify writes as
 *   null).
 */
export const duckDBValueConverter: DuckDBValueConverter<DuckDBRowValue> =
  createDuckDBValueConverter<DuckDBRowValue>({
    [DuckDBTypeId.INVALID]: unsupportedConverter,
    [DuckDBTypeId.BOOLEAN]: booleanFromValue,
    [DuckDBTypeId.TINYINT]: numberFromValue,
    [DuckDBTypeId.SMALLINT]: numberFromValue,
    [DuckDBTypeId.INTEGER]: numberFromValue,
    [DuckDBTypeId.BIGINT]: safeNumberFromBigInt,
    [DuckDBTypeId.UTINYINT]: numberFromValue,
    [DuckDBTypeId.USMALLINT]: numberFromValue,
    [DuckDBTypeId.UINTEGER]: numberFromValue,
    [DuckDBTypeId.UBIGINT]: safeNumberFromBigInt,
    [DuckDBTypeId.FLOAT]: numberFromValue,
    [DuckDBTypeId.DOUBLE]: numberFromValue,
    [DuckDBTypeId.TIMESTAMP]: isoStringFromTimestamp,
    [DuckDBTypeId.DATE]: stringFromDate,
    [DuckDBTypeId.TIME]: stringFromValue,
    [DuckDBTypeId.INTERVAL]: objectFromInterval,
    [DuckDBTypeId.HUGEINT]: safeNumberFromBigInt,
    [DuckDBTypeId.UHUGEINT]: safeNumberFromBigInt,
    [DuckDBTypeId.VARCHAR]: stringFromValue,
    [DuckDBTypeId.BLOB]: bytesFromBlobValue,
    [DuckDBTypeId.DECIMAL]: doubleFromDecimalValue,
    [DuckDBTypeId.TIMESTAMP_S]: isoStringFromTimestamp,
    [DuckDBTypeId.TIMESTAMP_MS]: isoStringFromTimestamp,
    [DuckDBTypeId.TIMESTAMP_NS]: isoStringFromTimestamp,
    [DuckDBTypeId.ENUM]: stringFromValue,
    [DuckDBTypeId.LIST]: arrayFromListValue,
    [DuckDBTypeId.STRUCT]: objectFromStructValue,
    [DuckDBTypeId.MAP]: objectArrayFromMapValue,
    [DuckDBTypeId.ARRAY]: arrayFromArrayValue,
    [DuckDBTypeId.UUID]: stringFromValue,
    [DuckDBTypeId.UNION]: objectFromUnionValue,
    [DuckDBTypeId.BIT]: stringFromValue,
    [DuckDBTypeId.TIME_TZ]: stringFromValue,
    [DuckDBTypeId.TIMESTAMP_TZ]: isoStringFromTimestamp,
    [DuckDBTypeId.ANY]: unsupportedConverter,
    [DuckDBTypeId.BIGNUM]: safeNumberFromBigInt,
    [DuckDBTypeId.SQLNULL]: nullConverter,
    [DuckDBTypeId.STRING_LITERAL]: unsupportedConverter,
    [DuckDBTypeId.INTEGER_LITERAL]: unsupportedConverter,
    [DuckDBTypeId.TIME_NS]: stringFromValue,
    [DuckDBTypeId.GEOMETRY]: bytesFromGeometryValue,
    [DuckDBTypeId.VARIANT]: fromVariantValue,
  });

function safeNumberFromBigInt(value: DuckDBValue, type: DuckDBType): number {
  if (typeof value !== 'bigint') throw new TypeError(`expected a bigint for ${type}`);
  return toSafeNumber(value, String(type));
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(
      `${what} value ${value} is outside JavaScript's safe integer range (±2^53-1); ` +
        'cast it in SQL to DOUBLE or VARCHAR',
    );
  }
  return Number(value);
}

function stringFromDate(value: DuckDBValue): string {
  if (!(value instanceof DuckDBDateValue)) throw new TypeError('expected a DATE value');
  // DuckDBDateValue's text for ±infinity is the raw day count as a date; say what it is.
  if (value.days === DuckDBDateValue.PosInf.days) return 'infinity';
  if (value.days === DuckDBDateValue.NegInf.days) return '-infinity';
  return String(value);
}

function isoStringFromTimestamp(value: DuckDBValue): string {
  const millis = epochMillis(value);
  const date = new Date(Number(millis));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

function epochMillis(value: DuckDBValue): bigint {
  if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue) {
    return floorDiv(value.micros, 1_000n);
  }
  if (value instanceof DuckDBTimestampMillisecondsValue) return value.millis;
  if (value instanceof DuckDBTimestampSecondsValue) return value.seconds * 1_000n;
  if (value instanceof DuckDBTimestampNanosecondsValue) return floorDiv(value.nanos, 1_000_000n);
  throw new TypeError('expected a TIMESTAMP value');
}

function floorDiv(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  return dividend % divisor < 0n ? quotient - 1n : quotient;
}

function objectFromInterval(value: DuckDBValue): { months: number; days: number; micros: number } {
  if (!(value instanceof DuckDBIntervalValue)) throw new TypeError('expected an INTERVAL value');
  return { months: value.months, days: value.days, micros: toSafeNumber(value.micros, 'INTERVAL') };
}
