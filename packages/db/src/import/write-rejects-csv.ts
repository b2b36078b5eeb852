import { writeFile } from 'node:fs/promises';
import type { Rejection } from './import-types.js';

const quote = (v: string | number | null) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/**
 * Write rejections as CSV (`row,column,value,reason`, RFC 4180 quoting) for `pandu import --rejects`.
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
  const lines = ['row,column,value,reason'];
  for (const r of rejections) lines.push([r.row, r.column, r.value, r.reason].map(quote).join(','));
  await writeFile(path, `${lines.join('\r\n')}\r\n`, 'utf8');
}
