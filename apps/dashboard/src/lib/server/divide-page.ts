import { betaConvergence, type BetaConvergence, type IndexMeasure } from '@pandu/domain';
import type {
  Convergence,
  DivideSummary,
  Health,
  RegionDetail,
  RegionIndexRow,
} from '$lib/api-types.js';
import { effectiveThreshold, type Filters } from '$lib/filters.js';
import { orNotFound, orNull, type Api } from './api.js';
import { dataYears } from './dataset-info.js';

/** A child region's level in the first year and its annual log growth to the last. */
export interface ChildGrowth {
  code: string;
  name: string;
  level: string;
  initial: number;
  final: number;
  /** ln(final / initial) / years. */
  growth: number;
}

export interface DivideYear {
  year: number;
  summary: DivideSummary | null;
}

export interface DividePage {
  /** null: the nation. */
  region: RegionDetail | null;
  years: number[];
  measure: IndexMeasure;
  threshold: number;
  convergence: Convergence | null;
  /** Gini, Theil split, share below, ... for every year (the Theil split over time). */
  byYear: DivideYear[];
  /** The children's beta convergence, beside the villages' from the API. */
  children: ChildGrowth[];
  /** Children left out of the growth fit: no value in one of the two years, or a value of 0. */
  childrenExcluded: number;
  childFit: BetaConvergence | null;
  firstYear: number | null;
  lastYear: number | null;
}

/**
 * The divide over time for the nation or a region: sigma convergence (Gini and CV by year), beta
 * convergence (the API's, over villages; and the children's, drawn as a scatter), the Theil split
 * by year, and the trend of the share below the threshold.
 */
export async function loadDividePage(
  api: Api,
  filters: Filters,
  health: Health,
): Promise<DividePage> {
  const years = dataYears(health);
  const measure = filters.pillar;
  const threshold = effectiveThreshold(filters);
  const code = filters.region ?? undefined;
  const common = { ...(code ? { code } : {}), pillar: measure, kind: filters.kind };
  const firstYear = years[0] ?? null;
  const lastYear = years.at(-1) ?? null;
  const [region, convergence, summaries, first, last] = await Promise.all([
    code ? orNotFound(api.regions.get.query({ code })) : null,
    orNull(api.divide.convergence.query({ ...common, threshold })),
    Promise.all(
      years.map((year) => orNull(api.divide.summary.query({ ...common, year, threshold }))),
    ),
    firstYear === null
      ? null
      : orNull(
          api.index.byRegion.query({
            parent: code,
            pillar: measure,
            kind: filters.kind,
            year: firstYear,
          }),
        ),
    lastYear === null
      ? null
      : orNull(
          api.index.byRegion.query({
            parent: code,
            pillar: measure,
            kind: filters.kind,
            year: lastYear,
          }),
        ),
  ]);
  const { children, excluded } = childGrowth(first ?? [], last ?? [], firstYear, lastYear);
  return {
    region,
    years,
    measure,
    threshold,
    convergence,
    byYear: years.map((year, i) => ({ year, summary: summaries[i] ?? null })),
    children,
    childrenExcluded: excluded,
    childFit: fitChildren(children, firstYear, lastYear),
    firstYear,
    lastYear,
  };
}

/** Pair each child's first- and last-year values; growth is annualised log growth. */
export function childGrowth(
  first: readonly RegionIndexRow[],
  last: readonly RegionIndexRow[],
  firstYear: number | null,
  lastYear: number | null,
): { children: ChildGrowth[]; excluded: number } {
  if (firstYear === null || lastYear === null || lastYear <= firstYear) {
    return { children: [], excluded: new Set([...first, ...last].map((r) => r.code)).size };
  }
  const span = lastYear - firstYear;
  const end = new Map(last.map((r) => [r.code, r]));
  const codes = new Set([...first, ...last].map((r) => r.code));
  const children: ChildGrowth[] = [];
  for (const row of first) {
    const final = end.get(row.code)?.value ?? null;
    if (row.value === null || final === null || !(row.value > 0) || !(final > 0)) continue;
    children.push({
      code: row.code,
      name: row.name,
      level: row.level,
      initial: row.value,
      final,
      growth: Math.log(final / row.value) / span,
    });
  }
  return { children, excluded: codes.size - children.length };
}

/** The domain's beta convergence over the children, or null when it is undefined (fewer than two, all equal). */
export function fitChildren(
  children: readonly ChildGrowth[],
  firstYear: number | null,
  lastYear: number | null,
): BetaConvergence | null {
  if (firstYear === null || lastYear === null || lastYear <= firstYear || children.length < 2)
    return null;
  if (new Set(children.map((c) => c.initial)).size < 2) return null;
  return betaConvergence(
    children.map((c) => c.initial),
    children.map((c) => c.final),
    lastYear - firstYear,
  );
}
