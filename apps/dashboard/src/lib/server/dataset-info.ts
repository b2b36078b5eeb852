import type { Health } from '$lib/api-types.js';
import type { Api } from './api.js';

// Every page needs the dataset's years and whether it is synthetic. They change only when data is
// imported, so the dashboard keeps the API's answer for a few seconds instead of asking on each
// request (and before each page's own calls, which depend on the year).
const TTL_MS = 5_000;

let cached: { at: number; value: Promise<Health> } | null = null;

/** The API's `health`, at most a few seconds old. */
export function datasetInfo(api: Api, now: number = Date.now()): Promise<Health> {
  if (cached && now - cached.at < TTL_MS) return cached.value;
  const value = api.health.query();
  cached = { at: now, value };
  // A failed call is not kept: the next request asks again.
  value.catch(() => {
    if (cached?.value === value) cached = null;
  });
  return value;
}

/** The years with data, oldest first (empty for an empty database). */
export function dataYears(health: Health): number[] {
  return health.years?.list ?? [];
}
