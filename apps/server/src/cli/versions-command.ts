import type { StoredVersion } from '@pandu/db';
import { openDataStore } from './open-data-store.js';

export interface VersionsCommandOptions {
  dir: string;
  json: boolean;
  /** Version files a data directory keeps (adopting a legacy file publishes a version). */
  keep: number;
}

/**
 * `pandu versions`: every version of a data directory, oldest first, the current one marked;
 * pruned versions are still listed (from history.jsonl), without a file. `--json` prints the
 * records as a JSON array, for scripts.
 */
export async function versionsCommand(options: VersionsCommandOptions): Promise<void> {
  const store = await openDataStore(options.dir, { keep: options.keep });
  const versions = await store.versions();
  if (options.json) {
    console.log(JSON.stringify(versions, null, 2));
    return;
  }
  if (versions.length === 0) {
    console.log(
      `${options.dir} holds no version yet ('pandu seed --data ${options.dir}' makes one)`,
    );
    return;
  }
  console.log(formatVersions(versions));
}

const HEADER = [
  '',
  'version',
  'published (UTC)',
  'by',
  'action',
  'file',
  'sha256',
  'rows',
  'stored',
  'summary',
];

/**
 * A table, one version a line: `*` marks the current one; `sha256` is the imported file's (its
 * first 12 digits; `--json` has it whole, and the version file's); `rows` are accepted / replaced;
 * `stored` is the version's file, or `pruned`.
 */
export function formatVersions(versions: readonly StoredVersion[]): string {
  const rows = versions.map((v) => [
    v.current ? '*' : '',
    String(v.version),
    v.publishedAt.replace('T', ' ').replace(/\.\d+Z$/, ''),
    `${v.actor.name} (${v.actor.kind})`,
    v.action,
    v.fileName ?? '-',
    v.fileSha256?.slice(0, 12) ?? '-',
    `${v.rowsAccepted.toLocaleString('en')} / ${v.rowsReplaced.toLocaleString('en')}`,
    v.file ?? 'pruned',
    v.summary,
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(HEADER), ...rows.map(line)].join('\n');
}
