import type { IndexMeasure } from '@pandu/domain';
import type {
  Convergence,
  DivideSummary,
  Distribution,
  Health,
  LorenzCurve,
  MentoringCoverage,
  RegionDetail,
  RegionIndexRow,
  TimeseriesPoint,
} from '$lib/api-types.js';
import type { Filters } from '$lib/filters.js';
import { orNotFound, orNull, type Api } from '$lib/server/api.js';
import { loadPillarSeries, pageScope, type SeriesByMeasure } from '$lib/server/page-scope.js';
import type { DatasetYears } from '$lib/year-notes.js';

export interface RegionPage {
  region: RegionDetail;
  years: number[];
  year: number | null;
  /** Extrapolated years and the last published ILD year. */
  yearNotes: DatasetYears;
  measure: IndexMeasure;
  threshold: number;
  /** The children with their figures (villages, for a district), by code. */
  children: RegionIndexRow[];
  series: TimeseriesPoint[];
  pillars: SeriesByMeasure[];
  summary: DivideSummary | null;
  convergence: Convergence | null;
  lorenz: LorenzCurve | null;
  distribution: Distribution | null;
  coverage: MentoringCoverage | null;
}

/**
 * A province, regency or district: the nation page's figures scoped to it, its children, and the
 * distribution of its villages. Unknown or malformed codes are a 404 naming the code.
 */
export async function loadRegionPage(
  api: Api,
  code: string,
  filters: Filters,
  health: Health,
): Promise<RegionPage> {
  const { years, year, measure, threshold, kind, yearNotes } = pageScope(filters, health);
  const common = { code, measure, kind };
  const [region, pillars, series, convergence, children, summary, lorenz, distribution, coverage] =
    await Promise.all([
      orNotFound(api.regions.get.query({ code })),
      loadPillarSeries(api, code, kind),
      orNull(api.index.timeseries.query(common)),
      orNull(api.divide.convergence.query({ ...common, threshold })),
      year === null ? null : orNull(api.index.byRegion.query({ code, measure, kind, year })),
      year === null ? null : orNull(api.divide.summary.query({ ...common, year, threshold })),
      year === null ? null : orNull(api.divide.lorenz.query({ ...common, year })),
      year === null ? null : orNull(api.divide.distribution.query({ ...common, year })),
      orNull(
        api.mentoring.coverage.query(filters.sector ? { code, sector: filters.sector } : { code }),
      ),
    ]);
  return {
    region,
    years,
    year,
    yearNotes,
    measure,
    threshold,
    children: children ?? [],
    series: series ?? [],
    pillars,
    summary,
    convergence,
    lorenz,
    distribution,
    coverage,
  };
}
