import { redirect } from '@sveltejs/kit';
import { filterHref, parseFilters } from '$lib/filters.js';
import { api } from '$lib/server/api.js';
import { loadVillageFinder } from './village-finder.js';
import type { PageServerLoad } from './$types';

/**
 * The region the finder's three selects mean: the deepest one that lies inside the one above it
 * (a regency left from another province, after the province changed, is dropped).
 */
function chosenRegion(params: URLSearchParams): string | null {
  const province = params.get('provinsi') || null;
  const regency = params.get('kabupaten') || null;
  const district = params.get('kecamatan') || null;
  if (!province) return null;
  if (!regency || !regency.startsWith(`${province}.`)) return province;
  if (!district || !district.startsWith(`${regency}.`)) return regency;
  return district;
}

export const load: PageServerLoad = async ({ url }) => {
  const filters = parseFilters(url.searchParams);
  const q = (url.searchParams.get('q') ?? '').slice(0, 100);
  // The form's selects become the one `region` of every other page, so the URL stays canonical
  // and the tabs keep the region.
  if (url.searchParams.has('provinsi')) {
    const href = filterHref('/desa', { ...filters, region: chosenRegion(url.searchParams) });
    const query =
      q.trim() === '' ? '' : `${href.includes('?') ? '&' : '?'}q=${encodeURIComponent(q.trim())}`;
    redirect(303, `${href}${query}`);
  }
  return { q, finder: await loadVillageFinder(api(), filters.region, q, filters.kind) };
};
