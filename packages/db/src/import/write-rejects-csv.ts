import { writeFile } from 'node:fs/promises';
import type { Rejection } from './import-types.js';

const quote = (v: string | number | null) => {
  if (v === null) return '';
  // A value copied from an uploaded file that a spreadsheet would run as a formula (=, +, -, @,
  // tab, CR first) is written with a leading apostrophe: the report is read in Excel or Calc.
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/**
 * Write rejections as CSV (`row,column,value,reason`, RFC 4180 quoting; `file` first when a
 * folder import named files) for `pandu import --rejects`.
 *
 * @example
 * ```ts
 * await writeRejectsCsv(error.rejections, 'rejects.csv');
 * ```
 */
export async function writeRejectsCsv(
  rejections: readonly Rejection[],
  path: string,
): Promise<void> {
  // A folder import names the file of each row: then `file` comes first.
  const withFile = rejections.some((r) => r.file !== undefined);
  const lines = [withFile ? 'file,row,column,value,reason' : 'row,column,value,reason'];
  for (const r of rejections) {
    const fields = [r.row, r.column, r.value, r.reason];
    lines.push((withFile ? [r.file ?? null, ...fields] : fields).map(quote).join(','));
  }
  await writeFile(path, `${lines.join('\r\n')}\r\n`, 'utf8');
}
