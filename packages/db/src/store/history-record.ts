import { z } from 'zod';

/** Who can make a write: a dashboard user, an API token, the operating-system user (the CLI). */
export const ACTOR_KINDS = ['user', 'token', 'os'] as const;

/**
 * Who made a write: a dashboard user, an API token (by its name), or, for the command line, the
 * operating-system user running it (it has the files anyway).
 */
export interface Actor {
  kind: (typeof ACTOR_KINDS)[number];
  name: string;
}

/**
 * The kinds of write; `adopt` is the first version made from a legacy single file, `upgrade` a
 * copy of the current version with the schema brought up to date (after Pandu itself is upgraded).
 */
export const WRITE_ACTIONS = [
  'seed',
  'import-observations',
  'import-mentoring',
  'rollback',
  'adopt',
  'upgrade',
] as const;

/** What a write did: one of {@link WRITE_ACTIONS}. */
export type WriteAction = (typeof WRITE_ACTIONS)[number];

/**
 * One published version: a line of `DIR/history.jsonl`, and (without `rows` and
 * `versionSha256`, which only exist once the file is written) a row of its `audit_log`.
 */
export interface HistoryRecord {
  version: number;
  previousVersion: number | null;
  /** ISO 8601, UTC. */
  publishedAt: string;
  actor: Actor;
  action: WriteAction;
  /** The imported file's name (not its path); null for a seed or a rollback. */
  fileName: string | null;
  /** SHA-256 of the imported file; null when there is none. */
  fileSha256: string | null;
  /** SHA-256 of the published `.duckdb` file, as CURRENT says. */
  versionSha256: string;
  rowsAccepted: number;
  rowsRejected: number;
  rowsReplaced: number;
  /** One line, for people. */
  summary: string;
  /** Rows per table of the version. */
  rows: Record<string, number>;
}

/**
 * What a write's `apply` may report beside its own result, for the audit record; missing counts
 * are 0. `fileSha256` overrides the request's when only the apply knows it (an import hashes the
 * file as it reads it).
 */
export interface WriteCounts {
  rowsAccepted?: number;
  rowsRejected?: number;
  rowsReplaced?: number;
  summary?: string;
  fileSha256?: string;
}

const count = z.number().int().nonnegative();

/** A history line as stored; parsing checks every field, so a hand-edited line is caught. */
export const HistoryRecordSchema = z.object({
  version: z.number().int().positive(),
  previousVersion: z.number().int().positive().nullable(),
  publishedAt: z.string(),
  actor: z.object({ kind: z.enum(ACTOR_KINDS), name: z.string() }),
  action: z.enum(WRITE_ACTIONS),
  fileName: z.string().nullable(),
  fileSha256: z.string().nullable(),
  versionSha256: z.string(),
  rowsAccepted: count,
  rowsRejected: count,
  rowsReplaced: count,
  summary: z.string(),
  rows: z.record(z.string(), count),
}) satisfies z.ZodType<HistoryRecord>;
