/**
 * One rejected row (or, with `row: null`, the whole file). `row` is the line in a CSV file as an
 * editor numbers it (the header is line 1, blank lines count; a quoted field that spans lines
 * counts as one) or the row index from 1 in a Parquet file, which has no header. `column` is null
 * for a problem of the whole row (a line that does not parse, a duplicate key, a key already
 * stored); `value` is the value as written in the file. `file` is set by a folder import only:
 * the file's path inside the folder.
 */
export interface Rejection {
  file?: string;
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

/** Progress of an import, for progress bars. */
export interface ImportProgress {
  step: string;
  done: number;
  total: number;
}

/** What an import applied. */
export interface ImportResult {
  batchId: number;
  fileName: string;
  format: 'csv' | 'parquet';
  /** Rows written. */
  accepted: number;
  /** Existing values overwritten (only with `replace`). */
  replaced: number;
  /** Villages whose composite index was rebuilt. */
  villages: number;
  /** The dataset's version after the import (caches keyed on it are now stale). */
  dataVersion: number;
}

/**
 * The file was rejected: nothing was written. `rejections` names the rejected rows, their column
 * and the reason, every one of them up to {@link MAX_LISTED_REJECTIONS} (a file of millions of bad
 * rows must not be held in memory by a server); `rejectionCount` is their total number.
 *
 * @example
 * ```ts
 * try { await importObservations(db, 'x.csv'); }
 * catch (e) { if (e instanceof ImportRejectedError) console.log(e.rejections[0]); }
 * ```
 */
/** The most rejections an import lists (first by file and row); more are only counted. */
export const MAX_LISTED_REJECTIONS = 100_000;

export class ImportRejectedError extends Error {
  override readonly name = 'ImportRejectedError';
  readonly rejectionCount: number;
  constructor(
    readonly fileName: string,
    readonly rejections: readonly Rejection[],
    /** Every rejection, listed or not (default: those listed). */
    total: number = rejections.length,
  ) {
    const first = rejections
      .slice(0, 3)
      .map((r) => describeRejection(r))
      .join('; ');
    const more = total > 3 ? `; and ${total - 3} more` : '';
    super(
      `${fileName}: ${total} rejection${total === 1 ? '' : 's'}, nothing imported: ${first}${more}`,
    );
    this.rejectionCount = total;
  }
}

/** A rejection as one line: `row 4, column value: "3,5" is not a number`. */
export function describeRejection(r: Rejection): string {
  const where = [
    r.file,
    r.row === null ? (r.file ? null : 'file') : `row ${r.row}`,
    r.column ? `column ${r.column}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const value = r.value === null ? '' : `${JSON.stringify(r.value)} `;
  return `${where}: ${value}${r.reason}`;
}
