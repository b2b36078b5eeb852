import type { IndexMeasure } from '@pandu/domain';
import type {
  Convergence,
  DivideSummary,
  Health,
  LorenzCurve,
  MentoringCoverage,
  RegionIndexRow,
  TimeseriesPoint,
} from '$lib/api-types.js';
import { PILLARS, effectiveThreshold, effectiveYear, type Filters } from '$lib/filters.js';
import { orNull, type Api } from './api.js';
import { dataYears } from './dataset-info.js';

/** The index and its four pillars over the years (means), plus the chosen measure with its band. */
export interface SeriesByMeasure {
  measure: IndexMeasure;
  points: TimeseriesPoint[];
}

/** A province as the map and the ranking show it; provinces without data are kept, with nulls. */
export interface ProvinceFigure {
  code: string;
  name: string;
  value: number | null;
  change: number | null;
  villages: number;
  missing: number;
}

export interface NationalPage {
  years: number[];
  year: number | null;
  measure: IndexMeasure;
  threshold: number;
  /** `skills_index` then the four ILD pillars. */
  pillars: SeriesByMeasure[];
  /** The chosen measure, with p10/p50/p90 per year. */
  series: TimeseriesPoint[];
  summary: DivideSummary | null;
  convergence: Convergence | null;
  provinces: ProvinceFigure[];
  lorenz: LorenzCurve | null;
  coverage: MentoringCoverage | null;
}

const PILLAR_SERIES: readonly IndexMeasure[] = ['skills_index', ...PILLARS];

/**
 * Everything the nation page shows, in one batched call to the API. A figure the data cannot give
 * (no village has a value that year) comes back null and the page says "no data".
 */
export async function loadNationalPage(
  api: Api,
  filters: Filters,
  health: Health,
): Promise<NationalPage> {
  const years = dataYears(health);
  const year = effectiveYear(filters, years);
  const measure = filters.pillar;
  const threshold = effectiveThreshold(filters);
  const kind = filters.kind;
  const common = { pillar: measure, kind };
  const [pillars, series, convergence, provinces, byRegion, summary, lorenz, coverage] =
    await Promise.all([
      Promise.all(
        PILLAR_SERIES.map((m) => orNull(api.index.timeseries.query({ pillar: m, kind }))),
      ),
      orNull(api.index.timeseries.query(common)),
      orNull(api.divide.convergence.query({ ...common, threshold })),
      api.regions.children.query({}),
      year === null ? null : orNull(api.index.byRegion.query({ ...common, year })),
      year === null ? null : orNull(api.divide.summary.query({ ...common, year, threshold })),
      year === null ? null : orNull(api.divide.lorenz.query({ ...common, year })),
      orNull(api.mentoring.coverage.query(filters.sector ? { sector: filters.sector } : {})),
    ]);
  return {
    years,
    year,
    measure,
    threshold,
    pillars: PILLAR_SERIES.map((m, i) => ({ measure: m, points: pillars[i] ?? [] })),
    series: series ?? [],
    summary,
    convergence,
    provinces: mergeChildren(provinces, byRegion ?? []),
    lorenz,
    coverage,
  };
}

/**
 * Every child region, with its figures where the index has them: a region without data stays in
 * the list (as "no data") instead of silently disappearing from the map and the ranking.
 */
export function mergeChildren(
  children: readonly { code: string; name: string; villages: number }[],
  rows: readonly RegionIndexRow[],
): ProvinceFigure[] {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const merged = children.map((child) => {
    const row = byCode.get(child.code);
    return {
      code: child.code,
      name: child.name,
      value: row?.value ?? null,
      change: row?.change ?? null,
      villages: row?.villages ?? 0,
      missing: row ? row.missing : child.villages,
    };
  });
  // Rows the children list lacks (should not happen) are still shown.
  for (const row of rows) {
    if (!children.some((c) => c.code === row.code)) {
      merged.push({
        code: row.code,
        name: row.name,
        value: row.value,
        change: row.change,
        villages: row.villages,
        missing: row.missing,
      });
    }
  }
  return merged;
}
