import { existsSync, renameSync, rmSync } from 'node:fs';
import { openDatabase, seedDefaultDataset } from '@pandu/db';
import { CliError } from './cli-error.js';
import { createProgressBar } from './progress-bar.js';

export interface SeedCommandOptions {
  db: string;
  provinces?: string[] | undefined;
  seed?: number | undefined;
  force: boolean;
  interactive: boolean;
}

/** `pandu seed`: create the database file with the default dataset. */
export async function seedCommand(options: SeedCommandOptions): Promise<void> {
  if (existsSync(options.db)) {
    if (!options.force) {
      throw new CliError(
        `${options.db} already exists: use --force to replace it, or --db for another file`,
      );
    }
    rmSync(options.db);
    rmSync(`${options.db}.wal`, { force: true });
  }
  await createDefaultDatabase(options.db, options);
}

/**
 * Create and seed a database file. Seeds into `FILE.partial` and renames it when complete, so a
 * killed seed never leaves a half-built database under the real name.
 */
export async function createDefaultDatabase(
  path: string,
  options: { provinces?: string[] | undefined; seed?: number | undefined; interactive: boolean },
): Promise<void> {
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  rmSync(`${partial}.wal`, { force: true });
  const bar = createProgressBar('seed', { interactive: options.interactive });
  const db = await openDatabase(partial);
  let complete = false;
  try {
    const result = await seedDefaultDataset(db, {
      provinces: options.provinces,
      seed: options.seed,
      onProgress: (p) => bar.update(p),
    });
    bar.finish(
      `${result.villages.toLocaleString('en')} villages, ${result.observations.toLocaleString('en')} synthetic observations, ` +
        `${result.mentoringEvents.toLocaleString('en')} mentoring events (seed ${result.seed}) -> ${path}`,
    );
    complete = true;
  } finally {
    await db.destroy();
    if (!complete) {
      rmSync(partial, { force: true });
      rmSync(`${partial}.wal`, { force: true });
    }
  }
  renameSync(partial, path);
}
