/** A step of long work, as the db package reports it. */
export interface Progress {
  step: string;
  done: number;
  total: number;
}

/**
 * A progress reporter for stderr. In a terminal it redraws one bar line; elsewhere (CI, a pipe) it
 * prints each new step on its own line, so logs stay readable.
 */
export function createProgressBar(
  label: string,
  options: { interactive: boolean; stream?: NodeJS.WriteStream },
): { update(progress: Progress): void; finish(message: string): void } {
  const stream = options.stream ?? process.stderr;
  const started = Date.now();
  let lastStep = '';
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  return {
    update({ step, done, total }) {
      if (options.interactive) {
        const width = 28;
        const filled = total > 0 ? Math.round((Math.min(done, total) / total) * width) : 0;
        const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
        stream.write(`\r\x1b[2K${label} ${bar} ${done}/${total} ${step} (${elapsed()})`);
      } else if (step !== lastStep) {
        stream.write(`${label}: ${step} (${done}/${total}, ${elapsed()})\n`);
      }
      lastStep = step;
    },
    finish(message) {
      if (options.interactive) stream.write('\r\x1b[2K');
      stream.write(`${label}: ${message} in ${elapsed()}\n`);
    },
  };
}
