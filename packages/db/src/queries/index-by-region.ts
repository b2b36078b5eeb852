import { sql, type Kysely, type RawBuilder } from 'kysely';
import { z } from 'zod';
import {
  FigureWeight,
  IndexMeasure,
  KindFilter,
  ObservationYear,
  RegionCode,
  type RegionLevel,
} from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { assertRegionExists } from './assert-region-exists.js';
import { kindFilter, measureColumn, regionScope } from '../sql/index.js';
import { parseQueryInput } from './parse-query-input.js';
import { QueryInputError } from './query-input-error.js';
import type { PeopleWeighting } from './people-weights.js';

/**
 * Input of {@link indexByRegion}: the region whose children are listed (`code`; the 38 provinces
 * when absent), the year, the measure (default `skills_index`), which villages by kind
 * (default all) and how villages are weighted (`weight`, default `village`).
 *
 * @example
 * ```ts
 * IndexByRegionInput.parse({ code: '35', year: 2024 });
 * ```
 */
export const IndexByRegionInput = z.object({
  code: RegionCode.optional(),
  year: ObservationYear,
  measure: IndexMeasure.optional(),
  kind: KindFilter.optional(),
  weight: FigureWeight.optional(),
});
export type IndexByRegionInput = z.input<typeof IndexByRegionInput>;

/**
 * One child region's figures for a year. Asked with `weight: 'people'`, each mean weighs the
 * villages by people (`weight`, `weightEffective` on every row; absent for village weights): a
 * province's mean is then sum_r P_r m_r / sum_r P_r over its regencies r with a value. A regency
 * or anything below lies within one regency, where the two weightings agree
 * (`weightEffective: false`).
 */
export interface RegionIndexRow extends Partial<PeopleWeighting> {
  code: string;
  name: string;
  level: RegionLevel;
  /** Villages with a value of the measure (those missing it are counted in `missing`). */
  villages: number;
  missing: number;
  /** Mean of the measure over the villages; null when none has a value. */
  value: number | null;
  /** `value` minus the same mean a year before; null when either is missing. */
  change: number | null;
  digitalSkills: number | null;
  digitalEthics: number | null;
  digitalSafety: number | null;
  digitalCulture: number | null;
  skillsIndex: number | null;
  skillsIndexGeometric: number | null;
  accessIndex: number | null;
  outcomesIndex: number | null;
}

/**
 * The children of a region (or all provinces) with the mean of a measure over their villages,
 * each pillar and level, and the change from the year before. Every child is listed, also one
 * without data (value null), ordered by code.
 *
 * @example
 * ```ts
 * const rows = await indexByRegion(db, { code: '35', year: 2024 });
 * rows[0]; // { code: '35.01', name: 'Kabupaten Pacitan', villages: 171, value: 3.55, ... }
 * ```
 */
export async function indexByRegion(
  db: Kysely<Database>,
  input: IndexByRegionInput,
): Promise<RegionIndexRow[]> {
  // Inputs are checked before the database is asked anything.
  // `parent` was this input's name for the region until it became `code` as everywhere else. The
  // schema drops unknown keys, so an old caller would silently get the provinces: name it instead.
  if (input.code === undefined && (input as { parent?: unknown }).parent !== undefined) {
    throw new QueryInputError('parent', 'renamed to code: pass { code } for the region in scope');
  }
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const { year, ...parsed } = parseQueryInput(IndexByRegionInput, input);
  const m = measureColumn(parsed.measure);
  const kind = kindFilter(parsed.kind);
  await assertRegionExists(db, scope);
  const child = scope.childColumn;
  if (!child) return [];
  const children =
    scope.code === undefined ? sql`r.level = 'province'` : sql`r.parent_code = ${scope.code}`;
  // The children are provinces only for the nation: that is where people-weighting changes a mean.
  if (parsed.weight === 'people' && scope.level === 'nation') {
    const weighted = await peopleWeightedChildren(db, year, m, kind);
    return weighted.map((row) => ({ weight: 'people', weightEffective: true, ...row }));
  }
  const result = await sql<RegionIndexRow>`
    with cur as (
      select ${sql.ref(child)} as code,
        count(${m}) as villages, count(*) - count(${m}) as missing, avg(${m}) as value,
        avg(digital_skills) as digital_skills, avg(digital_ethics) as digital_ethics,
        avg(digital_safety) as digital_safety, avg(digital_culture) as digital_culture,
        avg(skills_index) as skills_index, avg(skills_index_geometric) as skills_index_geometric,
        avg(access_index) as access_index,
        avg(outcomes_index) as outcomes_index
      from village_index
      where year = ${year} and ${scope.where} and ${kind}
      group by 1
    ), prev as (
      select ${sql.ref(child)} as code, avg(${m}) as value
      from village_index
      where year = ${year - 1} and ${scope.where} and ${kind}
      group by 1
    )
    select r.code, r.name, r.level,
      coalesce(cur.villages, 0)::integer as "villages", coalesce(cur.missing, 0)::integer as "missing",
      cur.value as "value", cur.value - prev.value as "change",
      cur.digital_skills as "digitalSkills", cur.digital_ethics as "digitalEthics",
      cur.digital_safety as "digitalSafety", cur.digital_culture as "digitalCulture",
      cur.skills_index as "skillsIndex", cur.skills_index_geometric as "skillsIndexGeometric",
      cur.access_index as "accessIndex",
      cur.outcomes_index as "outcomesIndex"
    from regions r
    left join cur on cur.code = r.code
    left join prev on prev.code = r.code
    where ${children}
    order by r.code`.execute(db);
  // A province's children are regencies, each within itself: its mean is the same either way.
  if (parsed.weight === 'people') {
    return result.rows.map((row) => ({ weight: 'people', weightEffective: false, ...row }));
  }
  return result.rows;
}

const PILLARS = [
  ['digital_skills', 'digitalSkills'],
  ['digital_ethics', 'digitalEthics'],
  ['digital_safety', 'digitalSafety'],
  ['digital_culture', 'digitalCulture'],
  ['skills_index', 'skillsIndex'],
  ['skills_index_geometric', 'skillsIndexGeometric'],
  ['access_index', 'accessIndex'],
  ['outcomes_index', 'outcomesIndex'],
] as const;

/**
 * The provinces with people-weighted means: each regency's mean over its villages, weighted by the
 * regency's population, per column (a regency without a value of a column drops out of that
 * column's weights). Villages and missing counts are the villages', unweighted.
 */
async function peopleWeightedChildren(
  db: Kysely<Database>,
  year: number,
  m: RawBuilder<number>,
  kind: RawBuilder<boolean>,
): Promise<RegionIndexRow[]> {
  const regencyMeans = sql.join(
    PILLARS.map(([column]) => sql`avg(${sql.ref(column)}) as ${sql.ref(column)}`),
  );
  const weighted = (column: RawBuilder<unknown>, alias: string) =>
    sql`sum(p.total * ${column}) / sum(p.total) filter (where ${column} is not null) as ${sql.ref(alias)}`;
  const provinceMeans = sql.join(
    PILLARS.map(([column]) => weighted(sql.ref(`reg.${column}`), column)),
  );
  const result = await sql<RegionIndexRow>`
    with reg as (
      select province_code as code, regency_code, year,
        count(${m}) as villages, count(*) - count(${m}) as missing, avg(${m}) as value,
        ${regencyMeans}
      from village_index
      where year in (${year}, ${year - 1}) and ${kind}
      group by 1, 2, 3
    ), prov as (
      select reg.code, reg.year, sum(reg.villages) as villages, sum(reg.missing) as missing,
        ${weighted(sql.ref('reg.value'), 'value')}, ${provinceMeans}
      from reg join region_population p on p.code = reg.regency_code
      group by 1, 2
    ), cur as (select * from prov where year = ${year}),
    prev as (select * from prov where year = ${year - 1})
    select r.code, r.name, r.level,
      coalesce(cur.villages, 0)::integer as "villages", coalesce(cur.missing, 0)::integer as "missing",
      cur.value as "value", cur.value - prev.value as "change",
      ${sql.join(PILLARS.map(([column, alias]) => sql`cur.${sql.ref(column)} as ${sql.ref(alias)}`))}
    from regions r
    left join cur on cur.code = r.code
    left join prev on prev.code = r.code
    where r.level = 'province'
    order by r.code`.execute(db);
  return result.rows;
}
