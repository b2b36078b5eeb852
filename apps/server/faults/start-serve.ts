import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ListeningMessage } from '../src/cli/serve-command.js';

// A real `pandu serve` process whose address comes over IPC, for the fault tests and the load
// bench (no vitest here, so the bench can run it with plain tsx).

/** The built command line, as users run it. */
export const PANDU_BIN = fileURLToPath(new URL('../bin/pandu.js', import.meta.url));

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
 * Start `pandu serve --port 0 --host 127.0.0.1` on the file `db` (`--db`), or on a data directory
 * (`{ data }`: `--data`); resolves once it listens (the IPC `listening` message), rejects if it
 * exits first or stays silent for `timeoutMs`.
 */
export function startServe(
  source: string | { data: string },
  options: { args?: string[]; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ServeProcess> {
  const where = typeof source === 'string' ? ['--db', source] : ['--data', source.data];
  const child = spawn(
    process.execPath,
    [PANDU_BIN, 'serve', ...where, '--port', '0', '--host', '127.0.0.1', ...(options.args ?? [])],
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
