// SQL helpers, in one place beside the queries (as Rill's runtime/queries/sqlutil.go): quoting of
// literals and identifiers, the one door to unparameterised SQL, the region scope, the kind and
// measure filters and the data version. Internal to @pandu/db except `readDataVersion` and
// `DEFAULT_MEASURE`, which the package index exports.
export {
  assertNoNul,
  sqlList,
  sqlLiteral,
  sqlValues,
  type SqlLiteralValue,
} from './sql-literal.js';
export { sqlIdentifier, sqlQualifiedIdentifier } from './sql-identifier.js';
export { trustedSql } from './trusted-sql.js';
export {
  codePrefixRange,
  codeWithin,
  codeWithinOrAbove,
  regionScope,
  type RegionScope,
} from './region-scope.js';
export { kindFilter } from './kind-filter.js';
export { DEFAULT_MEASURE, measureColumn } from './measure-column.js';
export { bumpDataVersion, parseDataVersion, readDataVersion } from './data-version.js';
