// `pnpm --filter @pandu/server bench:publish [--db FILE] [--runs N]`: how long publishing a
// national import takes. A national data directory (its `pandu.duckdb` adopted as version 1 by
// `pandu versions`), a CSV of every value of one year (about 835,000 rows: every village, every
// indicator), then N times (default 3) the real `pandu import --data DIR FILE --replace` in its own
// process: the wall time from spawn to exit, the time to each of its steps (from its progress lines
// on stderr: the store's copy, the import's read/validate/write/index, the store's checkpoint,
// verify, hash and pointer move), and the size of the version file it published. Prints; asserts
// nothing. The goal: <= 15 s including copy and checkpoint. Without --db the national
// dataset is seeded in a temporary directory (about 20 s); PANDU_BENCH_DB is the same as --db.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCurrentPointer } from '@pandu/db';
import { benchData } from './bench-data.js';
import { describeMachine } from './http-load.js';
import { describeSteps, exportYearCsv, mib, runPandu as pandu, seconds } from './publish-import.js';

// A bench script, not the product: its own knobs are read here (src/env.ts is the product's).
const benchEnv = process.env;
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: benchEnv.PANDU_BENCH_DB },
    runs: { type: 'string', default: '3' },
    year: { type: 'string', default: '2025' },
  },
});
const RUNS = Number(args.runs);

const data = await benchData(args.db);
try {
  console.log(describeMachine());
  const adopt = await pandu(['versions', '--data', data.dir]);
  if (adopt.code !== 0) throw new Error(`pandu versions exited ${adopt.code}: ${adopt.stderr}`);
  const first = await readCurrentPointer(data.dir);
  if (!first) throw new Error(`no version 1 in ${data.dir}`);
  console.log(
    `version 1 adopted from ${data.db} in ${seconds(adopt.wallMs)}: ${mib(statSync(join(data.dir, first.file)).size)}`,
  );

  const csv = join(data.dir, '..', `year-${args.year}.csv`);
  await exportYearCsv(data.db, Number(args.year), csv);
  console.log(`file: every value of ${args.year}, ${mib(statSync(csv).size)} (${csv})`);

  const totals: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const result = await pandu(['import', csv, '--data', data.dir, '--replace']);
    if (result.code !== 0) {
      console.log(`run ${run}: pandu import exited ${result.code}\n${result.stderr}`);
      continue;
    }
    totals.push(result.wallMs);
    const current = await readCurrentPointer(data.dir);
    const size = current ? statSync(join(data.dir, current.file)).size : Number.NaN;
    const steps = describeSteps(result);
    console.log(
      `run ${run}: ${seconds(result.wallMs)} from spawn to exit -> version ${current?.version} (${mib(size)}); steps start at: ${steps}`,
    );
  }
  totals.sort((a, b) => a - b);
  if (totals.length > 0) {
    console.log(
      `publish of a national import (${totals.length} runs): median ${seconds(totals[Math.floor(totals.length / 2)] ?? Number.NaN)}, max ${seconds(totals.at(-1) ?? Number.NaN)} (goal <= 15 s)`,
    );
  }
} finally {
  await data.cleanup();
}
