import type { Health } from '$lib/api-types.js';
import { MEASURES, type Filters } from '$lib/filters.js';
import { orNull, type Api } from '$lib/server/api.js';
import { toCsv } from '$lib/server/csv.js';
import { pageScope } from '$lib/server/page-scope.js';

// CSV downloads of what the pages show, for the current scope and filters. The whole dataset of a
// scope (every table, with the data dictionary) is $lib/server/dataset-export.ts.

export const DOWNLOADS = [
  'wilayah',
  'deret-waktu',
  'kesenjangan',
  'pendampingan',
  'prioritas',
] as const;
export type DownloadName = (typeof DOWNLOADS)[number];

export function isDownloadName(name: string): name is DownloadName {
  return (DOWNLOADS as readonly string[]).includes(name);
}

export interface CsvFile {
  filename: string;
  body: string;
}

/**
 * One download as CSV. The filename says the scope and year so saved files do not overwrite each
 * other: `pandu-wilayah-35.05-2024.csv`.
 */
export async function downloadCsv(
  api: Api,
  name: DownloadName,
  filters: Filters,
  health: Health,
): Promise<CsvFile> {
  const code = filters.region ?? undefined;
  const scope = code ?? 'nasional';
  const { years, year, threshold, kind } = pageScope(filters, health);
  switch (name) {
    case 'wilayah': {
      const rows =
        year === null
          ? []
          : ((await orNull(
              api.index.byRegion.query({ code, year, measure: filters.pillar, kind }),
            )) ?? []);
      return {
        filename: `pandu-wilayah-${scope}-${year ?? 'none'}.csv`,
        body: toCsv(rows, [
          { header: 'code', value: (r) => r.code },
          { header: 'name', value: (r) => r.name },
          { header: 'level', value: (r) => r.level },
          { header: 'year', value: () => year },
          { header: 'villages', value: (r) => r.villages },
          { header: 'missing', value: (r) => r.missing },
          { header: 'skills_index', value: (r) => r.skillsIndex },
          { header: 'skills_index_geometric', value: (r) => r.skillsIndexGeometric },
          { header: 'access_index', value: (r) => r.accessIndex },
          { header: 'outcomes_index', value: (r) => r.outcomesIndex },
          { header: 'digital_skills', value: (r) => r.digitalSkills },
          { header: 'digital_ethics', value: (r) => r.digitalEthics },
          { header: 'digital_safety', value: (r) => r.digitalSafety },
          { header: 'digital_culture', value: (r) => r.digitalCulture },
          { header: `change_${filters.pillar}`, value: (r) => r.change },
          { header: 'kind_filter', value: () => kind },
        ]),
      };
    }
    case 'deret-waktu': {
      const series = await Promise.all(
        MEASURES.map((m) =>
          orNull(api.index.timeseries.query({ ...(code ? { code } : {}), measure: m, kind })),
        ),
      );
      const rows = MEASURES.flatMap((measure, i) =>
        (series[i] ?? []).map((p) => ({ measure, ...p })),
      );
      return {
        filename: `pandu-deret-waktu-${scope}.csv`,
        body: toCsv(rows, [
          { header: 'region', value: () => code ?? '' },
          { header: 'measure', value: (r) => r.measure },
          { header: 'year', value: (r) => r.year },
          { header: 'villages', value: (r) => r.n },
          { header: 'mean', value: (r) => r.mean },
          { header: 'p10', value: (r) => r.p10 },
          { header: 'p50', value: (r) => r.p50 },
          { header: 'p90', value: (r) => r.p90 },
          { header: 'kind_filter', value: () => kind },
        ]),
      };
    }
    case 'kesenjangan': {
      const summaries = await Promise.all(
        years.map((y) =>
          orNull(
            api.divide.summary.query({
              ...(code ? { code } : {}),
              year: y,
              measure: filters.pillar,
              kind,
              threshold,
            }),
          ),
        ),
      );
      const rows = summaries.flatMap((s) => (s ? [s] : []));
      return {
        filename: `pandu-kesenjangan-${scope}-${filters.pillar}.csv`,
        body: toCsv(rows, [
          { header: 'region', value: () => code ?? '' },
          { header: 'measure', value: (r) => r.measure },
          { header: 'year', value: (r) => r.year },
          { header: 'villages', value: (r) => r.n },
          { header: 'missing', value: (r) => r.missing },
          { header: 'mean', value: (r) => r.mean },
          { header: 'gini', value: (r) => r.gini },
          { header: 'coefficient_of_variation', value: (r) => r.coefficientOfVariation },
          { header: 'theil', value: (r) => r.theil.total },
          { header: 'theil_between', value: (r) => r.theil.between },
          { header: 'theil_within', value: (r) => r.theil.within },
          { header: 'palma_ratio', value: (r) => r.palmaRatio },
          { header: 'quintile_gap', value: (r) => r.quintileGap.difference },
          { header: 'max_min_gap', value: (r) => r.maxMinGap.difference },
          { header: 'urban_rural_gap', value: (r) => r.urbanRuralGap.difference },
          { header: 'threshold', value: (r) => r.threshold },
          { header: 'share_below', value: (r) => r.shareBelow },
        ]),
      };
    }
    case 'pendampingan': {
      const coverage = await orNull(
        api.mentoring.coverage.query({
          ...(code ? { code } : {}),
          ...(filters.sector ? { sector: filters.sector } : {}),
        }),
      );
      const rows = (coverage?.byRegion ?? []).flatMap((r) =>
        r.bySector.map((s) => ({ region: r, ...s })),
      );
      return {
        filename: `pandu-pendampingan-${scope}.csv`,
        body: toCsv(rows, [
          { header: 'code', value: (r) => r.region.code },
          { header: 'name', value: (r) => r.region.name },
          { header: 'villages', value: (r) => r.region.villages },
          { header: 'sector', value: (r) => r.sector },
          { header: 'events', value: (r) => r.events },
          { header: 'villages_mentored', value: (r) => r.villagesMentored },
          { header: 'share_mentored', value: (r) => r.share },
          { header: 'participants', value: (r) => r.participants },
        ]),
      };
    }
    case 'prioritas': {
      const priorities = await orNull(
        api.mentoring.priorities.query({
          ...(code ? { code } : {}),
          ...(filters.sector ? { sector: filters.sector } : {}),
          limit: 100,
        }),
      );
      return {
        filename: `pandu-prioritas-${scope}${filters.sector ? `-${filters.sector}` : ''}.csv`,
        body: toCsv(priorities?.villages ?? [], [
          { header: 'rank', value: (r) => r.rank },
          { header: 'code', value: (r) => r.code },
          { header: 'name', value: (r) => r.name },
          { header: 'kind', value: (r) => r.kind },
          { header: 'district', value: (r) => r.ancestors[2]?.name },
          { header: 'regency', value: (r) => r.ancestors[1]?.name },
          { header: 'province', value: (r) => r.ancestors[0]?.name },
          { header: 'year', value: () => priorities?.year },
          { header: 'skills_index', value: (r) => r.skillsIndex },
          { header: 'access_index', value: (r) => r.accessIndex },
          { header: 'outcomes_index', value: (r) => r.outcomesIndex },
          { header: 'skills_percentile', value: (r) => r.skillsPercentile },
          { header: 'mentored_in', value: (r) => r.mentoredIn.join(' ') },
          { header: 'reason', value: (r) => r.reason },
        ]),
      };
    }
  }
}
