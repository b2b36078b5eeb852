// `node --import tsx bench/mentoring-figures.ts <copy-of-a-database.duckdb> [runs]` (from
// packages/db): the stored mentoring figures on a real database. Prints; asserts nothing.
//   1. refreshMentoringFigures inside a transaction, `runs` times (default 3): wall and process
//      CPU time (DuckDB's threads included) of each part, and the file size before and after.
//   2. the database reopened (a cold buffer cache), then every stored read over distinct inputs
//      at each level (nation, province, regency, district): p50, p95 and max, each input asked
//      once, as a page's first visit would.
//   3. the same lookups through the on-demand queries, for a few inputs per level, to compare.
// The file is written to: pass a copy (cp /work/bench/national.duckdb /tmp/x.duckdb).
import { stat } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { sql, type Kysely } from 'kysely';
import { INDEX_MEASURES, SECTORS, type IndexMeasure, type Sector } from '@pandu/domain';
import { openDatabase } from '../src/open-database.js';
import type { Database } from '../src/schema/database.js';
import { refreshFigures } from '../src/figures/refresh-figures.js';
import { refreshMentoringFigures } from '../src/figures/mentoring-figures.js';
import { storedMentoringCoverage } from '../src/figures/mentoring-coverage-figures.js';
import { storedMentoringImpact } from '../src/figures/mentoring-impact-figures.js';
import { storedMentoringPriorities } from '../src/figures/mentoring-priority-figures.js';
import { mentoringCoverage } from '../src/queries/mentoring-coverage.js';
import { mentoringImpact } from '../src/queries/mentoring-impact.js';
import { mentoringPriorities } from '../src/queries/mentoring-priorities.js';
import { table } from './measure.js';

const path = process.argv[2];
if (!path) throw new Error('usage: mentoring-figures.ts <copy-of-a-database.duckdb> [runs]');
const runs = Number(process.argv[3] ?? 3);
const mb = async () => ((await stat(path)).size / 2 ** 20).toFixed(1);
const cpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};
console.log(
  `${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

const sizeBefore = await mb();
let db = await openDatabase(path);
const refreshRows: string[][] = [];
for (let i = 0; i < runs; i++) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const parts = await db.transaction().execute((trx) => refreshMentoringFigures(trx));
  refreshRows.push([
    String(i + 1),
    parts.coverage.toFixed(0),
    parts.impact.toFixed(0),
    parts.priorities.toFixed(0),
    (parts.coverage + parts.impact + parts.priorities).toFixed(0),
    (performance.now() - wall).toFixed(0),
    cpuMs(cpu).toFixed(0),
  ]);
}
// Stamp the figures fresh for the lookups below, as every write path does (this runs the
// mentoring refresh once more, and whatever else refreshFigures computes).
await db.transaction().execute((trx) => refreshFigures(trx));
await sql`checkpoint`.execute(db);
console.log(
  table(
    [
      'refresh run',
      'coverage ms',
      'impact ms',
      'priorities ms',
      'mentoring ms',
      'with commit ms',
      'process cpu ms',
    ],
    refreshRows,
  ),
);
const counts = await sql<{ name: string; n: number }>`
  select table_name as name, estimated_size::integer as n from duckdb_tables()
  where table_name like 'mentoring_%figures' or table_name like 'mentoring_priority_%'
  order by 1`.execute(db);
console.log(counts.rows.map((r) => `${r.name}: ${r.n} rows`).join(', '));
await db.destroy();
console.log(
  `file: ${sizeBefore} MiB before, ${await mb()} MiB after ${runs + 1} refreshes (checkpointed; ` +
    'rows deleted by a refresh leave free blocks that a later checkpoint reuses)\n',
);

// Lookups, cold: the file opened afresh, each input asked once.
db = await openDatabase(path, { readOnly: true });
const regions = async (level: string, n: number) =>
  (
    await sql<{ code: string }>`
      select code from regions where level = ${level} order by hash(code) limit ${n}`.execute(db)
  ).rows.map((r) => r.code);
const sectors: Array<Sector | undefined> = [undefined, ...SECTORS.map((s) => s.code)];
const levels: Array<[string, Array<string | undefined>]> = [
  ['nation', [undefined]],
  ['province', await regions('province', 30)],
  ['regency', await regions('regency', 30)],
  ['district', await regions('district', 30)],
];
interface Input {
  code?: string;
  sector?: Sector;
  measure?: IndexMeasure;
}
const inputsOf = (codes: Array<string | undefined>, withMeasure: boolean): Input[] =>
  Array.from({ length: 30 }, (_, i) => {
    const code = codes[i % codes.length];
    const sector = sectors[i % sectors.length];
    const measure = INDEX_MEASURES[(i * 3) % INDEX_MEASURES.length];
    return {
      ...(code ? { code } : {}),
      ...(sector ? { sector } : {}),
      ...(withMeasure ? { measure } : {}),
    };
  }).filter((x, i, all) => all.findIndex((y) => JSON.stringify(y) === JSON.stringify(x)) === i);

const procedures: Array<
  [string, boolean, (db: Kysely<Database>, i: Input) => Promise<unknown>, typeof mentoringImpact]
> = [
  [
    'coverage',
    false,
    storedMentoringCoverage,
    mentoringCoverage as unknown as typeof mentoringImpact,
  ],
  ['impact', true, storedMentoringImpact, mentoringImpact],
  [
    'priorities',
    false,
    (d, i) => storedMentoringPriorities(d, { ...i, limit: 25 }),
    ((d: Kysely<Database>, i: Input) =>
      mentoringPriorities(d, { ...i, limit: 25 })) as unknown as typeof mentoringImpact,
  ],
];
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
const rows: string[][] = [];
for (const [name, withMeasure, stored, onDemand] of procedures) {
  for (const [level, codes] of levels) {
    const inputs = inputsOf(codes, withMeasure);
    const ms: number[] = [];
    let missing = 0;
    for (const input of inputs) {
      const t0 = performance.now();
      const result = await stored(db, input);
      ms.push(performance.now() - t0);
      if (result === null) missing++;
    }
    ms.sort((a, b) => a - b);
    const slow: number[] = [];
    for (const input of inputs.slice(0, 5)) {
      const t0 = performance.now();
      await onDemand(db, input).catch(() => undefined);
      slow.push(performance.now() - t0);
    }
    slow.sort((a, b) => a - b);
    rows.push([
      `mentoring.${name}`,
      level,
      String(inputs.length),
      String(missing),
      pct(ms, 0.5).toFixed(2),
      pct(ms, 0.95).toFixed(2),
      (ms.at(-1) ?? NaN).toFixed(2),
      pct(slow, 0.5).toFixed(1),
    ]);
  }
}
console.log(
  table(
    [
      'stored read',
      'level',
      'inputs',
      'not stored',
      'p50 ms',
      'p95 ms',
      'max ms',
      'on-demand p50 ms (5)',
    ],
    rows,
  ),
);
await db.destroy();
