// `pnpm --filter @pandu/db bench`: national-scale figures for the store. Prints; asserts nothing.
//   seed time of the default dataset, import throughput beside a bare DuckDB read of the same file,
//   and the median and p95 time of each aggregation.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/open-database.js';
import { seedDefaultDataset } from '../src/seed/seed-default-dataset.js';
import * as q from '../src/queries/index.js';
import { benchImport } from './import-throughput.js';
import { table, time, type Timing } from './measure.js';

const dir = await mkdtemp(join(tmpdir(), 'pandu-bench-'));
try {
  const db = await openDatabase(join(dir, 'pandu.duckdb'));
  const t0 = performance.now();
  const seeded = await seedDefaultDataset(db, {
    onProgress: (p) => process.stderr.write(`\rseed: ${p.step.padEnd(20)} ${p.done}/${p.total}`),
  });
  const seedSeconds = (performance.now() - t0) / 1000;
  process.stderr.write('\n');
  console.log(
    `seed: ${seeded.villages} villages, ${seeded.observations} observations in ${seedSeconds.toFixed(1)} s`,
  );

  const timings: Timing[] = [];
  const bench = async (label: string, fn: () => Promise<unknown>) => {
    timings.push(await time(label, fn));
  };
  await bench('indexByRegion nation 2024', () => q.indexByRegion(db, { year: 2024 }));
  await bench('indexByRegion 35 2024', () => q.indexByRegion(db, { code: '35', year: 2024 }));
  await bench('indexByRegion 35.05 desa', () =>
    q.indexByRegion(db, { code: '35.05', year: 2024, kind: 'desa' }),
  );
  await bench('timeseries nation', () => q.timeseries(db, {}));
  await bench('timeseries 35.05 pillar', () =>
    q.timeseries(db, { code: '35.05', measure: 'digital_safety' }),
  );
  await bench('divideSummary nation 2024', () => q.divideSummary(db, { year: 2024 }));
  await bench('divideSummary 35 2024', () => q.divideSummary(db, { code: '35', year: 2024 }));
  await bench('convergence nation', () => q.convergence(db, {}));
  await bench('convergence 35.05', () => q.convergence(db, { code: '35.05' }));
  for (const [label, fn] of extraQueries(db)) await bench(label, fn);
  console.log(
    '\n' +
      table(
        ['aggregation (national dataset)', 'runs', 'median ms', 'p95 ms'],
        timings.map((t) => [t.label, t.runs, t.medianMs.toFixed(2), t.p95Ms.toFixed(2)]),
      ),
  );

  const importRuns = 5;
  // The whole national dataset, re-imported (--replace) and imported again as new keys.
  const imports = await benchImport(db, { dir, runs: importRuns });
  console.log(
    '\n' +
      table(
        [`import (median of ${importRuns})`, 'rows', 'seconds', 'rows/s', 'share of bare read'],
        imports.map((r) => [
          r.label,
          r.rows,
          r.seconds.toFixed(2),
          Math.round(r.rowsPerSecond),
          r.shareOfBare === undefined ? '' : `1/${(1 / r.shareOfBare).toFixed(1)}`,
        ]),
      ),
  );
  await db.destroy();
} finally {
  await rm(dir, { recursive: true, force: true });
}

function extraQueries(
  db: Awaited<ReturnType<typeof openDatabase>>,
): Array<[string, () => Promise<unknown>]> {
  return [
    ['villageProfile Plosorejo', () => q.villageProfile(db, { code: '35.05.04.2014' })],
    ['lorenz nation 2024', () => q.lorenz(db, { year: 2024 })],
    ['distribution nation 2024', () => q.distribution(db, { year: 2024 })],
    ['distribution 35.05 2024', () => q.distribution(db, { code: '35.05', year: 2024 })],
    ['mentoringCoverage nation', () => q.mentoringCoverage(db, {})],
    ['mentoringImpact nation', () => q.mentoringImpact(db, {})],
    ['mentoringPriorities 35', () => q.mentoringPriorities(db, { code: '35' })],
    ['searchRegions plosorejo', () => q.searchRegions(db, { q: 'plosorejo' })],
  ];
}
