import type { IndexMeasure } from '@pandu/domain';
import type {
  DivideSummary,
  Distribution,
  Health,
  LorenzCurve,
  RegionIndexRow,
  TimeseriesPoint,
} from '$lib/api-types.js';
import {
  PILLARS,
  effectiveThreshold,
  effectiveYear,
  type Filters,
  type KindFilter,
} from '$lib/filters.js';
import { orNull, type Api } from './api.js';
import type { DatasetYears } from '$lib/year-notes.js';
import { dataYears, datasetYears, defaultYear } from './dataset-info.js';

/** What a page's figures are for: the data's years, the chosen year, measure, threshold, kind. */
export interface PageScope {
  years: number[];
  /**
   * The chosen year if the data has it, else the latest complete one; null when there is no data
   * at all.
   */
  year: number | null;
  measure: IndexMeasure;
  threshold: number;
  kind: KindFilter;
  /** Extrapolated years and the last published ILD year: the year filter and the charts say so. */
  yearNotes: DatasetYears;
}

/**
 * The scope of a page from its filters and the dataset's years.
 *
 * @example
 * ```ts
 * const { year, measure, threshold, kind } = pageScope(parseFilters(url.searchParams), health);
 * ```
 */
export function pageScope(filters: Filters, health: Health): PageScope {
  const years = dataYears(health);
  return {
    years,
    year: effectiveYear(filters, years, defaultYear(health, filters.pillar)),
    measure: filters.pillar,
    threshold: effectiveThreshold(filters),
    kind: filters.kind,
    yearNotes: datasetYears(health),
  };
}

/**
 * The year a page compares the shown one with (`?banding=`): the chosen one when the data have it
 * and it is not the year shown; else null (no comparison).
 */
export function compareYearOf(
  filters: Filters,
  year: number | null,
  years: readonly number[],
): number | null {
  return filters.compare !== null && filters.compare !== year && years.includes(filters.compare)
    ? filters.compare
    : null;
}

/** The index and its four pillars over the years (means), plus the chosen measure with its band. */
export interface SeriesByMeasure {
  measure: IndexMeasure;
  points: TimeseriesPoint[];
}

/** The skills index, then its four pillars. */
const PILLAR_SERIES: readonly IndexMeasure[] = ['skills_index', ...PILLARS];

/**
 * The skills index and its pillars over the years for a region (undefined: the nation); a
 * measure without data comes back with no points.
 */
export async function loadPillarSeries(
  api: Api,
  code: string | undefined,
  kind: KindFilter,
): Promise<SeriesByMeasure[]> {
  const series = await Promise.all(
    PILLAR_SERIES.map((m) =>
      orNull(api.index.timeseries.query({ ...(code ? { code } : {}), measure: m, kind })),
    ),
  );
  return PILLAR_SERIES.map((measure, i) => ({ measure, points: series[i] ?? [] }));
}

/** The figures of the year shown, for the nation or a region, and of the year compared with. */
export interface YearFigures {
  /** The children with their figures; null when the data cannot give them. */
  children: RegionIndexRow[] | null;
  summary: DivideSummary | null;
  lorenz: LorenzCurve | null;
  distribution: Distribution | null;
  /** The year compared with and its children and divide figures; null without a comparison. */
  compare: { year: number; children: RegionIndexRow[]; summary: DivideSummary | null } | null;
}

/**
 * The figures of `year` (the children, the divide summary, the Lorenz curve, the histogram) and
 * of `compareYear` (children and summary) for the nation (no `code`) or a region: what the nation
 * and region pages ask once the year is known. The calls go out in the same tick, so they travel
 * in one batch with the page's others. `weighted` is `common` with the people weight when chosen;
 * the histogram is always per village.
 *
 * @example
 * ```ts
 * const figures = await loadYearFigures(api, { common, weighted, threshold, year, compareYear });
 * ```
 */
export async function loadYearFigures(
  api: Api,
  query: {
    common: { code?: string; measure: IndexMeasure; kind: KindFilter };
    weighted: { code?: string; measure: IndexMeasure; kind: KindFilter; weight?: 'people' };
    threshold: number;
    year: number | null;
    compareYear: number | null;
  },
): Promise<YearFigures> {
  const { common, weighted, threshold, year, compareYear } = query;
  const [children, summary, lorenz, distribution, childrenThen, summaryThen] = await Promise.all([
    year === null ? null : orNull(api.index.byRegion.query({ ...weighted, year })),
    year === null ? null : orNull(api.divide.summary.query({ ...weighted, year, threshold })),
    year === null ? null : orNull(api.divide.lorenz.query({ ...weighted, year })),
    year === null ? null : orNull(api.divide.distribution.query({ ...common, year })),
    compareYear === null
      ? null
      : orNull(api.index.byRegion.query({ ...weighted, year: compareYear })),
    compareYear === null
      ? null
      : orNull(api.divide.summary.query({ ...weighted, year: compareYear, threshold })),
  ]);
  return {
    children,
    summary,
    lorenz,
    distribution,
    compare:
      compareYear === null
        ? null
        : { year: compareYear, children: childrenThen ?? [], summary: summaryThen },
  };
}
