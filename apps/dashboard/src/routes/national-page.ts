import { PROVINCES_SPLIT_IN_2022, provinceIn2021Borders, type IndexMeasure } from '@pandu/domain';
import type {
  Convergence,
  DivideSummary,
  Distribution,
  Health,
  LorenzCurve,
  MentoringCoverage,
  PublishedFigure,
  RegionIndexRow,
  TimeseriesPoint,
} from '$lib/api-types.js';
import type { Selection } from '$lib/cross-filter.js';
import { effectiveThreshold, type Filters } from '$lib/filters.js';
import { orNull, type Api } from '$lib/server/api.js';
import { loadCrossFilter, type CrossFilterData } from '$lib/server/cross-filter-load.js';
import {
  compareYearOf,
  loadPillarSeries,
  loadYearFigures,
  pageScope,
  type SeriesByMeasure,
} from '$lib/server/page-scope.js';
import type { DatasetYears } from '$lib/year-notes.js';

export type { SeriesByMeasure };

/** A province as the map and the ranking show it; provinces without data are kept, with nulls. */
export interface ProvinceFigure {
  code: string;
  name: string;
  value: number | null;
  change: number | null;
  villages: number;
  missing: number;
}

/** A province on the map of published figures. */
export interface PublishedProvince {
  code: string;
  /** null: the API's region list lacks the province (a database of a few provinces only). */
  name: string | null;
  /** The published figure; null: none published for this province or its parent. */
  value: number | null;
  /**
   * The province whose published figure this is, when it is not this one's own: a province split
   * off in 2022 shows its parent's figure, as published in the 34-province borders.
   */
  figureOf: { code: string; name: string | null } | null;
}

/** The published figures the nation's map can show instead of the village data. */
export interface PublishedMap {
  dataset: 'iptik';
  year: number;
  /** Where the figures come from, as stored with them (one entry per distinct citation). */
  citations: string[];
  provinces: PublishedProvince[];
}

/** BPS's IP-TIK 2024 by province: the published figure the nation's map shows (`map=iptik`). */
export const PUBLISHED_MAP_SOURCE = {
  dataset: 'iptik',
  year: 2024,
  scope: 'province',
  measure: 'index',
} as const;

export interface NationalPage {
  years: number[];
  year: number | null;
  /** Extrapolated years and the last published ILD year. */
  yearNotes: DatasetYears;
  measure: IndexMeasure;
  threshold: number;
  /** `skills_index` then the four ILD pillars. */
  pillars: SeriesByMeasure[];
  /** The chosen measure, with p10/p50/p90 per year. */
  series: TimeseriesPoint[];
  summary: DivideSummary | null;
  convergence: Convergence | null;
  provinces: ProvinceFigure[];
  /** The provinces' figures of the year shown, as the API gives them (the comparison's "to"). */
  children: RegionIndexRow[];
  /**
   * The year compared with (`?banding=`) and its provinces and divide figures; null without a
   * comparison (none asked, the data lack the year, or it is the year shown).
   */
  compare: { year: number; children: RegionIndexRow[]; summary: DivideSummary | null } | null;
  lorenz: LorenzCurve | null;
  coverage: MentoringCoverage | null;
  /** The published figures by province, asked for only when the map shows them (`map=iptik`). */
  published: PublishedMap | null;
  /** The villages' values as a histogram (the cross-filter's bins). */
  distribution: Distribution | null;
  /** The page's selection (provinces, a range of values) and what the other charts show for it. */
  cross: CrossFilterData;
}

/**
 * Everything the nation page shows, in batched calls to the API: the figures that need no year at
 * once, those of the chosen year as soon as the dataset's years are known (`health`, usually
 * already at hand: then all go in one batch). A figure the data cannot give (no village has a
 * value that year) comes back null and the page says "no data".
 */
export async function loadNationalPage(
  api: Api,
  filters: Filters,
  health: Health | Promise<Health>,
  selection: Selection,
): Promise<NationalPage> {
  const { pillar: measure, kind } = filters;
  const threshold = effectiveThreshold(filters);
  const common = { measure, kind };
  // The weight goes only with people: a per-village question stays the one it was (and its cache
  // entry and stored figures with it). Convergence and the pillar lines stay per village.
  const weighted = filters.weight === 'people' ? { ...common, weight: 'people' as const } : common;
  const { dataset, year: publishedYear, scope } = PUBLISHED_MAP_SOURCE;
  const anyYear = Promise.all([
    loadPillarSeries(api, undefined, kind),
    orNull(api.index.timeseries.query(weighted)),
    orNull(api.divide.convergence.query({ ...common, threshold })),
    api.regions.children.query({}),
    orNull(api.mentoring.coverage.query(filters.sector ? { sector: filters.sector } : {})),
    filters.map === 'iptik'
      ? api.published.list.query({ dataset, year: publishedYear, scope })
      : null,
  ]);
  // Settled by the Promise.all below; a failure while health is awaited is not left unhandled.
  anyYear.catch(() => undefined);
  const { years, year, yearNotes } = pageScope(filters, await health);
  const compareYear = compareYearOf(filters, year, years);
  const [[pillars, series, convergence, provinces, coverage, published], figures] =
    await Promise.all([
      anyYear,
      loadYearFigures(api, { common, weighted, threshold, year, compareYear }),
    ]);
  const { summary, lorenz, distribution, compare } = figures;
  const byRegion = figures.children;
  const cross = await loadCrossFilter(api, {
    code: undefined,
    year,
    measure,
    kind,
    weight: filters.weight,
    // The cross-filter is off while two years are compared: the page's marks then drill down.
    active: compareYear === null,
    selection,
    children: provinces,
    distribution,
  });
  return {
    years,
    year,
    yearNotes,
    measure,
    threshold,
    pillars,
    series: series ?? [],
    summary,
    convergence,
    provinces: mergeChildren(provinces, byRegion ?? []),
    children: byRegion ?? [],
    compare,
    lorenz,
    coverage,
    published: published === null ? null : publishedMap(provinces, published),
    distribution,
    cross,
  };
}

/**
 * The map of published figures: every province of today (the children list, the published codes and
 * the four provinces created in 2022), each with its published figure or, for a province split off
 * in 2022, its parent's (IP-TIK 2024 is published in the 34-province borders), marked as such.
 * Figures of other datasets, years or measures than {@link PUBLISHED_MAP_SOURCE} are ignored.
 */
export function publishedMap(
  children: readonly { code: string; name: string }[],
  figures: readonly PublishedFigure[],
): PublishedMap {
  const { dataset, year, measure } = PUBLISHED_MAP_SOURCE;
  const byCode = new Map<string, PublishedFigure>();
  for (const f of figures) {
    if (f.dataset !== dataset || f.year !== year || f.measure !== measure) continue;
    if (f.regionCode !== null) byCode.set(f.regionCode, f);
  }
  const names = new Map(children.map((c) => [c.code, c.name]));
  const codes = [
    ...new Set([
      ...children.map((c) => c.code),
      ...byCode.keys(),
      ...Object.keys(PROVINCES_SPLIT_IN_2022),
    ]),
  ].sort();
  return {
    dataset,
    year,
    citations: [...new Set([...byCode.values()].map((f) => f.citation))],
    provinces: codes.map((code) => {
      const source = provinceIn2021Borders(code);
      return {
        code,
        name: names.get(code) ?? null,
        value: byCode.get(source)?.value ?? null,
        figureOf: source === code ? null : { code: source, name: names.get(source) ?? null },
      };
    }),
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
