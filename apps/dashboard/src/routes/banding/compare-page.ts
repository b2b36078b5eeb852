import { redirect } from '@sveltejs/kit';
import type { IndexMeasure } from '@pandu/domain';
import type {
  Convergence,
  DivideSummary,
  Health,
  MentoringCoverage,
  MentoringImpact,
  RegionDetail,
  TimeseriesPoint,
} from '$lib/api-types.js';
import {
  COMPARE_MAX,
  compareHref,
  readAddition,
  withRegion,
  type CompareSelection,
} from '$lib/compare.js';
import { effectiveThreshold, type Filters } from '$lib/filters.js';
import { orNull, type Api } from '$lib/server/api.js';
import { pageScope } from '$lib/server/page-scope.js';
import type { DatasetYears } from '$lib/year-notes.js';

/** One compared region and its figures; a figure the data cannot give is null. */
export interface ComparedRegion {
  code: string;
  region: RegionDetail;
  series: TimeseriesPoint[];
  summary: DivideSummary | null;
  convergence: Convergence | null;
  coverage: MentoringCoverage | null;
  impact: MentoringImpact | null;
}

/** Why the add box added nothing: no region matched the words, or the list is full. */
export type AdditionProblem =
  | { kind: 'not-found'; text: string }
  | { kind: 'full'; text: string }
  | { kind: 'not-comparable'; text: string };

export interface ComparePage {
  regions: ComparedRegion[];
  /** Codes of the URL that name no region. */
  unknown: string[];
  selection: CompareSelection;
  /** Other regions of the first region's parent, suggested in the add box. */
  suggestions: { code: string; name: string }[];
  addition: AdditionProblem | null;
  years: number[];
  year: number | null;
  yearNotes: DatasetYears;
  measure: IndexMeasure;
  threshold: number;
}

const COMPARABLE_LEVELS = new Set(['province', 'regency', 'district']);

/**
 * The code the add box means: its code, or the first province, regency or district the search
 * finds for its words (levels already order the search's hits). Null with the reason when none.
 */
async function resolveAddition(
  api: Api,
  text: string,
): Promise<{ code: string } | AdditionProblem | null> {
  const addition = readAddition(text);
  if (addition === null) return null;
  if ('code' in addition) return addition;
  const result = await orNull(api.regions.search.query({ q: addition.query, limit: 20 }));
  const hit = result?.hits.find((h) => COMPARABLE_LEVELS.has(h.level));
  if (hit) return { code: hit.code };
  const village = result?.hits.find((h) => h.level === 'village');
  return village
    ? { kind: 'not-comparable', text: addition.query }
    : { kind: 'not-found', text: addition.query };
}

/**
 * `/banding`: the regions of `?wilayah=` side by side. A region added with the add box (`tambah`,
 * a code or words) is appended and the page redirects to the comparison's own URL, so the URL
 * always lists exactly what is shown; an addition that finds nothing stays on the page with a
 * message. Each region's figures are asked in one batch: the index over the years, the divide
 * in the chosen year, its convergence, mentoring coverage and impact.
 */
export async function loadComparePage(
  api: Api,
  selection: CompareSelection,
  filters: Filters,
  added: string | null,
  health: Health | Promise<Health>,
): Promise<ComparePage> {
  let addition: AdditionProblem | null = null;
  if (added !== null) {
    const resolved = await resolveAddition(api, added);
    if (resolved !== null && 'code' in resolved) {
      if (selection.codes.length >= COMPARE_MAX && !selection.codes.includes(resolved.code)) {
        addition = { kind: 'full', text: added };
      } else {
        redirect(303, compareHref(withRegion(selection.codes, resolved.code), filters));
      }
    } else {
      addition = resolved;
    }
  }
  const { years, year, yearNotes, measure, kind } = pageScope(filters, await health);
  const threshold = effectiveThreshold(filters);
  const sector = filters.sector ? { sector: filters.sector } : {};
  // The first region's siblings (suggested in the add box) follow from its code alone: asked
  // beside the figures, not after them. A province's siblings are the provinces.
  const first = selection.codes[0];
  const parent = first === undefined ? undefined : first.split('.').slice(0, -1).join('.');
  const siblingsQuery =
    first === undefined ? null : orNull(api.regions.children.query(parent ? { code: parent } : {}));
  // Awaited after the figures; a failure meanwhile is not left unhandled.
  siblingsQuery?.catch(() => undefined);
  const loaded = await Promise.all(
    selection.codes.map(async (code) => {
      const common = { code, measure, kind };
      const [region, series, summary, convergence, coverage, impact] = await Promise.all([
        orNull(api.regions.get.query({ code })),
        orNull(api.index.timeseries.query(common)),
        year === null ? null : orNull(api.divide.summary.query({ ...common, year, threshold })),
        orNull(api.divide.convergence.query({ ...common, threshold })),
        orNull(api.mentoring.coverage.query({ code, ...sector })),
        orNull(api.mentoring.impact.query({ code, measure, ...sector })),
      ]);
      return region === null
        ? { code, region: null }
        : { code, region, series: series ?? [], summary, convergence, coverage, impact };
    }),
  );
  const regions = loaded.filter((r): r is ComparedRegion => r.region !== null);
  const siblings = await siblingsQuery;
  return {
    regions,
    unknown: loaded.filter((r) => r.region === null).map((r) => r.code),
    selection,
    suggestions: (siblings ?? [])
      .filter((c) => !selection.codes.includes(c.code))
      .map((c) => ({ code: c.code, name: c.name })),
    addition,
    years,
    year,
    yearNotes,
    measure,
    threshold,
  };
}
