import type { Health, VillageProfile } from '$lib/api-types.js';
import { orNotFound, type Api } from '$lib/server/api.js';
import { dataYears, datasetYears } from '$lib/server/dataset-info.js';
import type { DatasetYears } from '$lib/year-notes.js';

export interface VillagePage {
  profile: VillageProfile;
  years: number[];
  /** Extrapolated years and the last published ILD year. */
  yearNotes: DatasetYears;
}

/**
 * One village: its profile (pillars over the years beside its district, regency and nation, rank,
 * mentoring), asked at once, beside the dataset's years (`health`).
 */
export async function loadVillagePage(
  api: Api,
  code: string,
  health: Health | Promise<Health>,
): Promise<VillagePage> {
  const [profile, info] = await Promise.all([
    orNotFound(api.villages.profile.query({ code })),
    health,
  ]);
  return { profile, years: dataYears(info), yearNotes: datasetYears(info) };
}
