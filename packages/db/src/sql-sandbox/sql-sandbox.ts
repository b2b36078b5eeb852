import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SQL_ROWS_MAX } from '@pandu/domain';
import type {
  SandboxColumn,
  SandboxFailureKind,
  SandboxQueryLimits,
  SandboxRequest,
  SandboxResponse,
} from './sandbox-protocol.js';

/** The limits of the sandbox; every field has the default the issue names. */
export interface SqlSandboxOptions {
  /** Which version file a query reads: the one the API serves at that moment. */
  currentFile: () => string;
  /** Worker processes (default 1: one query runs at a time, the rest queue). */
  workers?: number;
  /** Queries waiting for a worker before more are refused (default 8). */
  maxQueued?: number;
  /** DuckDB memory limit of a worker, in DuckDB's notation (default '1GB'). */
  memoryLimit?: string;
  /** Default and largest row cap (default 10,000). */
  maxRows?: number;
  /** Largest answer as JSON, in bytes (default 10 MB). */
  maxBytes?: number;
  /** Time limit of a query in ms (default 10 s); the worker is killed 2 s after it if still busy. */
  timeMs?: number;
}

/** A query's answer: the same JSON for every client. */
export interface SqlAnswer {
  columns: SandboxColumn[];
  rows: unknown[][];
  truncated: boolean;
  elapsedMs: number;
}

/** A query the sandbox did not answer, and why (`kind`); the message is for the client. */
export class SqlSandboxError extends Error {
  override readonly name = 'SqlSandboxError';
  constructor(
    readonly kind: SandboxFailureKind | 'busy',
    message: string,
  ) {
    super(message);
  }
}

interface Job {
  request: Omit<SandboxRequest, 'id'>;
  resolve: (answer: SqlAnswer) => void;
  reject: (error: Error) => void;
}

const WORKER = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.ts') ? './sandbox-worker.ts' : './sandbox-worker.js',
    import.meta.url,
  ),
);

/** The workers' niceness: below the API's own priority (0). */
const WORKER_NICENESS = 10;

/** Grace after the time limit before a busy worker is killed (its interrupt did not land). */
const KILL_GRACE_MS = 2_000;

class Worker {
  #child: ChildProcess | null = null;
  #ready: Promise<void> | null = null;
  busy = false;

  constructor(private readonly memoryLimit: string) {}

  #start(): Promise<void> {
    const child = fork(WORKER, [this.memoryLimit], {
      execArgv: WORKER.endsWith('.ts') ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.#child = child;
    child.stderr?.resume();
    // A lower CPU priority (nice 10): on a busy machine the API's own process, which answers
    // everyone else, comes first; a console query waits its turn instead.
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, WORKER_NICENESS);
      } catch {
        // Not allowed here (a container may forbid it): the worker runs at normal priority.
      }
    }
    return new Promise((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if ((message as { ready?: boolean }).ready) {
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve();
        }
      };
      const onExit = (code: number | null) => {
        this.#child = null;
        this.#ready = null;
        reject(
          new SqlSandboxError('crashed', `the SQL worker did not start (exit ${code}); try again`),
        );
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }

  async run(request: SandboxRequest): Promise<SandboxResponse> {
    if (!this.#child || this.#child.exitCode !== null || this.#child.signalCode !== null) {
      this.#ready = null;
    }
    this.#ready ??= this.#start();
    await this.#ready;
    const child = this.#child;
    if (!child) throw new SqlSandboxError('crashed', 'the SQL worker stopped; try again');
    return new Promise<SandboxResponse>((resolve) => {
      const done = (response: SandboxResponse) => {
        clearTimeout(killer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(response);
      };
      const onMessage = (message: SandboxResponse) => {
        if (message.id === request.id) done(message);
      };
      // A worker that dies mid-query (out of memory outside DuckDB's own limit, a crash, killed at
      // the time limit because its interrupt did not land) is not reused: the next query starts a
      // new one.
      let overran = false;
      const onExit = () => {
        this.#child = null;
        this.#ready = null;
        done(
          overran
            ? { id: request.id, ok: false, kind: 'time', message: 'killed at the time limit' }
            : {
                id: request.id,
                ok: false,
                kind: 'crashed',
                message:
                  'the SQL worker stopped while running the query (out of memory, or killed); a new worker takes the next query',
              },
        );
      };
      const killer = setTimeout(() => {
        overran = true;
        child.kill('SIGKILL');
      }, request.limits.timeMs + KILL_GRACE_MS);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(request);
    });
  }

  stop(): void {
    this.#child?.kill('SIGKILL');
    this.#child = null;
    this.#ready = null;
  }
}

/**
 * Runs clients' SQL outside the API's own DuckDB: in worker processes, each with its own
 * read-only, locked-down DuckDB over the version file the API serves (sandbox-worker.ts). Queries
 * queue for a free worker (at most `maxQueued`, then refused as busy); a worker that dies or
 * overruns its time is killed and replaced, unseen by the API and its other users.
 *
 * @example
 * ```ts
 * const sandbox = new SqlSandbox({ currentFile: () => 'data/versions/v000001.duckdb' });
 * const answer = await sandbox.query('select count(*) as n from regions');
 * answer.rows; // [[91599]]
 * sandbox.close();
 * ```
 */
export class SqlSandbox {
  readonly limits: Required<Omit<SqlSandboxOptions, 'currentFile'>>;
  readonly #currentFile: () => string;
  readonly #workers: Worker[];
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: SqlSandboxOptions) {
    this.#currentFile = options.currentFile;
    this.limits = {
      workers: options.workers ?? 1,
      maxQueued: options.maxQueued ?? 8,
      memoryLimit: options.memoryLimit ?? '1GB',
      maxRows: options.maxRows ?? SQL_ROWS_MAX,
      maxBytes: options.maxBytes ?? 10_000_000,
      timeMs: options.timeMs ?? 10_000,
    };
    this.#workers = Array.from(
      { length: this.limits.workers },
      () => new Worker(this.limits.memoryLimit),
    );
  }

  /** Run one statement; `limit` rows at most (capped at the sandbox's `maxRows`). */
  query(sql: string, limit?: number): Promise<SqlAnswer> {
    if (this.#closed) return Promise.reject(new SqlSandboxError('busy', 'the server is stopping'));
    if (this.#queue.length >= this.limits.maxQueued) {
      return Promise.reject(
        new SqlSandboxError('busy', 'too many queries are waiting; try again in a few seconds'),
      );
    }
    const limits: SandboxQueryLimits = {
      rows: Math.min(limit ?? this.limits.maxRows, this.limits.maxRows),
      bytes: this.limits.maxBytes,
      timeMs: this.limits.timeMs,
    };
    return new Promise<SqlAnswer>((resolve, reject) => {
      this.#queue.push({ request: { file: this.#currentFile(), sql, limits }, resolve, reject });
      this.#drain();
    });
  }

  #drain(): void {
    for (const worker of this.#workers) {
      if (worker.busy) continue;
      const job = this.#queue.shift();
      if (!job) return;
      worker.busy = true;
      void worker
        .run({ ...job.request, id: this.#nextId++ })
        .then((response) => {
          if (response.ok) {
            const { columns, rows, truncated, elapsedMs } = response;
            job.resolve({ columns, rows, truncated, elapsedMs });
          } else {
            job.reject(
              new SqlSandboxError(
                response.kind,
                describe(response.kind, response.message, job.request.limits),
              ),
            );
          }
        }, job.reject)
        .finally(() => {
          worker.busy = false;
          this.#drain();
        });
    }
  }

  /** Stop every worker; queued queries are refused. */
  close(): void {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) {
      job.reject(new SqlSandboxError('busy', 'the server is stopping'));
    }
    for (const worker of this.#workers) worker.stop();
  }
}

/** The client's message for a failure: what happened and what to do, never a stack. */
function describe(kind: SandboxFailureKind, message: string, limits: SandboxQueryLimits): string {
  switch (kind) {
    case 'time':
      return `the query ran longer than ${limits.timeMs / 1000} s and was stopped; narrow it (a where clause, a limit, fewer joins)`;
    case 'memory':
      return 'the query needed more memory than the console allows and was stopped; aggregate or filter before selecting';
    case 'crashed':
      return message;
    case 'refused':
      return /Permission Error|disabled by configuration/i.test(message)
        ? 'the console reads only the published tables: files, URLs, extensions and settings are not available'
        : message;
    case 'invalid':
      // DuckDB's parser and binder messages name the token, table or column at fault.
      return message.replace(/^\w+ Error: /, '');
  }
}
