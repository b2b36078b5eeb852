import type { PanduVolunteer } from '../mentoring.js';
import type { RegionLevel } from '../regions/region-level.js';
import type { VillageKind } from '../regions/village-kind.js';
import type { Sector } from '../sectors.js';

/** A village of the scope as the planner sees it (the latest year of data before the horizon). */
export interface PlanVillage {
  code: string;
  name: string;
  kind: VillageKind;
  skillsIndex: number;
  accessIndex: number;
  /**
   * Where the village "should be": a quantile (the request's `targetQuantile`) of the skills index
   * among villages of its kind in its province. The gap is `target - skillsIndex` when positive.
   */
  target: number;
  /** The last year the village was mentored in each sector (absent: never). */
  lastMentored: Partial<Record<Sector, number>>;
}

/**
 * The estimated effect of mentoring in a sector on the skills index (from the difference in
 * differences of `mentoring.impact`), with its uncertainty. `kind` null: for villages of every
 * kind; an estimate for one kind takes precedence over it.
 */
export interface SectorEffect {
  sector: Sector;
  kind: VillageKind | null;
  estimate: number;
  standardError: number;
  ci95: [number, number];
  /** Where the estimate comes from, in words (`Jawa Timur (35), cohorts 2021-2024`). */
  source: string;
}

/** Everything the planner needs from the database, for one scope and horizon. */
export interface PlanData {
  scope: { code: string | null; name: string; level: RegionLevel | 'nation' };
  /** The year whose values the plan reads (the latest with data before the horizon). */
  dataYear: number;
  /**
   * Villages of the scope with a skills and an access index in `dataYear`: what the plan may
   * assign, and what the region's index change and share below the threshold are out of.
   */
  villages: PlanVillage[];
  volunteers: PanduVolunteer[];
  effects: SectorEffect[];
  /** Names of the districts, regencies and provinces the plan may mention. */
  regionNames: Readonly<Record<string, string>>;
}
