// Messages between the API process and a SQL sandbox worker (sandbox-worker.ts), over the IPC
// channel of child_process.fork. Plain JSON both ways.

/** The limits of one query; SqlSandbox's defaults are in sql-sandbox.ts. */
export interface SandboxQueryLimits {
  /** Most rows returned; more set `truncated`. */
  rows: number;
  /** Most bytes of the rows as JSON; more set `truncated`. */
  bytes: number;
  /** Milliseconds before the worker interrupts the query. */
  timeMs: number;
}

/** API process -> worker: run one query over `file` (a version file, opened read-only). */
export interface SandboxRequest {
  id: number;
  file: string;
  sql: string;
  limits: SandboxQueryLimits;
}

/** A column of an answer: its name and DuckDB type (`BIGINT`, `VARCHAR`, `DOUBLE[]`...). */
export interface SandboxColumn {
  name: string;
  type: string;
}

/** Why the worker did not run a statement, or why it stopped. */
export type SandboxFailureKind =
  /** Not a single read-only statement, or one that reaches outside the data (a file, a URL). */
  | 'refused'
  /** DuckDB rejected it: a syntax error, an unknown table or column, a type error. */
  | 'invalid'
  /** Interrupted at the time limit. */
  | 'time'
  /** Stopped at the memory limit. */
  | 'memory'
  /** The worker process died while running it (and is replaced). */
  | 'crashed';

/** Worker -> API process. */
export type SandboxResponse =
  | {
      id: number;
      ok: true;
      columns: SandboxColumn[];
      rows: unknown[][];
      truncated: boolean;
      elapsedMs: number;
    }
  | { id: number; ok: false; kind: SandboxFailureKind; message: string };

/** Worker -> API process once, when it has started and can take requests. */
export interface SandboxReady {
  ready: true;
}
