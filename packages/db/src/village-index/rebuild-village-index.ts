import { sql, type Kysely } from 'kysely';
import { SKILL_PILLARS, indicatorsOfLevel } from '@pandu/domain';
import type { Database } from '../schema/database.js';

const access = indicatorsOfLevel('access').map((i) => i.id);
const outcomes = indicatorsOfLevel('outcomes').map((i) => i.id);

function meanOfAll(ids: readonly string[]): string {
  // null unless every component is present: a missing value is never silently averaged away.
  const present = ids.map((id) => `${id} is not null`).join(' and ');
  return `case when ${present} then (${ids.join(' + ')}) / ${ids.length}.0 end`;
}

function geometricMeanOfAll(ids: readonly string[]): string {
  // Pillars are on a 1-5 scale, so every component is positive and ln() is defined.
  const present = ids.map((id) => `${id} is not null`).join(' and ');
  return `case when ${present} then exp((${ids.map((id) => `ln(${id})`).join(' + ')}) / ${ids.length}.0) end`;
}

/**
 * Rebuild the per-village composite index from `observations`. Run inside the transaction that
 * changed the observations, so readers never see an index out of step with its inputs.
 *
 * With `villageCodesTable`, only the villages listed in that (temporary) table's `village_code`
 * column are rebuilt: an import of one regency does not recompute 83,762 villages.
 *
 * @example
 * ```ts
 * await db.transaction().execute((trx) => rebuildVillageIndex(trx));
 * ```
 */
export async function rebuildVillageIndex(
  db: Kysely<Database>,
  options: { villageCodesTable?: string } = {},
): Promise<void> {
  const scope = options.villageCodesTable
    ? `village_code in (select village_code from ${options.villageCodesTable})`
    : 'true';
  const all = [...access, ...SKILL_PILLARS, ...outcomes];
  const pivot = all
    .map((id) => `max(value) filter (where indicator = '${id}') as ${id}`)
    .join(',\n      ');
  await sql.raw(`delete from village_index where ${scope}`).execute(db);
  await sql
    .raw(
      `insert into village_index
    select p.village_code, p.year, r.province_code, r.regency_code, r.district_code, r.kind,
      ${SKILL_PILLARS.join(', ')},
      ${meanOfAll(SKILL_PILLARS)} as skills_index,
      ${geometricMeanOfAll(SKILL_PILLARS)} as skills_index_geometric,
      ${meanOfAll(access)} as access_index,
      ${meanOfAll(outcomes)} as outcomes_index,
      p.indicators_used, p.source
    from (
      select village_code, year,
      ${pivot},
      count(*) as indicators_used,
      case when count(distinct source) > 1 then 'mixed' else any_value(source) end as source
      from observations where ${scope}
      group by village_code, year
    ) p join regions r on r.code = p.village_code
    order by r.province_code, p.year, p.village_code`,
    )
    .execute(db);
}
