import { open, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { HistoryRecordSchema, type HistoryRecord } from './history-record.js';
import { fsyncDirectory } from './fsync.js';

/** `DIR/history.jsonl`: one JSON object per published version, oldest first, append-only. */
export function historyFilePath(dir: string): string {
  return join(dir, 'history.jsonl');
}

/**
 * Every complete line of the history, oldest first. A last line without its newline is an append
 * a killed writer left half-done: it is not part of the history (the next writer truncates it).
 * Any other line that does not parse throws, naming the line: the history is an audit record, and
 * one silently skipped would be one lost.
 */
export async function readHistoryFile(dir: string): Promise<HistoryRecord[]> {
  const path = historyFilePath(dir);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  const records: HistoryRecord[] = [];
  complete.split('\n').forEach((line, i) => {
    if (line === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${path}, line ${i + 1}: not valid JSON`);
    }
    const parsed = HistoryRecordSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${path}, line ${i + 1}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    records.push(parsed.data);
  });
  return records;
}

/**
 * Append one record and fsync. Only the holder of the write lock calls this. A torn last line
 * (a writer killed mid-append) is cut off first, so the new record starts on a line of its own.
 */
export async function appendHistoryRecord(dir: string, record: HistoryRecord): Promise<void> {
  const path = historyFilePath(dir);
  const text = await readFile(path, 'utf8').catch(() => '');
  const complete = Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1));
  const created = text === '';
  if (complete !== Buffer.byteLength(text)) await truncate(path, complete);
  const handle = await open(path, 'a');
  try {
    await handle.appendFile(`${JSON.stringify(record)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (created) await fsyncDirectory(dir);
}
