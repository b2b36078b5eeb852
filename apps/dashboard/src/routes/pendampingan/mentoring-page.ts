import type { IndexMeasure, Sector } from '@pandu/domain';
import type {
  MentoringCoverage,
  MentoringImpact,
  MentoringPriorities,
  RegionDetail,
} from '$lib/api-types.js';
import { SECTOR_CODES, type Filters } from '$lib/filters.js';
import { orNotFound, orNull, type Api } from '$lib/server/api.js';

export interface SectorImpact {
  /** null: every sector. */
  sector: Sector | null;
  impact: MentoringImpact | null;
}

export interface MentoringPage {
  region: RegionDetail | null;
  measure: IndexMeasure;
  coverage: MentoringCoverage | null;
  /** All sectors first, then each sector. */
  impacts: SectorImpact[];
  priorities: MentoringPriorities | null;
}

/** The number of villages the page lists for the next visits (the API allows up to 100). */
export const PRIORITY_LIMIT = 25;

/**
 * Mentoring in a scope: coverage by sector and region, the effect estimated by difference in
 * differences (overall and per sector, with confidence intervals), and the villages to visit next.
 */
export async function loadMentoringPage(api: Api, filters: Filters): Promise<MentoringPage> {
  const code = filters.region ?? undefined;
  const scope = code ? { code } : {};
  const sector = filters.sector ? { sector: filters.sector } : {};
  const [region, coverage, impacts, priorities] = await Promise.all([
    code ? orNotFound(api.regions.get.query({ code })) : null,
    orNull(api.mentoring.coverage.query({ ...scope, ...sector })),
    Promise.all(
      [null, ...SECTOR_CODES].map((s) =>
        orNull(
          api.mentoring.impact.query({
            ...scope,
            measure: filters.pillar,
            ...(s ? { sector: s } : {}),
          }),
        ),
      ),
    ),
    orNull(api.mentoring.priorities.query({ ...scope, ...sector, limit: PRIORITY_LIMIT })),
  ]);
  return {
    region,
    measure: filters.pillar,
    coverage,
    impacts: [null, ...SECTOR_CODES].map((s, i) => ({ sector: s, impact: impacts[i] ?? null })),
    priorities,
  };
}
