import { sql, type Kysely } from 'kysely';
import type { PanduVolunteer } from '@pandu/domain';
import {
  PlanRequest,
  SECTORS,
  resolvePlanRequest,
  type PlanData,
  type PlanVillage,
  type Sector,
  type SectorEffect,
  type VillageKind,
  type VolunteerTier,
} from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { NoDataError } from '../errors.js';
import { assertRegionExists } from '../queries/assert-region-exists.js';
import { mentoringAttendance } from '../queries/mentoring-attendance.js';
import { storedMentoringImpact } from '../figures/mentoring-impact-figures.js';
import { mentoringImpact } from '../queries/mentoring-impact.js';
import { parseQueryInput } from '../queries/parse-query-input.js';
import { QueryInputError } from '../queries/query-input-error.js';
import { regionScope } from '../sql/index.js';

interface VillageRow {
  code: string;
  name: string;
  kind: VillageKind;
  skills_index: number;
  access_index: number;
  target: number;
}

/**
 * What the planner needs from the database for a request ({@link PlanData}): the scope's villages
 * with their skills and access index in the latest year with data before the horizon, each with
 * its target (the request's `targetQuantile` of the skills index among villages of its kind in
 * its province) and the last year it was mentored in each sector before the horizon; the
 * volunteers (the `volunteers` table of the scope's province, or the request's uploaded list); the
 * effect of mentoring per sector from {@link mentoringImpact} (the scope's province, the nation
 * when the province has no comparison; the nation for a national plan); and the names of the
 * districts, regencies and provinces the explanation mentions.
 *
 * Throws the domain's `InvalidRegionCodeError`, `UnknownRegionError`, zod's error for an invalid
 * request, `QueryInputError` for a village scope, or {@link NoDataError} when the scope has no
 * year of data before the horizon.
 *
 * @example
 * ```ts
 * const data = await planInputs(db, { code: '35.05', horizon: { year: 2026 } });
 * data.dataYear; // 2025
 * data.villages.length; // 248
 * ```
 */
export async function planInputs(db: Kysely<Database>, input: PlanRequest): Promise<PlanData> {
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const request = resolvePlanRequest(parseQueryInput(PlanRequest, input));
  if (scope.level === 'village') {
    throw new QueryInputError(
      'code',
      'a plan covers the nation, a province, a regency or a district, not one village',
    );
  }
  await assertRegionExists(db, scope);
  const horizonYear = request.horizon.year;
  const horizonStart = `${horizonYear}-${String(3 * ((request.horizon.quarter ?? 1) - 1) + 1).padStart(2, '0')}-01`;

  const yearRow = await sql<{ year: number | null }>`
    select max(year)::integer as year from village_index
    where ${scope.where} and year < ${horizonYear}
      and skills_index is not null and access_index is not null`.execute(db);
  const dataYear = yearRow.rows[0]?.year ?? null;
  const where = scope.code ?? 'the nation';
  if (dataYear === null) {
    throw new NoDataError(
      `no year before ${horizonYear} with a skills and an access index in ${where}`,
    );
  }
  const province = scope.code?.slice(0, 2);

  // Targets are computed over the whole province (or nation), so a regency's villages are
  // measured against their province's peers, not only each other.
  const villages = await sql<VillageRow>`
    with peers as (
      select province_code, kind, quantile_cont(skills_index, ${sql.lit(request.targetQuantile)}) as target
      from village_index
      where year = ${dataYear} and skills_index is not null
        ${province === undefined ? sql`` : sql`and province_code = ${province}`}
      group by 1, 2
    )
    select i.village_code as code, r.name, i.kind, i.skills_index, i.access_index, p.target
    from (select * from village_index where year = ${dataYear} and ${scope.where}) i
    join regions r on r.code = i.village_code
    join peers p on p.province_code = i.province_code and p.kind = i.kind
    where i.skills_index is not null and i.access_index is not null
    order by i.village_code`.execute(db);

  const mentored = await sql<{ village_code: string; sector: string; last_year: number }>`
    select a.village_code, s.sector, max(year(e.start_date))::integer as last_year
    from ${mentoringAttendance()} a
    join mentoring_events e on e.id = a.event_id
    join mentoring_event_sectors s on s.event_id = a.event_id
    where e.start_date < ${horizonStart}
      and a.village_code in (select code from regions where ${scope.villagesWhere})
    group by 1, 2`.execute(db);
  const history = new Map<string, Partial<Record<Sector, number>>>();
  const sectors = new Set<string>(SECTORS.map((s) => s.code));
  for (const m of mentored.rows) {
    if (!sectors.has(m.sector)) continue;
    const h = history.get(m.village_code) ?? {};
    h[m.sector as Sector] = m.last_year;
    history.set(m.village_code, h);
  }

  const planVillages: PlanVillage[] = villages.rows.map((r) => ({
    code: r.code,
    name: r.name,
    kind: r.kind,
    skillsIndex: r.skills_index,
    accessIndex: r.access_index,
    target: r.target,
    lastMentored: history.get(r.code) ?? {},
  }));

  // Volunteers of the scope's province (a province travel rule brings them into a regency), or
  // all of them for the nation; the model keeps those whose travel area reaches the scope.
  const volunteers: PanduVolunteer[] =
    request.volunteers ??
    (
      await db
        .selectFrom('volunteers')
        .select(['id', 'tier', 'sector', 'home_region_code', 'joined_year'])
        .$if(province !== undefined, (q) =>
          q.where(sql<boolean>`starts_with(home_region_code, ${province ?? ''})`),
        )
        .orderBy('id')
        .execute()
    ).map((v) => ({
      id: v.id,
      tier: v.tier as VolunteerTier,
      sector: v.sector as Sector,
      homeRegionCode: v.home_region_code as PanduVolunteer['homeRegionCode'],
      joinedYear: v.joined_year,
    }));

  const names = await sql<{ code: string; name: string }>`
    select code, name from regions
    where level <> 'village'
      ${province === undefined ? sql`` : sql`and province_code = ${province}`}`.execute(db);
  const regionNames: Record<string, string> = {};
  for (const r of names.rows) regionNames[r.code] = r.name;

  // The four estimates at once: each is one query, and the pool has connections to spare.
  const effects = (
    await Promise.all(SECTORS.map(({ code }) => sectorEffect(db, code, province, regionNames)))
  ).filter((e): e is SectorEffect => e !== null);

  return {
    scope: {
      code: scope.code ?? null,
      name: scope.code === undefined ? 'Indonesia' : (regionNames[scope.code] ?? scope.code),
      level: scope.level,
    },
    dataYear,
    villages: planVillages,
    volunteers,
    effects,
    regionNames,
  };
}

/**
 * The effect of mentoring in a sector on the skills index: the province's difference in
 * differences, else the nation's (a province with too few mentored villages has no comparison),
 * else none (the sector is then not planned). The estimate is for villages of every kind:
 * `mentoringImpact` does not split by kind, so `kind` is null.
 */
async function sectorEffect(
  db: Kysely<Database>,
  sector: Sector,
  province: string | undefined,
  names: Readonly<Record<string, string>>,
): Promise<SectorEffect | null> {
  for (const code of province === undefined ? [undefined] : [province, undefined]) {
    try {
      // The stored figure when the data's figures are fresh (one lookup), else the query.
      const input = { code, sector, measure: 'skills_index' } as const;
      const impact = (await storedMentoringImpact(db, input)) ?? (await mentoringImpact(db, input));
      const years = impact.cohorts.map((c) => c.year);
      const where = code === undefined ? 'Indonesia' : `${names[code] ?? code} (${code})`;
      return {
        sector,
        kind: null,
        estimate: stable(impact.estimate),
        standardError: stable(impact.standardError),
        ci95: [stable(impact.ci95[0]), stable(impact.ci95[1])],
        source:
          `difference in differences, ${where}, cohorts ${Math.min(...years)}-${Math.max(...years)}, ` +
          `${impact.nTreated} mentored villages`,
      };
    } catch (error) {
      if (!(error instanceof NoDataError)) throw error;
    }
  }
  return null;
}

/**
 * An estimate rounded to 12 decimals. DuckDB sums floats in parallel, so the same impact query can
 * differ in the last bits from run to run; unrounded, two requests for the same plan could break a
 * tie differently and a shared plan would not reproduce.
 */
function stable(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}
