import { isUncachedApi, type Api } from './api.js';

/** What the API says about logins: whether reading needs one, and whether it has users at all. */
export interface ReadPolicy {
  publicRead: boolean;
  logins: boolean;
}

const TTL_MS = 5_000;
let cached: { at: number; policy: Promise<ReadPolicy> } | null = null;

/**
 * The API's `auth.policy`, asked at most every 5 s and shared by concurrent requests: whether
 * pages must send people to the login page (PANDU_PUBLIC=false on the API). An API that cannot be
 * asked is not remembered; its failure is the caller's to show.
 *
 * @example
 * ```ts
 * if (!(await readPolicy(api())).publicRead && !locals.user) redirect(303, '/masuk');
 * ```
 */
export function readPolicy(api: Api, now: number = Date.now()): Promise<ReadPolicy> {
  // The start's warm-up neither reads nor fills the cache.
  if (isUncachedApi(api)) return api.auth.policy.query();
  if (cached && now - cached.at < TTL_MS) return cached.policy;
  const policy = api.auth.policy.query();
  const entry = { at: now, policy };
  cached = entry;
  policy.catch(() => {
    if (cached === entry) cached = null;
  });
  return policy;
}
