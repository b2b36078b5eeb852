import type { IndexMeasure } from '@pandu/domain';
import type { Health } from '$lib/api-types.js';
import type { DatasetYears } from '$lib/year-notes.js';
import { isUncachedApi, type Api } from './api.js';

// Every page needs the dataset's years and whether it is synthetic. They change only when data is
// imported, so the dashboard keeps the API's answer for a few seconds instead of asking on each
// request (and before each page's own calls, which depend on the year).
const TTL_MS = 5_000;

let cached: { at: number; value: Promise<Health> } | null = null;

/** The API's `health`, at most a few seconds old. */
export function datasetInfo(api: Api, now: number = Date.now()): Promise<Health> {
  // The start's warm-up neither reads nor fills the cache.
  if (isUncachedApi(api)) return api.health.query();
  if (cached && now - cached.at < TTL_MS) return cached.value;
  const value = api.health.query();
  cached = { at: now, value };
  // A failed call is not kept: the next request asks again.
  value.catch(() => {
    if (cached?.value === value) cached = null;
  });
  return value;
}

/**
 * The year a view shows when none is chosen: the latest year most villages have (the API's
 * `years.complete`, or `years.byMeasure[measure].complete` for the measure shown: an import of
 * the access indicators alone completes no skills year), not a newer year with a few imported
 * values; else the latest year.
 */
export function defaultYear(health: Health, measure?: IndexMeasure): number | null {
  const years = health.years;
  if (!years) return null;
  const own = measure === undefined ? undefined : years.byMeasure?.[measure]?.complete;
  return own ?? years.complete ?? years.last;
}

/** Years the data cover only in part, with how many villages they have and their share (0 to 1). */
export function partialYears(
  health: Health,
): Array<{ year: number; villages: number; share: number }> {
  return (health.years?.coverage ?? [])
    .filter((c) => !c.complete)
    .map(({ year, villages, share }) => ({ year, villages, share }));
}

/**
 * Which years are extrapolated (synthetic values after the last published ILD year) and that
 * year, as the API's health derives them from the data.
 */
export function datasetYears(health: Health): DatasetYears {
  return {
    extrapolated: health.years?.extrapolated ?? [],
    lastPublished: health.years?.lastPublished ?? null,
  };
}

/** The complete years (coverage at the threshold), oldest first. */
export function completeYears(health: Health): number[] {
  return (health.years?.coverage ?? []).filter((c) => c.complete).map((c) => c.year);
}

/** The years with data, oldest first (empty for an empty database). */
export function dataYears(health: Health): number[] {
  return health.years?.list ?? [];
}
