import type { ReadStream } from 'node:tty';
import { CliError } from './cli-error.js';

/**
 * A password for `pandu users add` and `users passwd`: PANDU_PASSWORD when set, else one line of
 * stdin. At a terminal it is asked for twice without echo; from a pipe
 * (`printf '%s\n' "$PW" | pandu users add ...`) the first line is read. Never an argument:
 * `ps` and shell history would show it.
 */
export async function readPassword(
  fromEnv: string | undefined,
  input: NodeJS.ReadStream = process.stdin,
  prompt: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (fromEnv !== undefined) return fromEnv;
  if (input.isTTY) {
    const first = await readHidden(input as ReadStream, prompt, 'Password: ');
    const second = await readHidden(input as ReadStream, prompt, 'Password again: ');
    if (first !== second) throw new CliError('the two passwords differ; nothing changed');
    return first;
  }
  return readLine(input);
}

/** The first line of a piped stdin, without its line ending. */
function readLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = () => {
      input.off('data', onData);
      input.off('end', done);
      input.off('error', reject);
      if (typeof (input as { pause?: () => void }).pause === 'function') input.pause();
      const line = text.split(/\r?\n/)[0] ?? '';
      if (line === '' && text === '')
        reject(new CliError('no password: give it on stdin (one line) or in PANDU_PASSWORD', 2));
      else resolve(line);
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (text.includes('\n')) done();
    };
    input.on('data', onData);
    input.once('end', done);
    input.once('error', reject);
  });
}

/** One line typed at a terminal, not echoed. Ctrl-C aborts. */
function readHidden(input: ReadStream, prompt: NodeJS.WriteStream, label: string): Promise<string> {
  prompt.write(label);
  return new Promise((resolve, reject) => {
    let typed = '';
    input.setRawMode(true);
    input.resume();
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      prompt.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(null);
        if (char === '\u0003') return finish(new CliError('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}
