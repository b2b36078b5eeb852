import type { IndexMeasure } from '@pandu/domain';
import type {
  Convergence,
  DivideSummary,
  Health,
  MentoringCoverage,
  MentoringImpact,
  MentoringPriorities,
  RegionDetail,
  RegionIndexRow,
  TimeseriesPoint,
} from '$lib/api-types.js';
import { effectiveThreshold, type Filters } from '$lib/filters.js';
import { orNotFound, orNull, type Api } from '$lib/server/api.js';
import { pageScope } from '$lib/server/page-scope.js';
import type { DatasetYears } from '$lib/year-notes.js';

/** How many children and priority villages a brief lists: what fits its second page. */
export const REPORT_LIST = 5;

export interface ReportPage {
  region: RegionDetail;
  year: number | null;
  years: number[];
  yearNotes: DatasetYears;
  measure: IndexMeasure;
  threshold: number;
  series: TimeseriesPoint[];
  summary: DivideSummary | null;
  convergence: Convergence | null;
  /** The children with a value, lowest first, at most {@link REPORT_LIST}. */
  behind: RegionIndexRow[];
  /** Children with a value in all. */
  childrenWithValue: number;
  coverage: MentoringCoverage | null;
  impact: MentoringImpact | null;
  priorities: MentoringPriorities | null;
  dataVersion: number | null;
  /** When the brief was made (ISO), stamped on it. */
  madeAt: string;
}

/**
 * `/laporan/[code]`: the brief of a province, regency or district for a meeting, from the same
 * procedures as its pages, asked in one batch once the year is known. Unknown or malformed codes
 * are a 404 naming the code.
 */
export async function loadReportPage(
  api: Api,
  code: string,
  filters: Filters,
  health: Health | Promise<Health>,
  now: Date,
): Promise<ReportPage> {
  const resolvedHealth = await health;
  const { years, year, yearNotes, measure, kind } = pageScope(filters, resolvedHealth);
  const threshold = effectiveThreshold(filters);
  const common = { code, measure, kind };
  const sector = filters.sector ? { sector: filters.sector } : {};
  const [region, series, summary, convergence, children, coverage, impact, priorities] =
    await Promise.all([
      orNotFound(api.regions.get.query({ code })),
      orNull(api.index.timeseries.query(common)),
      year === null ? null : orNull(api.divide.summary.query({ ...common, year, threshold })),
      orNull(api.divide.convergence.query({ ...common, threshold })),
      year === null ? null : orNull(api.index.byRegion.query({ ...common, year })),
      orNull(api.mentoring.coverage.query({ code, ...sector })),
      orNull(api.mentoring.impact.query({ code, measure, ...sector })),
      orNull(api.mentoring.priorities.query({ code, limit: REPORT_LIST, ...sector })),
    ]);
  const withValue = (children ?? []).filter((c) => c.value !== null);
  return {
    region,
    year,
    years,
    yearNotes,
    measure,
    threshold,
    series: series ?? [],
    summary,
    convergence,
    behind: [...withValue]
      .sort((a, b) => (a.value ?? 0) - (b.value ?? 0) || a.code.localeCompare(b.code))
      .slice(0, REPORT_LIST),
    childrenWithValue: withValue.length,
    coverage,
    impact,
    priorities,
    dataVersion: resolvedHealth.dataVersion,
    madeAt: now.toISOString(),
  };
}
