import { existsSync, renameSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import {
  calibration,
  openDatabase,
  osActor,
  seedDefaultDataset,
  versionFilePath,
  type HistoryRecord,
  type SeedResult,
} from '@pandu/db';
import { CliError } from './cli-error.js';
import { openDataStore, rethrowForCli } from './open-data-store.js';
import { createProgressBar } from './progress-bar.js';
import type { StoreTarget } from './store-target.js';
import { createWriteProgress } from './write-progress.js';

export interface SeedCommandOptions {
  target: StoreTarget;
  provinces?: string[] | undefined;
  seed?: number | undefined;
  force: boolean;
  /** Version files a data directory keeps. */
  keep: number;
  interactive: boolean;
}

/**
 * `pandu seed`: the default dataset. In a data directory it is published as a new version, built
 * beside the current one (a running server keeps serving until it switches; no file is deleted
 * under it); with `--db FILE`, the single file is created (replaced with `--force`).
 */
export async function seedCommand(options: SeedCommandOptions): Promise<void> {
  if (options.target.kind === 'data') {
    const record = await seedDataDirectory(options.target.dir, options);
    // Only the number on stdout, for scripts: `v=$(pandu seed --data d)`.
    console.log(record.version);
    return;
  }
  const db = options.target.path;
  if (existsSync(db)) {
    if (!options.force) {
      throw new CliError(
        `${db} already exists: use --force to replace it, or --db for another file`,
      );
    }
    rmSync(db);
    rmSync(`${db}.wal`, { force: true });
  }
  await createDefaultDatabase(db, options);
}

/**
 * Publish the default dataset as the next version of the data directory `dir` (created if
 * missing; a directory that already holds a version needs `force`). Resolves with its record.
 */
export async function seedDataDirectory(
  dir: string,
  options: Omit<SeedCommandOptions, 'target'>,
): Promise<HistoryRecord> {
  const store = await openDataStore(dir, { keep: options.keep, create: true });
  const current = await store.current();
  if (current && !options.force) {
    throw new CliError(
      `${dir} already holds version ${current.version}: use --force to publish a new seed as version ${current.version + 1} (earlier versions are kept for rollback), or --data for another directory`,
    );
  }
  const bar = createProgressBar('seed', { interactive: options.interactive });
  // The seed's steps: regions, reference, latent, one per year, mentoring, index, figures (then
  // done).
  const { first, last } = calibration.SEED_YEARS;
  const progress = createWriteProgress(bar, last - first + 1 + 6);
  const { result, record } = await store
    .write(
      { actor: osActor(), action: 'seed', fresh: true, onProgress: progress.store },
      async (db) => {
        const seeded = await seedDefaultDataset(db, {
          provinces: options.provinces,
          seed: options.seed,
          onProgress: progress.work,
        });
        return {
          ...seeded,
          rowsAccepted: seeded.observations,
          summary: seedSummary(seeded, options.provinces),
        };
      },
    )
    .catch(rethrowForCli);
  bar.finish(
    `${describeSeed(result)} -> version ${record.version} of ${dir} (${relative(dir, versionFilePath(dir, record.version))})`,
  );
  return record;
}

function seedSummary(result: SeedResult, provinces: string[] | undefined): string {
  return `default dataset (SYNTHETIC values, seed ${result.seed}) of ${provinces ? `provinces ${provinces.join(', ')}` : 'every province'}: ${result.villages} villages, ${result.observations} observations`;
}

function describeSeed(result: SeedResult): string {
  return (
    `${result.villages.toLocaleString('en')} villages, ${result.observations.toLocaleString('en')} synthetic observations, ` +
    `${result.mentoringEvents.toLocaleString('en')} mentoring events (seed ${result.seed})`
  );
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
    bar.finish(`${describeSeed(result)} -> ${path}`);
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
