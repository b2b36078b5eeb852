// Cold stored lookups, in process, on a national database whose figures are fresh: each call a
// distinct input (code, year, measure, kind), p50/p95/max per procedure and level.
//   node --import tsx bench/stored-lookups.ts /tmp/copy-of-national.duckdb
import { sql } from 'kysely';
import { INDEX_MEASURES, KIND_FILTERS } from '@pandu/domain';
import { openDatabase } from '../src/open-database.js';
import { figuresAreFresh } from '../src/figures/figures-are-fresh.js';
import { refreshFigures } from '../src/figures/refresh-figures.js';
import {
  storedChildConvergence,
  storedConvergence,
  storedDistribution,
  storedDivideSummary,
  storedIndexByRegion,
  storedLorenz,
  storedTimeseries,
} from '../src/figures/index.js';

const path = process.argv[2];
if (!path) throw new Error('usage: stored-lookups.ts <database>');
const PER_LEVEL = Number(process.argv[3] ?? 40);
const writable = await openDatabase(path);
if (!(await figuresAreFresh(writable))) {
  const t0 = performance.now();
  await writable.transaction().execute((trx) => refreshFigures(trx));
  console.log(`refreshed in ${(performance.now() - t0).toFixed(0)} ms`);
}
await writable.destroy();
const db = await openDatabase(path, { readOnly: true });

let seed = 20211102;
const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const codesOf = async (level: string) =>
  (
    await sql<{ code: string }>`select code from regions where level = ${level}`.execute(db)
  ).rows.map((r) => r.code);
const levels: Record<string, Array<string | undefined>> = {
  nation: [undefined],
  province: await codesOf('province'),
  regency: await codesOf('regency'),
  district: await codesOf('district'),
};
const kinds = KIND_FILTERS.filter((k) => k !== 'desa_adat');
const procedures: Record<string, (code: string | undefined) => Promise<unknown>> = {
  'divide.summary': (code) =>
    storedDivideSummary(db, {
      code,
      year: 2020 + Math.floor(random() * 6),
      measure: pick(INDEX_MEASURES),
      kind: pick(kinds),
    }),
  'index.byRegion': (code) =>
    storedIndexByRegion(db, {
      code,
      year: 2020 + Math.floor(random() * 6),
      measure: pick(INDEX_MEASURES),
      kind: pick(kinds),
    }),
  'index.timeseries': (code) =>
    storedTimeseries(db, { code, measure: pick(INDEX_MEASURES), kind: pick(kinds) }),
  'divide.lorenz': (code) =>
    storedLorenz(db, {
      code,
      year: 2020 + Math.floor(random() * 6),
      measure: pick(INDEX_MEASURES),
      kind: pick(kinds),
    }),
  'divide.distribution': (code) =>
    storedDistribution(db, {
      code,
      year: 2020 + Math.floor(random() * 6),
      measure: pick(INDEX_MEASURES),
      kind: pick(kinds),
    }),
  'divide.convergence': (code) =>
    storedConvergence(db, { code, measure: pick(INDEX_MEASURES), kind: pick(kinds) }),
  'divide.childConvergence': (code) =>
    storedChildConvergence(db, { code, measure: pick(INDEX_MEASURES), kind: pick(kinds) }),
};
const q = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] as number;
const lines: string[] = [];
for (const [name, run] of Object.entries(procedures)) {
  for (const [level, codes] of Object.entries(levels)) {
    const times: number[] = [];
    let nulls = 0;
    for (let i = 0; i < PER_LEVEL; i++) {
      const code = pick(codes);
      const t0 = performance.now();
      const result = await run(code);
      times.push(performance.now() - t0);
      if (result === null) nulls++;
    }
    times.sort((a, b) => a - b);
    lines.push(
      `${name.padEnd(24)} ${level.padEnd(9)} p50 ${q(times, 0.5).toFixed(2).padStart(6)} ms  p95 ${q(times, 0.95).toFixed(2).padStart(6)} ms  max ${(times.at(-1) as number).toFixed(2).padStart(6)} ms  null ${nulls}/${PER_LEVEL}`,
    );
  }
}
console.log(lines.join('\n'));
await db.destroy();
