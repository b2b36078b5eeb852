import type { IndexMeasure } from '@pandu/domain';
import type { Health, TimeseriesPoint } from '$lib/api-types.js';
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
