import type { Kysely } from 'kysely';
import { SKILL_PILLARS, indicatorsOfLevel } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { sqlIdentifier, sqlLiteral, trustedSql } from '../sql/index.js';

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

/** The marker DuckDB's `error()` raises when a village-year holds one indicator twice. */
const DUPLICATE_MARKER = 'pandu: duplicate observation keys';

/**
 * `observations` holds the same (village_code, year, indicator) more than once for a village the
 * rebuild read: the index cannot be computed, and the transaction that wrote them must not commit.
 * The import relies on this to find duplicate keys (inside a file, or a file's keys already
 * stored) while it writes, instead of in a separate pass over the file before it.
 */
export class DuplicateObservationKeysError extends Error {
  override readonly name = 'DuplicateObservationKeysError';
}

/**
 * Rebuild the per-village composite index from `observations`. Run inside the transaction that
 * changed the observations, so readers never see an index out of step with its inputs.
 *
 * With `villageCodesTable`, only the villages listed in that (temporary) table's `village_code`
 * column are rebuilt: an import of one regency does not recompute 83,762 villages. `codeRange`
 * (the lowest and highest of those codes) lets DuckDB skip the row groups of `observations`
 * outside it before it looks at a row; `years` limits the rebuild to those years (both ends
 * included), so an import of one year's survey reads only that year's observations.
 *
 * Every village-year read is checked for a repeated indicator (its rows counted against the
 * indicators the pivot found, from columns it computes anyway): {@link DuplicateObservationKeysError}
 * if one is found, and nothing should be committed.
 *
 * @example
 * ```ts
 * await db.transaction().execute((trx) => rebuildVillageIndex(trx));
 * ```
 */
export async function rebuildVillageIndex(
  db: Kysely<Database>,
  options: {
    villageCodesTable?: string;
    codeRange?: { lo: string; hi: string };
    years?: { from: number; to: number };
  } = {},
): Promise<void> {
  const { codeRange, years, villageCodesTable } = options;
  const scope =
    [
      codeRange &&
        `village_code between ${sqlLiteral(codeRange.lo)} and ${sqlLiteral(codeRange.hi)}`,
      years && `year between ${Math.trunc(years.from)} and ${Math.trunc(years.to)}`,
      villageCodesTable &&
        `village_code in (select village_code from ${sqlIdentifier(villageCodesTable)})`,
    ]
      .filter(Boolean)
      .join(' and ') || 'true';
  const all = [...access, ...SKILL_PILLARS, ...outcomes];
  const pivot = all
    .map((id) => `max(value) filter (where indicator = '${id}') as ${id}`)
    .join(',\n      ');
  // Every observation's indicator is one of the ten and its value is never null, so a village-year
  // read from more rows than it has indicators holds one of them twice.
  const present = all.map((id) => `(p.${id} is not null)::integer`).join(' + ');
  // Rows are written ordered by province and year, the filters every aggregation uses, so zone
  // maps keep skipping row groups after a large rebuild. A rebuild of listed villages is a small
  // one (an import of a few regencies): a few row groups, not worth a sort.
  const order = options.villageCodesTable ? '' : 'order by r.province_code, p.year, p.village_code';
  await trustedSql(`delete from village_index where ${scope}`).execute(db);
  const insert = trustedSql(
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
      case when min(source) <> max(source) then 'mixed' else min(source) end as source
      from observations where ${scope}
      group by village_code, year
    ) p join regions r on r.code = p.village_code
    where case when p.indicators_used > ${present} then error('${DUPLICATE_MARKER}') else true end
    ${order}`,
  ).execute(db);
  await insert.catch((error: unknown) => {
    if (error instanceof Error && error.message.includes(DUPLICATE_MARKER)) {
      throw new DuplicateObservationKeysError(
        'observations hold the same village, year and indicator more than once',
        { cause: error },
      );
    }
    throw error;
  });
}
