import type { WriteProgress } from '@pandu/db';
import type { Progress } from './progress-bar.js';

/**
 * One progress bar for a write to a data directory: the store's steps around the work's own
 * (`copying`, then the import's or seed's steps, then `checkpointing`, `verifying`,
 * `hashing`, `publishing`), numbered as one sequence. When stderr is not a terminal each step is a line of
 * its own, which is what scripts (and the kill test) read.
 *
 * `workTotal` is the `total` the work reports (its steps are numbered 0 to `total`); the work's
 * own progress corrects it if it differs.
 *
 * @example
 * ```ts
 * const progress = createWriteProgress(bar, 4);
 * await store.write({ ..., onProgress: progress.store }, (db) =>
 *   importObservations(db, file, { onProgress: progress.work }));
 * ```
 */
export function createWriteProgress(
  bar: { update(progress: Progress): void },
  workTotal: number,
): { store(progress: WriteProgress): void; work(progress: Progress): void } {
  let work = workTotal;
  // copying (0), the work's steps (1 to 1 + work), checkpointing, verifying, hashing, publishing.
  const total = () => work + 6;
  const position = { checkpointing: 2, verifying: 3, hashing: 4, publishing: 5 } as const;
  return {
    store({ step }) {
      if (step === 'copying') bar.update({ step, done: 0, total: total() });
      else if (step !== 'applying') {
        bar.update({ step, done: work + position[step], total: total() });
      }
    },
    work({ step, done, total: reported }) {
      work = reported;
      bar.update({ step, done: 1 + done, total: total() });
    },
  };
}
