// Cold stored lookups, in process, on a national database whose figures are fresh: each call a
// distinct input (code, year, measure, kind), p50/p95/min/max per procedure and level, and the
// on-demand query's p50 on the same inputs beside it (on a busy machine the pair and the min say
// more than the p95).
//   node --import tsx bench/stored-lookups.ts /tmp/copy-of-national.duckdb [calls per level]
import { sql } from 'kysely';
import { INDEX_MEASURES, KIND_FILTERS } from '@pandu/domain';
import { openDatabase } from '../src/open-database.js';
import { figuresAreFresh } from '../src/figures/figures-are-fresh.js';
import { refreshFigures } from '../src/figures/refresh-figures.js';
import * as q from '../src/queries/index.js';
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
const year = () => 2020 + Math.floor(random() * 6);
const measure = () => pick(INDEX_MEASURES);
type Pair = [stored: () => Promise<unknown>, onDemand: () => Promise<unknown>];
const procedures: Record<string, (code: string | undefined) => Pair> = {
  'divide.summary': (code) => {
    const input = { code, year: year(), measure: measure(), kind: pick(kinds) };
    return [() => storedDivideSummary(db, input), () => q.divideSummary(db, input)];
  },
  'index.byRegion': (code) => {
    const input = { code, year: year(), measure: measure(), kind: pick(kinds) };
    return [() => storedIndexByRegion(db, input), () => q.indexByRegion(db, input)];
  },
  'index.timeseries': (code) => {
    const input = { code, measure: measure(), kind: pick(kinds) };
    return [() => storedTimeseries(db, input), () => q.timeseries(db, input)];
  },
  'divide.lorenz': (code) => {
    const input = { code, year: year(), measure: measure(), kind: pick(kinds) };
    return [() => storedLorenz(db, input), () => q.lorenz(db, input)];
  },
  'divide.distribution': (code) => {
    const input = { code, year: year(), measure: measure(), kind: pick(kinds) };
    return [() => storedDistribution(db, input), () => q.distribution(db, input)];
  },
  'divide.convergence': (code) => {
    const input = { code, measure: measure(), kind: pick(kinds) };
    return [() => storedConvergence(db, input), () => q.convergence(db, input)];
  },
  'divide.childConvergence': (code) => {
    const input = { code, measure: measure(), kind: pick(kinds) };
    return [() => storedChildConvergence(db, input), () => q.childConvergence(db, input)];
  },
};
const quantile = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] as number;
const q50 = (xs: number[]) => quantile(xs, 0.5);
const q95 = (xs: number[]) => quantile(xs, 0.95);
const lines: string[] = [];
const timed = async (run: () => Promise<unknown>) => {
  const t0 = performance.now();
  const result = await run().catch(() => null);
  return { ms: performance.now() - t0, result };
};
for (const [name, make] of Object.entries(procedures)) {
  for (const [level, codes] of Object.entries(levels)) {
    const times: number[] = [];
    const onDemand: number[] = [];
    let nulls = 0;
    for (let i = 0; i < PER_LEVEL; i++) {
      const [stored, reference] = make(pick(codes));
      const s = await timed(stored);
      times.push(s.ms);
      if (s.result === null) nulls++;
      onDemand.push((await timed(reference)).ms);
    }
    times.sort((a, b) => a - b);
    onDemand.sort((a, b) => a - b);
    const f = (x: number) => x.toFixed(2).padStart(6);
    lines.push(
      `${name.padEnd(24)} ${level.padEnd(9)} stored p50 ${f(q50(times))} p95 ${f(q95(times))} min ${f(times[0] as number)} max ${f(times.at(-1) as number)} ms (null ${nulls}/${PER_LEVEL}) | on demand p50 ${f(q50(onDemand))} ms`,
    );
  }
}
console.log(lines.join('\n'));
await db.destroy();
