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
import type { Selection } from '$lib/cross-filter.js';
import { effectiveThreshold, type Filters } from '$lib/filters.js';
import { orNotFound, orNull, type Api } from '$lib/server/api.js';
import { loadCrossFilter, type CrossFilterData } from '$lib/server/cross-filter-load.js';
import {
  compareYearOf,
  loadPillarSeries,
  loadYearFigures,
  pageScope,
  type SeriesByMeasure,
} from '$lib/server/page-scope.js';
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
  /**
   * The year compared with (`?banding=`) and its children and divide figures; null without a
   * comparison (none asked, the data lack the year, or it is the year shown).
   */
  compare: { year: number; children: RegionIndexRow[]; summary: DivideSummary | null } | null;
  series: TimeseriesPoint[];
  pillars: SeriesByMeasure[];
  summary: DivideSummary | null;
  convergence: Convergence | null;
  lorenz: LorenzCurve | null;
  distribution: Distribution | null;
  coverage: MentoringCoverage | null;
  /** Each child's people per km2 (a province's regencies); empty where none is published. */
  childDensity: Record<string, number>;
  /** The page's selection (children, a range of values) and what the other charts show for it. */
  cross: CrossFilterData;
}

/**
 * A province, regency or district: the nation page's figures scoped to it, its children, and the
 * distribution of its villages. Unknown or malformed codes are a 404 naming the code. The figures
 * that need no year are asked at once, those of the chosen year as soon as the dataset's years
 * are known (`health`, usually already at hand: then all go in one batch).
 */
export async function loadRegionPage(
  api: Api,
  code: string,
  filters: Filters,
  health: Health | Promise<Health>,
  selection: Selection,
): Promise<RegionPage> {
  const { pillar: measure, kind } = filters;
  const threshold = effectiveThreshold(filters);
  const common = { code, measure, kind };
  // The weight goes only with people (see national-page.ts). Below a province the answers say it
  // changes nothing (weightEffective: false) and the page says so.
  const weighted = filters.weight === 'people' ? { ...common, weight: 'people' as const } : common;
  const anyYear = Promise.all([
    orNotFound(api.regions.get.query({ code })),
    loadPillarSeries(api, code, kind),
    orNull(api.index.timeseries.query(weighted)),
    orNull(api.divide.convergence.query({ ...common, threshold })),
    orNull(
      api.mentoring.coverage.query(filters.sector ? { code, sector: filters.sector } : { code }),
    ),
    // Density is published for regencies: only a province's children have it.
    code.length === 2 ? orNull(api.regions.children.query({ code })) : null,
  ]);
  // Settled by the Promise.all below; a failure while health is awaited is not left unhandled.
  anyYear.catch(() => undefined);
  const { years, year, yearNotes } = pageScope(filters, await health);
  // The year compared with (`?banding=`), when the data have it and it is not the year shown.
  const compareYear = compareYearOf(filters, year, years);
  const [[region, pillars, series, convergence, coverage, childRegions], figures] =
    await Promise.all([
      anyYear,
      loadYearFigures(api, { common, weighted, threshold, year, compareYear }),
    ]);
  const { summary, lorenz, distribution, compare } = figures;
  const children = figures.children;
  const cross = await loadCrossFilter(api, {
    code,
    year,
    measure,
    kind,
    weight: filters.weight,
    // The cross-filter is off while two years are compared: the page's marks then drill down.
    active: compareYear === null,
    selection,
    children: children ?? [],
    distribution,
  });
  return {
    region,
    years,
    year,
    yearNotes,
    measure,
    threshold,
    children: children ?? [],
    compare,
    series: series ?? [],
    pillars,
    summary,
    convergence,
    lorenz,
    distribution,
    coverage,
    childDensity: Object.fromEntries(
      (childRegions ?? []).flatMap((c) => (c.density === null ? [] : [[c.code, c.density]])),
    ),
    cross,
  };
}
