import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import {
  IndexMeasure,
  KindFilter,
  RegionCode,
  CONVERGENCE_MIN_VILLAGES,
  betaSpeed,
  convergenceVerdict,
  linearTrend,
  olsInference,
  olsInferenceFromSums,
  shareBelowProjection,
  yearReaching,
  type BetaConvergence,
  type ConvergenceVerdict,
  type ShareBelowProjection,
  type SigmaYear,
  type SlopeInference,
} from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { NoDataError } from '../errors.js';
import { assertRegionExists } from './assert-region-exists.js';
import { DEFAULT_MEASURE, kindFilter, measureColumn, regionScope } from '../sql/index.js';
import { parseQueryInput } from './parse-query-input.js';
import { Threshold, measureThreshold } from './query-fields.js';
import {
  completeCoverageOf,
  scopeYearCoverage,
  type CoverageOptions,
  type YearCoverage,
} from './year-coverage.js';

/**
 * Input of {@link convergence}: the region (`code`, the nation when absent), the measure (default
 * `skills_index`), which villages by kind (default all) and the "lagging" cut-off (default from
 * the domain's MEASURE_SCALES).
 *
 * @example
 * ```ts
 * ConvergenceInput.parse({ code: '35', measure: 'digital_skills', threshold: 3 });
 * ```
 */
export const ConvergenceInput = z.object({
  code: RegionCode.optional(),
  measure: IndexMeasure.optional(),
  kind: KindFilter.optional(),
  threshold: Threshold.optional(),
  /**
   * Fit the trends over partial years too (default false: a year few villages have is shown in
   * `sigma.years` and `shareBelow` but left out of every slope, fit and projection).
   */
  includePartial: z.boolean().optional(),
});
export type ConvergenceInput = z.input<typeof ConvergenceInput>;

/** Slope inference without the slope's `n` (the answer says its n beside it). */
export type TrendInference = Omit<SlopeInference, 'n'>;

/** The absolute beta fit: the annual change in level regressed on the initial level. */
export interface AbsoluteBeta extends TrendInference {
  intercept: number;
  r2: number;
  /** -ln(1 + bT) / T; null when 1 + bT <= 0. */
  speed: number | null;
  /** Years to halve the absolute gaps (in points of the measure); null unless speed > 0. */
  halfLifeYears: number | null;
}

/** Is the divide closing, and how fast: sigma and beta convergence of a region's villages. */
export interface Convergence {
  measure: IndexMeasure;
  /**
   * CV and Gini per year, with their OLS slopes over `fit.years` and each slope's standard error,
   * t, p-value and 95 % interval (`cv`, `gini`). `verdict` (the domain's convergenceVerdict):
   * converging only when both slopes fall significantly at 5 % and the fitted years each have at
   * least CONVERGENCE_MIN_VILLAGES villages (`villages` is the fewest of them).
   */
  sigma: {
    years: SigmaYear[];
    /** @deprecated Use `cv.slope` and `gini.slope` (the same numbers, with their inference). */
    trend: { cvSlopePerYear: number; giniSlopePerYear: number };
    cv: TrendInference;
    gini: TrendInference;
    villages: number;
    verdict: ConvergenceVerdict;
    /** @deprecated Use `verdict === 'converging'` (kept for callers of the boolean). */
    converging: boolean;
  };
  /**
   * Growth from the first to the last year regressed on the first year's level (villages with
   * both). `excluded` villages had both values but one of them 0: log growth is undefined there,
   * so they are left out of the regression and counted here rather than dropped silently. The
   * slope's standard error, t, p-value and 95 % interval from the residual sum of squares, its
   * verdict over `n` villages, and `absolute`: the same villages' fit on levels (the half-life of
   * absolute gaps beside `halfLifeYears`, the half-life of relative gaps).
   */
  beta: BetaConvergence &
    TrendInference & {
      firstYear: number;
      lastYear: number;
      excluded: number;
      verdict: ConvergenceVerdict;
      /** @deprecated Use `verdict === 'converging'` (kept for callers of the boolean). */
      converging: boolean;
      absolute: AbsoluteBeta | null;
    };
  /** Share of villages strictly below the threshold, per year. */
  shareBelow: Array<{ year: number; share: number }>;
  threshold: number;
  /**
   * The fewest villages a verdict needs (the domain's CONVERGENCE_MIN_VILLAGES): below it the
   * verdicts are 'too-few-villages'.
   */
  minVillages: number;
  /**
   * When the share below the threshold falls below 1 % on its logit trend over the fitted years
   * (the domain's shareBelowProjection): never a year before the last fitted year while that
   * year's share is at or above the level; `already-below` when it is under it.
   */
  shareBelowProjection: ShareBelowProjection;
  /**
   * @deprecated Use `shareBelowProjection`. The year the share below the threshold reaches 0 on
   * its straight-line trend; null when the trend does not fall, and null when the line reaches 0
   * at or before the last fitted year while villages are still below there (a straight line
   * crosses 0; the share cannot).
   */
  yearShareBelowReachesZero: number | null;
  shareBelowTrend: { slope: number; intercept: number; r2: number } | null;
  /** Each year of `sigma.years`: how many of the scope's villages have the measure, and their share. */
  coverage: YearCoverage[];
  /**
   * The years the slopes, the beta fit and the projection are computed over, and the partial years
   * left out of them (none when `includePartial` was asked for: then `includesPartial` lists the
   * partial years fitted).
   */
  fit: { years: number[]; partialExcluded: number[]; includesPartial: number[] };
}

/**
 * Sigma convergence (CV and Gini per year and their trend), beta convergence (OLS of annualised
 * log growth on the log of the initial level, in DuckDB's `regr_*`; and of the change in level on
 * the level, the absolute fit), each slope with its standard error, p-value, 95 % interval and
 * verdict, and when the share below the threshold falls below 1 % on its logit trend. Same
 * definitions as the domain's `sigmaConvergence`, `betaConvergence`, `absoluteBetaConvergence`,
 * `olsInference`, `convergenceVerdict` and `shareBelowProjection`; only yearly aggregates and
 * regression sums leave DuckDB. Partial years (see
 * `yearCoverage`) are listed with their `coverage` but left out of every fit unless
 * `includePartial`; `fit` says which years were fitted and which were left out.
 *
 * @example
 * ```ts
 * const c = await convergence(db, { code: '35' });
 * c.sigma.verdict; // 'converging' (both trends p < 0.001, 8,379 villages)
 * c.beta.halfLifeYears; // 11.0: relative gaps halve in 11 years
 * c.beta.absolute?.halfLifeYears; // 14.9: absolute gaps (points) in 15
 * c.shareBelowProjection; // { kind: 'already-below', level: 0.01, lastYear: 2025, ... }
 * ```
 */
export async function convergence(
  db: Kysely<Database>,
  input: ConvergenceInput,
  options?: CoverageOptions,
): Promise<Convergence> {
  // Inputs are checked before the database is asked anything.
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const parsed = parseQueryInput(ConvergenceInput, input);
  const measure = parsed.measure ?? DEFAULT_MEASURE;
  const m = measureColumn(measure);
  const threshold = measureThreshold(measure, parsed.threshold);
  const kind = kindFilter(parsed.kind);
  const where = sql`${scope.where} and ${kind} and ${m} is not null`;
  const completeCoverage = completeCoverageOf(options);
  await assertRegionExists(db, scope);

  const yearly = await sql<SigmaYear & { below: number; sum: number; sd: number; gnum: number }>`
    with ranked as (
      select year, ${m} as y,
        row_number() over (partition by year order by ${m}) as i,
        count(*) over (partition by year) as n
      from village_index where ${where}
    )
    select year::integer as "year", count(*)::integer as "n", avg(y) as "mean",
      coalesce(stddev_pop(y), 0) as "sd", sum(y) as "sum",
      sum((2 * i - n - 1) * y) as "gnum",
      count(*) filter (where y < ${threshold})::integer as "below"
    from ranked group by year order by year`.execute(db);
  const years: SigmaYear[] = yearly.rows.map((r) => ({
    year: r.year,
    n: r.n,
    mean: r.mean,
    cv: r.mean > 0 ? r.sd / r.mean : 0,
    gini: r.sum > 0 ? r.gnum / (r.n * r.sum) : 0,
  }));
  if (years.length < 2) {
    throw new NoDataError(
      `convergence needs two years of ${measure} in ${scope.code ?? 'the nation'}, found ${years.length}`,
    );
  }
  // A partial year (one village's values imported for a new year) is no year of the scope: its
  // CV, Gini and share below are of a handful of villages. It stays in the yearly lists, marked
  // by `coverage`, and is fitted only when asked for.
  const allCoverage = await scopeYearCoverage(db, scope, kind, m, completeCoverage);
  const coverageByYear = new Map(allCoverage.map((c) => [c.year, c]));
  const plan = convergenceFitPlan(years, coverageByYear, parsed.includePartial ?? false);
  if (plan.xs.length < 2) {
    throw new NoDataError(
      `convergence needs two complete years of ${measure} in ${scope.code ?? 'the nation'}, found ${plan.xs.length} (partial: ${plan.partial.join(', ')}; ask with includePartial to fit them)`,
    );
  }
  const firstYear = plan.xs[0] as number;
  const lastYear = plan.xs[plan.xs.length - 1] as number;
  const span = lastYear - firstYear;
  // Pairs by pivoting rather than a self-join: the scope filter names unqualified columns.
  const betaRow = await sql<BetaFit>`
    with pairs as (
      select village_code,
        max(${m}) filter (where year = ${firstYear}) as y0,
        max(${m}) filter (where year = ${lastYear}) as y1
      from village_index
      where ${where} and year in (${firstYear}, ${lastYear})
      group by village_code
    ), logs as (
      -- Null (skipped by regr_* and count) where a value is 0: DuckDB's ln(0) is an error. The
      -- absolute fit (levels) takes the same villages, so the two half-lives are of one sample.
      select case when y0 > 0 and y1 > 0 then ln(y0) end as x,
        case when y0 > 0 and y1 > 0 then ln(y1 / y0) / ${span} end as g,
        case when y0 > 0 and y1 > 0 then y0 end as l,
        case when y0 > 0 and y1 > 0 then (y1 - y0) / ${span} end as d
      from pairs where y0 is not null and y1 is not null
    )
    select regr_slope(g, x) as slope, regr_intercept(g, x) as intercept, regr_r2(g, x) as r2,
      count(x)::integer as n, (count(*) - count(x))::integer as excluded,
      regr_sxx(g, x) as sxx, regr_syy(g, x) as syy, regr_sxy(g, x) as sxy,
      regr_slope(d, l) as "absSlope", regr_intercept(d, l) as "absIntercept",
      regr_sxx(d, l) as "absSxx", regr_syy(d, l) as "absSyy", regr_sxy(d, l) as "absSxy"
    from logs`.execute(db);
  const b = betaRow.rows[0];
  if (!b || !isBetaFit(b)) {
    throw new NoDataError(
      `beta convergence needs two villages with ${measure} in ${firstYear} and ${lastYear}`,
    );
  }
  return assembleConvergence({
    measure,
    threshold,
    years,
    plan,
    beta: b,
    below: yearly.rows.map((r) => ({ year: r.year, below: r.below, n: r.n })),
  });
}

/**
 * The beta regression of a scope, as DuckDB's regr_* (or the stored sums) give it: the relative
 * fit (log growth on log level) with its centred sums S_xx, S_yy, S_xy (regr_sxx, regr_syy,
 * regr_sxy, from which the slope's standard error follows), and the absolute fit (change in level
 * on level, `abs*`) of the same villages.
 */
export interface BetaFit {
  slope: number | null;
  intercept: number | null;
  r2: number | null;
  n: number;
  excluded: number;
  sxx: number | null;
  syy: number | null;
  sxy: number | null;
  absSlope: number | null;
  absIntercept: number | null;
  absSxx: number | null;
  absSyy: number | null;
  absSxy: number | null;
}

/** Whether a beta fit has a line: a slope and an intercept from at least two villages. */
export function isBetaFit(b: BetaFit): b is BetaFit & { slope: number; intercept: number } {
  return b.slope !== null && b.intercept !== null && b.n >= 2;
}

/** Which years the trends are fitted over: the complete ones, or all with `includePartial`. */
export interface ConvergenceFitPlan {
  coverage: YearCoverage[];
  partial: number[];
  includePartial: boolean;
  fitted: SigmaYear[];
  /** The fitted years. */
  xs: number[];
}

/**
 * The years a convergence answer fits, from each year's coverage: a year without one counts as
 * partial. Shared by the on-demand query and the stored read.
 */
export function convergenceFitPlan(
  years: readonly SigmaYear[],
  coverageByYear: ReadonlyMap<number, YearCoverage>,
  includePartial: boolean,
): ConvergenceFitPlan {
  const coverage = years.map(
    (y) => coverageByYear.get(y.year) ?? { year: y.year, villages: y.n, share: 0, complete: false },
  );
  const partial = coverage.filter((c) => !c.complete).map((c) => c.year);
  const fitted = includePartial ? [...years] : years.filter((y) => !partial.includes(y.year));
  return { coverage, partial, includePartial, fitted, xs: fitted.map((y) => y.year) };
}

/**
 * The convergence answer from its parts (the yearly figures, the years fitted, the beta fit and
 * the yearly share below the threshold): the trends, the speed and half-life (the domain's
 * betaConvergence: speed = -ln(1 + b T) / T, half-life = ln 2 / speed) and the projected year
 * the share reaches zero. Shared by the on-demand query and the stored read, so the two cannot
 * drift apart.
 */
export function assembleConvergence(parts: {
  measure: IndexMeasure;
  threshold: number;
  years: SigmaYear[];
  plan: ConvergenceFitPlan;
  beta: BetaFit & { slope: number; intercept: number };
  /** Each year's villages strictly below the threshold, of its `n` with a value. */
  below: { year: number; below: number; n: number }[];
}): Convergence {
  const { measure, threshold, years, plan, beta: b, below } = parts;
  const { xs, fitted } = plan;
  const cv = trendInference(
    olsInference(
      xs,
      fitted.map((y) => y.cv),
    ),
  );
  const gini = trendInference(
    olsInference(
      xs,
      fitted.map((y) => y.gini),
    ),
  );
  const villages = Math.min(...fitted.map((y) => y.n));
  const sigmaVerdict = convergenceVerdict([cv, gini], villages);
  const firstYear = xs[0] as number;
  const lastYear = xs[xs.length - 1] as number;
  const span = lastYear - firstYear;
  const betaInference = sumsInference(b.n, b.sxx, b.syy, b.sxy, b.slope);
  const betaVerdict = convergenceVerdict([betaInference], b.n);
  const shareBelow = below.map((r) => ({ year: r.year, share: r.below / r.n }));
  const belowFitted = below.filter((r) => xs.includes(r.year));
  const shareFitted = belowFitted.map((r) => ({ year: r.year, share: r.below / r.n }));
  const trend = linearTrend(
    shareFitted.map((s) => s.year),
    shareFitted.map((s) => s.share),
  );
  const lastShare = shareFitted.at(-1)?.share ?? 0;
  const line =
    trend.slope < 0
      ? yearReaching(
          shareFitted.map((s) => ({ year: s.year, value: s.share })),
          0,
        )
      : null;
  // A straight line reaching 0 at or before the last fitted year while villages are still below
  // there is no projection (issue 12: 2024.28 for Jawa Timur with 6 villages below in 2025).
  const reaches = line !== null && line <= lastYear && lastShare > 0 ? null : line;
  return {
    measure,
    sigma: {
      years,
      trend: { cvSlopePerYear: cv.slope, giniSlopePerYear: gini.slope },
      cv,
      gini,
      villages,
      verdict: sigmaVerdict,
      converging: sigmaVerdict === 'converging',
    },
    beta: {
      intercept: b.intercept,
      // DuckDB's regr_r2 is null when the growth is constant; the fit then explains nothing new.
      r2: b.r2 ?? 0,
      n: b.n,
      ...betaSpeed(b.slope, span),
      ...betaInference,
      verdict: betaVerdict,
      converging: betaVerdict === 'converging',
      absolute: absoluteBeta(b, span),
      firstYear,
      lastYear,
      excluded: b.excluded,
    },
    shareBelow,
    threshold,
    minVillages: CONVERGENCE_MIN_VILLAGES,
    shareBelowProjection: shareBelowProjection(belowFitted),
    yearShareBelowReachesZero: reaches,
    shareBelowTrend: { slope: trend.slope, intercept: trend.intercept, r2: trend.r2 },
    coverage: plan.coverage,
    fit: {
      years: xs,
      partialExcluded: plan.includePartial ? [] : plan.partial,
      includesPartial: plan.includePartial ? plan.partial : [],
    },
  };
}

/** A slope's inference without its n. */
function trendInference(fit: SlopeInference): TrendInference {
  const { slope, df, slopeSe, t, pValue, ciLow, ciHigh } = fit;
  return { slope, df, slopeSe, t, pValue, ciLow, ciHigh };
}

/**
 * The inference of a slope from its regression's centred sums; no standard error (nulls) when
 * the sums are missing or S_xx is 0 (every village started at the same level).
 */
function sumsInference(
  n: number,
  sxx: number | null,
  syy: number | null,
  sxy: number | null,
  slope: number,
): TrendInference {
  if (sxx === null || syy === null || sxy === null || !(sxx > 0)) {
    return { slope, df: n - 2, slopeSe: null, t: null, pValue: null, ciLow: null, ciHigh: null };
  }
  return { ...trendInference(olsInferenceFromSums({ n, sxx, syy, sxy })), slope };
}

/** The absolute beta fit of a scope's villages, or null where it has no line. */
function absoluteBeta(b: BetaFit, span: number): AbsoluteBeta | null {
  const { absSlope: slope, absIntercept: intercept, absSxx: sxx, absSyy: syy, absSxy: sxy } = b;
  if (slope === null || intercept === null || sxx === null || syy === null || sxy === null) {
    return null;
  }
  if (!(sxx > 0)) return null;
  return {
    ...sumsInference(b.n, sxx, syy, sxy, slope),
    intercept,
    // As DuckDB's regr_r2: 1 when every change is equal (the flat line fits exactly).
    r2: syy === 0 ? 1 : Math.min(1, (sxy * sxy) / (sxx * syy)),
    ...betaSpeed(slope, span),
  };
}
