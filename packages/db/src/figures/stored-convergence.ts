import { sql, type Kysely } from 'kysely';
import type { SigmaYear } from '@pandu/domain';
import {
  assembleConvergence,
  ConvergenceInput,
  convergenceFitPlan,
  isBetaFit,
  type BetaFit,
  type Convergence,
} from '../queries/convergence.js';
import { completeCoverageOf, type CoverageOptions } from '../queries/year-coverage.js';
import type { Database } from '../schema/database.js';
import {
  coverageFromCounts,
  datasetCountsOfScan,
  defaultThreshold,
  freshColumn,
  kindMatches,
  lookupRow,
  sortedValues,
  storedScope,
  type StoredCount,
  type StoredScope,
} from './stored-scope.js';
import { sliceFigures } from './sorted-figures.js';
import { figureMemory, type ConvergenceFitRow } from './figure-memory.js';
import { storedDistrictRows } from './stored-district.js';

interface YearRow {
  year: number;
  n: number;
  villages: number;
  mean: number | null;
  cv: number | null;
  gini: number | null;
  below: number | null;
}

type Fit = ConvergenceFitRow;

/** A stored (or a district's computed) fit in the query's shape. */
function betaFit(f: Fit): BetaFit {
  return {
    slope: f.slope,
    intercept: f.intercept,
    r2: f.r2,
    n: f.n,
    excluded: f.excluded,
    sxx: f.sxx,
    syy: f.syy,
    sxy: f.sxy,
    absSlope: f.abs_slope,
    absIntercept: f.abs_intercept,
    absSxx: f.abs_sxx,
    absSyy: f.abs_syy,
    absSxy: f.abs_sxy,
  };
}

interface Stored {
  years: YearRow[];
  villages: number;
  dataset: StoredCount[];
  /** The regression between two years, stored or (for a district) computed. */
  fit: (first: number, last: number) => Fit | null;
}

async function storedConvergenceInputs(
  db: Kysely<Database>,
  key: StoredScope,
  threshold: number,
): Promise<Stored | null> {
  if (key.level === 'district') return districtInputs(db, key, threshold);
  const memory = await figureMemory(db);
  const row = memory
    ? {
        years:
          memory.figures(key.code, key.kind, key.measure)?.map((r) => ({
            year: r.year,
            n: r.n,
            villages: r.villages,
            mean: r.mean,
            cv: r.cv,
            gini: r.gini,
            below: r.below,
          })) ?? null,
        fits: memory.fits(key.code, key.kind, key.measure),
        dataset: memory.datasetCounts(key.measure),
        fresh: memory.fresh,
      }
    : await lookupRow(
        db,
        sql<{
          years: YearRow[] | null;
          fits: Fit[] | null;
          dataset: StoredCount[] | null;
          fresh: boolean;
        }>`select
        list(struct_pack(year := year::integer, n, villages, mean, cv, gini, below) order by year)
          filter (where code = ${key.code} and kind = ${key.kind}) as years,
        (select list(struct_pack(first_year := first_year::integer,
            last_year := last_year::integer, n, excluded, slope, intercept, r2, sxx, syy, sxy,
            abs_slope, abs_intercept, abs_sxx, abs_syy, abs_sxy))
          from scope_convergence
          where code = ${key.code} and kind = ${key.kind} and measure = ${key.measure}) as fits,
        ${datasetCountsOfScan()} as dataset, ${await freshColumn(db)} as fresh
      from scope_figures
      where measure = ${key.measure}
        and ((code = ${key.code} and kind = ${key.kind}) or (code = '' and kind = 'all'))`,
      );
  if (!row?.fresh || !row.years || !row.dataset) return null;
  const fits = row.fits ?? [];
  return {
    years: row.years,
    villages: row.years[0]?.villages ?? 0,
    dataset: row.dataset,
    fit: (first, last) => fits.find((f) => f.first_year === first && f.last_year === last) ?? null,
  };
}

/** A district's yearly figures and regressions from its villages' rows. */
async function districtInputs(
  db: Kysely<Database>,
  key: StoredScope,
  threshold: number,
): Promise<Stored | null> {
  const row = await storedDistrictRows(db, key);
  if (!row) return null;
  const villages = row.kinds.filter((k) => kindMatches(key.kind, k)).length;
  const rows = row.rows.filter((r) => kindMatches(key.kind, r.kind));
  const years = row.dataset.map((d): YearRow => {
    const values = rows.filter((r) => r.year === d.year && r.y !== null).map((r) => r.y as number);
    if (values.length === 0) {
      return { year: d.year, n: 0, villages, mean: null, cv: null, gini: null, below: null };
    }
    const f = sliceFigures(sortedValues(values), 0, values.length, threshold);
    return {
      year: d.year,
      n: values.length,
      villages,
      mean: f.mean,
      cv: f.cv,
      gini: f.gini,
      below: f.below,
    };
  });
  const fit = (first: number, last: number): Fit => {
    const at = (year: number) =>
      new Map(
        rows.filter((r) => r.year === year && r.y !== null).map((r) => [r.village, r.y as number]),
      );
    const y0 = at(first);
    const y1 = at(last);
    const xs: number[] = [];
    const gs: number[] = [];
    const ls: number[] = [];
    const ds: number[] = [];
    let excluded = 0;
    for (const [village, a] of y0) {
      const b = y1.get(village);
      if (b === undefined) continue;
      if (!(a > 0 && b > 0)) {
        excluded++;
        continue;
      }
      xs.push(Math.log(a));
      gs.push(Math.log(b / a) / (last - first));
      ls.push(a);
      ds.push((b - a) / (last - first));
    }
    const rel = regression(xs, gs);
    const abs = regression(ls, ds);
    return {
      first_year: first,
      last_year: last,
      n: xs.length,
      excluded,
      ...rel,
      abs_slope: abs.slope,
      abs_intercept: abs.intercept,
      abs_sxx: abs.sxx,
      abs_syy: abs.syy,
      abs_sxy: abs.sxy,
    };
  };
  return { years, villages, dataset: row.dataset, fit };
}

/** A regression's figures, as a stored fit holds them. */
type Regression = Pick<ConvergenceFitRow, 'slope' | 'intercept' | 'r2' | 'sxx' | 'syy' | 'sxy'>;

/**
 * DuckDB's regr_slope, regr_intercept, regr_r2, regr_sxx, regr_syy and regr_sxy (two passes about
 * the means).
 */
function regression(xs: readonly number[], gs: readonly number[]): Regression {
  const n = xs.length;
  const none = { slope: null, intercept: null, r2: null, sxx: null, syy: null, sxy: null };
  if (n === 0) return none;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const mg = gs.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxg = 0;
  let sgg = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dg = (gs[i] as number) - mg;
    sxx += dx * dx;
    sxg += dx * dg;
    sgg += dg * dg;
  }
  // DuckDB's regr_sxx etc. have a value over one village or equal ones; the line does not.
  const sums = { sxx, syy: sgg, sxy: sxg };
  if (sxx === 0) return { ...none, ...sums };
  const slope = sxg / sxx;
  return {
    slope,
    intercept: mg - slope * mx,
    r2: sgg === 0 ? 1 : (sxg * sxg) / (sxx * sgg),
    ...sums,
  };
}

/**
 * {@link convergence} from the stored figures: the region's yearly figures, its stored
 * regressions and the dataset's counts in one lookup (a district's computed from its villages'
 * rows). Null when not precomputed: a threshold other than the default, fit years whose
 * regression is not stored (a completeness threshold other than the default moved them), stale
 * figures, or too few years (the on-demand query then throws NoDataError).
 *
 * @example
 * ```ts
 * const c = (await storedConvergence(db, { code: '35' })) ?? (await convergence(db, { code: '35' }));
 * ```
 */
export async function storedConvergence(
  db: Kysely<Database>,
  input: ConvergenceInput,
  options?: CoverageOptions,
): Promise<Convergence | null> {
  const scoped = storedScope(ConvergenceInput, input);
  if (!scoped) return null;
  const { key, parsed } = scoped;
  const threshold = defaultThreshold(key.measure, parsed.threshold);
  if (threshold === null) return null;
  let completeCoverage: number;
  try {
    completeCoverage = completeCoverageOf(options);
  } catch {
    return null;
  }
  const stored = await storedConvergenceInputs(db, key, threshold);
  if (!stored) return null;
  const withValue = stored.years.filter((y) => y.n > 0);
  const years: SigmaYear[] = withValue.map((r) => ({
    year: r.year,
    n: r.n,
    mean: r.mean as number,
    cv: r.cv as number,
    gini: r.gini as number,
  }));
  if (years.length < 2) return null;
  const coverageByYear = new Map(
    coverageFromCounts(
      stored.dataset,
      new Map(stored.years.map((y) => [y.year, y])),
      stored.villages,
      completeCoverage,
    ).map((c) => [c.year, c]),
  );
  const plan = convergenceFitPlan(years, coverageByYear, parsed.includePartial ?? false);
  if (plan.xs.length < 2) return null;
  const f = stored.fit(plan.xs[0] as number, plan.xs[plan.xs.length - 1] as number);
  if (!f) return null;
  const b = betaFit(f);
  if (!isBetaFit(b)) return null;
  return assembleConvergence({
    measure: key.measure,
    threshold,
    years,
    plan,
    beta: b,
    below: withValue.map((r) => ({ year: r.year, below: r.below as number, n: r.n })),
  });
}
