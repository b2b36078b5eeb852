import { api } from '$lib/server/api.js';
import type { PageServerLoad } from './$types';

/**
 * The region browser: every province with its regencies, each a link to its page (where its
 * districts and villages follow). One batch: the provinces, then the regencies of each.
 */
export const load: PageServerLoad = async () => {
  const client = api();
  const provinces = await client.regions.children.query({});
  const regencies = await Promise.all(
    provinces.map((p) => client.regions.children.query({ code: p.code })),
  );
  return {
    provinces: provinces.map((p, i) => ({
      code: p.code,
      name: p.name,
      villages: p.villages,
      regencies: (regencies[i] ?? []).map((r) => ({
        code: r.code,
        name: r.name,
        villages: r.villages,
      })),
    })),
  };
};
