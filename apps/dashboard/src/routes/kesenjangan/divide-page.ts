import type { IndexMeasure } from '@pandu/domain';
import type {
  ChildConvergence,
  Convergence,
  DivideSummary,
  Health,
  RegionDetail,
} from '$lib/api-types.js';
import { effectiveThreshold, type Filters } from '$lib/filters.js';
import { orNotFound, orNull, type Api } from '$lib/server/api.js';
import { completeYears, dataYears, datasetYears } from '$lib/server/dataset-info.js';
import type { DatasetYears } from '$lib/year-notes.js';

export interface DivideYear {
  year: number;
  summary: DivideSummary | null;
}

export interface DividePage {
  /** null: the nation. */
  region: RegionDetail | null;
  years: number[];
  /** Extrapolated years and the last published ILD year. */
  yearNotes: DatasetYears;
  measure: IndexMeasure;
  threshold: number;
  convergence: Convergence | null;
  /** Gini, Theil split, share below, ... for every year (the Theil split over time). */
  byYear: DivideYear[];
  /** The children's beta convergence (drawn as a scatter), beside the villages' in `convergence`. */
  childConvergence: ChildConvergence | null;
  /** The first and last complete years: what the trends span (a partial year is shown, not fitted). */
  firstYear: number | null;
  lastYear: number | null;
}

/**
 * The divide over time for the nation or a region: sigma convergence (Gini and CV by year), beta
 * convergence (the API's, over villages; and the children's, drawn as a scatter), the Theil split
 * by year, and the trend of the share below the threshold. What needs no year is asked at once,
 * each year's summary as soon as the dataset's years are known (`health`, usually already at
 * hand: then all go in one batch).
 */
export async function loadDividePage(
  api: Api,
  filters: Filters,
  healthOrPending: Health | Promise<Health>,
): Promise<DividePage> {
  const measure = filters.pillar;
  const threshold = effectiveThreshold(filters);
  const code = filters.region ?? undefined;
  const common = { ...(code ? { code } : {}), measure, kind: filters.kind };
  const anyYear = Promise.all([
    code ? orNotFound(api.regions.get.query({ code })) : null,
    orNull(api.divide.convergence.query({ ...common, threshold })),
    orNull(api.divide.childConvergence.query(common)),
  ]);
  // Settled by the Promise.all below; a failure while health is awaited is not left unhandled.
  anyYear.catch(() => undefined);
  const health = await healthOrPending;
  const years = dataYears(health);
  const complete = completeYears(health);
  const firstYear = complete[0] ?? years[0] ?? null;
  const lastYear = complete.at(-1) ?? years.at(-1) ?? null;
  const [[region, convergence, childConvergence], summaries] = await Promise.all([
    anyYear,
    Promise.all(
      years.map((year) => orNull(api.divide.summary.query({ ...common, year, threshold }))),
    ),
  ]);
  return {
    region,
    years,
    yearNotes: datasetYears(health),
    measure,
    threshold,
    convergence,
    byYear: years.map((year, i) => ({ year, summary: summaries[i] ?? null })),
    childConvergence,
    firstYear,
    lastYear,
  };
}
