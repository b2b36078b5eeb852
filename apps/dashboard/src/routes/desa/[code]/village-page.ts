import type { Health, VillageProfile } from '$lib/api-types.js';
import { orNotFound, type Api } from '$lib/server/api.js';
import { dataYears } from '$lib/server/dataset-info.js';

export interface VillagePage {
  profile: VillageProfile;
  years: number[];
}

/** One village: its profile (pillars over the years beside its district, regency and nation, rank, mentoring). */
export async function loadVillagePage(
  api: Api,
  code: string,
  health: Health,
): Promise<VillagePage> {
  const profile = await orNotFound(api.villages.profile.query({ code }));
  return { profile, years: dataYears(health) };
}
