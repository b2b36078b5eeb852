import { existsSync } from 'node:fs';
import {
  ImportRejectedError,
  describeRejection,
  importMentoringEvents,
  importObservations,
  openDatabase,
  writeRejectsCsv,
} from '@pandu/db';
import { CliError } from './cli-error.js';
import { createProgressBar } from './progress-bar.js';

export interface ImportCommandOptions {
  db: string;
  file: string;
  kind: 'observations' | 'mentoring';
  replace: boolean;
  rejects?: string | undefined;
  interactive: boolean;
}

/** How many rejections the terminal shows; --rejects writes them all. */
const SHOWN = 20;

/** `pandu import`: validated, all-or-nothing import of an observations file. */
export async function importCommand(options: ImportCommandOptions): Promise<void> {
  if (!existsSync(options.db)) {
    throw new CliError(`no database at ${options.db}: create one with 'pandu seed' first`);
  }
  const db = await openDatabase(options.db);
  const bar = createProgressBar('import', { interactive: options.interactive });
  try {
    const onProgress = (p: { step: string; done: number; total: number }) => bar.update(p);
    if (options.kind === 'mentoring') {
      const result = await importMentoringEvents(db, options.file, {
        replace: options.replace,
        onProgress,
      });
      bar.finish(
        `${result.events.toLocaleString('en')} mentoring events from ${result.fileName} (${result.format}); ` +
          `batch ${result.batchId}, data version ${result.dataVersion}`,
      );
      return;
    }
    const result = await importObservations(db, options.file, {
      replace: options.replace,
      onProgress,
    });
    bar.finish(
      `${result.accepted.toLocaleString('en')} values from ${result.fileName} (${result.format}), ` +
        `${result.replaced.toLocaleString('en')} replaced, ${result.villages.toLocaleString('en')} villages re-indexed; ` +
        `batch ${result.batchId}, data version ${result.dataVersion}`,
    );
  } catch (error) {
    if (!(error instanceof ImportRejectedError)) throw error;
    bar.finish('rejected');
    const lines = error.rejections.slice(0, SHOWN).map((r) => `  ${describeRejection(r)}`);
    const more = error.rejectionCount - lines.length;
    if (options.rejects) await writeRejectsCsv(error.rejections, options.rejects);
    throw new CliError(
      [
        `${error.fileName}: ${error.rejectionCount.toLocaleString('en')} rejected, nothing imported`,
        ...lines,
        more > 0 ? `  ... and ${more.toLocaleString('en')} more` : '',
        options.rejects
          ? `all rejections written to ${options.rejects}`
          : more > 0
            ? 'use --rejects OUT.csv to write them all'
            : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  } finally {
    await db.destroy();
  }
}
