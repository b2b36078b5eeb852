import type { KindFilter } from '@pandu/domain';
import type { RegionDetail } from '$lib/api-types.js';
import { orNull, type Api } from '$lib/server/api.js';
import { isAreaCode } from '$lib/region-code.js';

/** One village of the finder's list. */
export interface FoundVillage {
  code: string;
  name: string;
  kind: RegionDetail['kind'];
  district: string;
}

/** The finder's choices: a region at each level down to the district, and the villages found. */
export interface VillageFinder {
  /** The chosen province, regency and district (null where not chosen), each valid. */
  chosen: { province: string | null; regency: string | null; district: string | null };
  provinces: { code: string; name: string }[];
  regencies: { code: string; name: string }[];
  districts: { code: string; name: string }[];
  /** Null until a regency is chosen: a province's thousands of villages are no list to read. */
  villages: FoundVillage[] | null;
  /** Villages before the name and kind filters. */
  total: number;
}

function matchesKind(kind: RegionDetail['kind'], filter: KindFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'desa') return kind !== 'kelurahan';
  return kind === filter;
}

/**
 * `/desa`: find villages by where they are (province, regency, district: each select lists the
 * children of the one above, so the choice narrows step by step, as a GET form without
 * JavaScript), by name (`q`, any part of it) and by kind. The villages of a regency or a district
 * are listed; the search page (`/cari`) is the way to find a name anywhere.
 */
export async function loadVillageFinder(
  api: Api,
  region: string | null,
  q: string,
  kind: KindFilter,
): Promise<VillageFinder> {
  const code = isAreaCode(region) ? region : null;
  const province = code?.slice(0, 2) ?? null;
  const regency = code && code.length >= 5 ? code.slice(0, 5) : null;
  const district = code && code.length >= 8 ? code.slice(0, 8) : null;
  const [provinces, regencies, districts] = await Promise.all([
    api.regions.children.query({}),
    province ? orNull(api.regions.children.query({ code: province })) : null,
    regency ? orNull(api.regions.children.query({ code: regency })) : null,
  ]);
  const names = (list: RegionDetail[] | null) =>
    (list ?? []).map((r) => ({ code: r.code, name: r.name }));
  // The villages of the chosen district, or of every district of the chosen regency.
  const listed = district
    ? [{ code: district, name: districts?.find((d) => d.code === district)?.name ?? district }]
    : regency
      ? names(districts)
      : [];
  const villagesByDistrict =
    listed.length > 0
      ? await Promise.all(listed.map((d) => orNull(api.regions.children.query({ code: d.code }))))
      : null;
  const all: FoundVillage[] | null = villagesByDistrict
    ? villagesByDistrict.flatMap((villages, i) =>
        (villages ?? []).map((v) => ({
          code: v.code,
          name: v.name,
          kind: v.kind,
          district: listed[i]?.name ?? '',
        })),
      )
    : null;
  const needle = q.trim().toLocaleLowerCase('id');
  return {
    chosen: {
      province: provinces.some((p) => p.code === province) ? province : null,
      regency: regencies?.some((r) => r.code === regency) ? regency : null,
      district: districts?.some((d) => d.code === district) ? district : null,
    },
    provinces: names(provinces),
    regencies: names(regencies),
    districts: names(districts),
    villages:
      all?.filter(
        (v) =>
          matchesKind(v.kind, kind) &&
          (needle === '' || v.name.toLocaleLowerCase('id').includes(needle)),
      ) ?? null,
    total: all?.length ?? 0,
  };
}
