import { sql, type Kysely } from 'kysely';
import { INDEX_MEASURES } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { sqlIdentifier, sqlLiteral, trustedSql } from '../sql/index.js';

// The village page's regency and national means and coverage counts
// (migrations/2026-12-08T00-profile-figures.ts), as one statement over every region at once:
// observations grouped by regency and by nation, village_index by grouping sets, joined to the
// regions' village counts. Nationally this takes about 0.2 s on 2 cores (0.18-0.26 s measured
// under a load of 6), the observations' aggregate (5M rows) most of it. With the districts as
// well (437,000 observation groups, 47,000 rows of lists to write) it took 0.7-1.1 s, which is
// why a district's means are read with the village's own rows instead.
//
// Two aggregates of observations, not grouping sets: DuckDB took about twice as long for
// `grouping sets ((regency, year, indicator), (year, indicator))` as for the two group-bys.
// A regency is its code prefix, as the on-demand query reads it ('PP.RR' is the first 5
// characters of a village code: the code's segments have fixed widths), so a mean covers the same
// rows as queries/village-profile.ts's range filter. village_index carries its regency code (from
// regions) and is grouped by it.

// The measure means of one group, as the list the table stores (names from the domain, never
// input).
const MEASURE_MEANS = trustedSql(
  `[${INDEX_MEASURES.map(
    (m) => `struct_pack(id := ${sqlLiteral(m)}, mean := avg(${sqlIdentifier(m)}))`,
  ).join(', ')}]`,
);

/**
 * Recompute profile_figures from observations, village_index and regions: for every regency
 * and the nation ('') and year, the mean of each indicator and measure and the coverage
 * counts. Run by refreshFigures inside the writing transaction, after the village index is rebuilt.
 *
 * @example
 * ```ts
 * await db.transaction().execute(async (trx) => {
 *   await rebuildVillageIndex(trx);
 *   await refreshProfileFigures(trx);
 * });
 * ```
 */
export async function refreshProfileFigures(db: Kysely<Database>): Promise<void> {
  await sql`delete from profile_figures`.execute(db);
  await sql`
    insert into profile_figures
    with observation_means as (
      select substr(village_code, 1, 5) as code, year, indicator, avg(value) as mean
      from observations group by all
      union all
      select '' as code, year, indicator, avg(value) as mean from observations group by all
    ), indicator_means as (
      select code, year,
        list(struct_pack(id := indicator::varchar, mean := mean) order by indicator) as indicators
      from observation_means group by code, year
    ), measure_means as (
      select case when grouping(regency_code) = 0 then regency_code else '' end as code,
        year, count(*)::integer as index_rows,
        count(skills_index)::integer as skills_n, ${MEASURE_MEANS} as measures
      from village_index
      group by grouping sets ((regency_code, year), (year))
    ), villages as (
      select case when grouping(regency_code) = 0 then regency_code else '' end as code,
        count(*)::integer as villages
      from regions where level = 'village'
      group by grouping sets ((regency_code), ())
    )
    select code, year, coalesce(m.index_rows, 0), coalesce(m.skills_n, 0),
      coalesce(v.villages, 0), coalesce(i.indicators, []), coalesce(m.measures, [])
    from indicator_means i
    full join measure_means m using (code, year)
    left join villages v using (code)
    order by code, year`.execute(db);
}
