/** One column of a CSV download: its header and how to read it from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * Rows as RFC 4180 CSV (comma, CRLF, quotes doubled), numbers written as JavaScript writes them
 * (dot decimal, full precision) so the file reads back exactly in any tool; missing values are
 * empty cells, never 0.
 *
 * @example
 * ```ts
 * toCsv([{ code: '35', name: 'Jawa "Timur"', value: 3.7 }], [
 *   { header: 'code', value: (r) => r.code },
 *   { header: 'name', value: (r) => r.name },
 *   { header: 'value', value: (r) => r.value },
 * ]); // 'code,name,value\r\n35,"Jawa ""Timur""",3.7\r\n'
 * ```
 */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return String(value);
  }
  const text = String(value);
  // A leading = + - @ would be read as a formula by spreadsheet programs.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
