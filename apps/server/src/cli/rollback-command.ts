import { osActor } from '@pandu/db';
import { openDataStore, requireCurrent, rethrowForCli } from './open-data-store.js';
import { createProgressBar } from './progress-bar.js';
import { createWriteProgress } from './write-progress.js';

export interface RollbackCommandOptions {
  dir: string;
  version: number;
  /** Version files a data directory keeps. */
  keep: number;
  interactive: boolean;
}

/**
 * `pandu rollback`: publish an exact copy of an older version's data as the newest version (so
 * history only grows), attributed to the operating-system user; prints the new version's number.
 * The command line acts as an administrator: whoever runs it can read and write the files anyway.
 */
export async function rollbackCommand(options: RollbackCommandOptions): Promise<void> {
  const store = await openDataStore(options.dir, { keep: options.keep });
  const current = await requireCurrent(store);
  const bar = createProgressBar('rollback', { interactive: options.interactive });
  // The copy is the whole work: no steps of its own between copying and checkpointing.
  const progress = createWriteProgress(bar, -1);
  const record = await store
    .rollback(options.version, osActor(), { onProgress: progress.store })
    .catch(rethrowForCli);
  bar.finish(
    `version ${record.version} published: the data of version ${options.version} (was version ${current.version})`,
  );
  console.log(record.version);
}
