import { spawn } from 'node:child_process';
import { readCurrentPointer, type CurrentPointer } from '@pandu/db';
import { PANDU_BIN } from './start-serve.js';

/** A CLI import that has not finished by then is killed and the call fails. */
const IMPORT_TIMEOUT_MS = 120_000;

/**
 * Publish the next version of the data directory `dir` with the observations of `file` imported
 * (replacing values already there) by running the real `pandu import --data DIR FILE --replace`
 * as a child process, as an operator would while servers serve `dir`. Resolves once it has exited
 * 0, with the pointer now current. `onPublished` is called when the command says it is moving the
 * pointer (its `publishing` step on stderr): at or just before the moment servers may switch, so a
 * switch time measured from it is never flattered.
 */
export async function importVersion(
  dir: string,
  file: string,
  options: { onPublished?: () => void } = {},
): Promise<CurrentPointer> {
  const child = spawn(process.execPath, [PANDU_BIN, 'import', file, '--data', dir, '--replace'], {
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let announced = false;
  child.stdout.resume();
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (!announced && /^import: publishing \(/m.test(stderr)) {
      announced = true;
      options.onPublished?.();
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), IMPORT_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`pandu import exited ${code}: ${stderr}`);
  if (!announced) options.onPublished?.();
  const pointer = await readCurrentPointer(dir);
  if (!pointer) throw new Error(`no CURRENT in ${dir} after pandu import`);
  return pointer;
}
