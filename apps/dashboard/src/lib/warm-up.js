/* global fetch, AbortSignal -- Node 20 has both; this module runs in the launcher and the server only. */
// The dashboard's warm-up before it listens (scripts/start.js), as plain JavaScript: SvelteKit
// loads a page's server code on its first request, and V8 compiles it on its first runs, so the
// first visitor after a start would wait for both (measured: the first render of `/` 212 ms, the
// next with other filters 43 ms). The launcher renders each kind of page once through its own
// handler on a loopback port of its own first. Its requests carry WARM_UP_HEADER: their API calls
// ask `Cache-Control: no-cache` and the dashboard keeps none of their answers (hooks.server.ts),
// so no answer a visitor gets comes from the warm-up; the launcher strips the header from every
// request it serves.

/** The header of a warm-up request. */
export const WARM_UP_HEADER = 'x-pandu-warm-up';

/** At most this long for the whole warm-up; a page not rendered by then is left cold. */
const WARM_UP_BUDGET_MS = 20_000;

/**
 * The paths to render: every kind of page, at each level, for the first region of each level
 * the API lists (asked without its cache), and a search for the first village's name.
 *
 * @param {string} apiUrl the API's base URL, without `/trpc`
 * @returns {Promise<string[]>}
 */
export async function warmUpPaths(apiUrl) {
  /** @param {string | undefined} code */
  const firstChild = async (code) => {
    const input = encodeURIComponent(JSON.stringify(code === undefined ? {} : { code }));
    const response = await fetch(`${apiUrl}/trpc/regions.children?input=${input}`, {
      headers: { 'cache-control': 'no-cache' },
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) return undefined;
    /** @type {{ result?: { data?: Array<{ code: string; name: string }> } }} */
    const body = await response.json();
    return body.result?.data?.[0];
  };
  const paths = ['/', '/kesenjangan', '/pendampingan', '/data', '/banding'];
  try {
    const province = await firstChild(undefined);
    const regency = province && (await firstChild(province.code));
    const district = regency && (await firstChild(regency.code));
    const village = district && (await firstChild(district.code));
    for (const region of [province, regency, district]) {
      if (region) paths.push(`/wilayah/${region.code}`);
    }
    if (regency) {
      paths.push(`/kesenjangan?region=${regency.code}`, `/pendampingan?region=${regency.code}`);
    }
    if (village) {
      paths.push(`/desa/${village.code}`, `/cari?q=${encodeURIComponent(village.name)}`);
    }
  } catch {
    // An API that cannot be asked: the pages that need no region are still rendered.
  }
  return paths;
}

/**
 * Render `paths` once each, in turn, at `base` (the launcher's own loopback server), with the
 * warm-up header; failures are ignored (a page that fails here fails for its visitor too, who is
 * shown why). Bounded: each request 10 s, all of them WARM_UP_BUDGET_MS.
 *
 * @param {string} base e.g. `http://127.0.0.1:41234`
 * @param {string[]} paths
 * @param {Record<string, string>} headers sent with every request besides the warm-up header
 * @returns {Promise<number>} how many pages answered 200
 */
export async function warmUp(base, paths, headers = {}) {
  const deadline = Date.now() + WARM_UP_BUDGET_MS;
  let rendered = 0;
  for (const path of paths) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    try {
      const response = await fetch(`${base}${path}`, {
        headers: { ...headers, [WARM_UP_HEADER]: '1' },
        redirect: 'manual',
        signal: AbortSignal.timeout(Math.min(10_000, left)),
      });
      await response.arrayBuffer();
      if (response.status === 200) rendered++;
    } catch {
      // Left cold.
    }
  }
  return rendered;
}
