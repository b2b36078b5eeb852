import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, inject } from 'vitest';
// Also brings in the type of the `pandu:seeded-database` the global setup provides.
import type { SharedSeededDatabase } from '@pandu/db/testing';
import type { ListeningMessage } from '../src/cli/serve-command.js';

// What the fault tests share: a writable copy of the run's seeded database (Jawa Timur, seeded
// once by the global setup) and a real `pandu serve` process on it, whose address comes over IPC.

/** The built command line, as users run it. */
export const PANDU_BIN = fileURLToPath(new URL('../bin/pandu.js', import.meta.url));

/** A fresh directory holding a copy of the shared seeded database; `cleanup` removes it. */
export async function seededCopy(): Promise<{
  dir: string;
  db: string;
  cleanup: () => Promise<void>;
}> {
  const shared: SharedSeededDatabase | undefined = inject('pandu:seeded-database');
  if (!shared) throw new Error('no seeded fixture: run through vitest.faults.config.ts');
  const dir = await mkdtemp(join(tmpdir(), 'pandu-faults-'));
  const db = join(dir, 'pandu.duckdb');
  await copyFile(shared.path, db);
  return { dir, db, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface ServeProcess {
  /** `http://127.0.0.1:PORT` */
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr: () => string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running; for afterAll. */
  kill: () => void;
}

/**
 * Start `pandu serve --port 0 --host 127.0.0.1` on `db`; resolves once it listens (the IPC
 * `listening` message), rejects if it exits first or stays silent for `timeoutMs`.
 */
export function startServe(
  db: string,
  options: { args?: string[]; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [PANDU_BIN, 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1', ...(options.args ?? [])],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, CI: 'true', ...options.env },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pandu serve did not listen within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.on('message', (message: ListeningMessage) => {
      if (message.event !== 'listening') return;
      clearTimeout(timer);
      resolve({
        url: message.url,
        child,
        stderr: () => stderr,
        exited,
        kill: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        },
      });
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`pandu serve exited (${signal ?? code}) before it listened: ${stderr}`));
    });
  });
}

/** A served copy: the process, and where its database file lies. */
export interface ServedCopy extends ServeProcess {
  db: string;
  dir: string;
}

/**
 * For a describe block: a fresh seeded copy served by `pandu serve` from beforeAll on, killed and
 * removed in afterAll. Returns a getter, valid inside the tests.
 *
 * @example
 * ```ts
 * const served = useServedCopy();
 * it('answers', async () => expect((await fetch(`${served().url}/health`)).status).toBe(200));
 * ```
 */
export function useServedCopy(): () => ServedCopy {
  let copy: Awaited<ReturnType<typeof seededCopy>> | undefined;
  let serve: ServeProcess | undefined;
  beforeAll(async () => {
    copy = await seededCopy();
    // The shipped defaults: 4 connections, at most 128 requests waiting for one.
    serve = await startServe(copy.db);
  });
  afterAll(async () => {
    serve?.kill();
    await serve?.exited;
    await copy?.cleanup();
  });
  return () => {
    if (!serve || !copy) throw new Error('useServedCopy: not served yet (use it inside a test)');
    return { ...serve, db: copy.db, dir: copy.dir };
  };
}
