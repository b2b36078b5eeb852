import { open } from 'node:fs/promises';
import type { Rejection } from './import-types.js';

/** What the first bytes of a file say it is. */
export type DetectedFormat =
  | { format: 'parquet' }
  | { format: 'csv'; header: string[] }
  | { format: 'invalid'; rejection: Rejection };

const HEAD_BYTES = 64 * 1024;
const fileProblem = (reason: string): DetectedFormat => ({
  format: 'invalid',
  rejection: { row: null, column: null, value: null, reason },
});

/**
 * Look at the start of a file: Parquet (magic `PAR1`), or UTF-8 CSV whose header line is returned
 * (a UTF-8 BOM and CRLF line ends are accepted, quoted names are unquoted). Anything else, an empty
 * file, binary content, JSON, is one file-level rejection that says what the file looks like.
 */
export async function detectFileFormat(path: string): Promise<DetectedFormat> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (head.length === 0) return fileProblem('the file is empty');
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return { format: 'parquet' };
  if (head.includes(0)) {
    return fileProblem('the file is neither CSV nor Parquet (it has binary content)');
  }
  let text: string;
  try {
    // A multi-byte character may be cut at the 64 KiB boundary: decode only up to the last newline.
    const lastNewline = head.lastIndexOf(0x0a);
    const complete =
      head.length < HEAD_BYTES || lastNewline < 0 ? head : head.subarray(0, lastNewline);
    text = new TextDecoder('utf-8', { fatal: true }).decode(complete);
  } catch {
    return fileProblem('the file is not UTF-8 text, so not a CSV file this import reads');
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = (text.split('\n')[0] ?? '').replace(/\r$/, '');
  if (/^\s*[[{]/.test(text)) {
    return fileProblem(
      'the file looks like JSON; expected CSV with the header village_code,year,indicator,value',
    );
  }
  if (firstLine.trim() === '') return fileProblem('the file has no header line');
  return { format: 'csv', header: splitCsvLine(firstLine) };
}

/** Split one CSV line on commas outside double quotes; `""` inside quotes is a quote. */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}
