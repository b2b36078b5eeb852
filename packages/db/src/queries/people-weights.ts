import { sql, type RawBuilder } from 'kysely';
import { FigureWeight, type RegionLevel } from '@pandu/domain';

// Weighting figures by people (issue 12, "people as well as villages"). The population of a single
// village is not published; region_population holds each regency's. So a village stands for its
// regency's population divided by the number of the regency's villages that have a value (in the
// scope, of the kind asked): every resident of a regency is given one of its villages, equally.
// Consequences, stated in the method:
// - the people-weighted mean of a province or the nation is sum_r P_r m_r / sum_r P_r over its
//   regencies r with a value (m_r the regency's mean over villages), exactly;
// - within one regency (or a district, or a village) every village carries the same weight, so
//   the figures are the village-weighted ones: the answer says so (`weightEffective: false`)
//   rather than pretending to a second view;
// - a village of a regency missing from region_population carries no weight and is counted as
//   missing (none is, in the real region codes: all 514 regencies are there).
// Computed on demand (nothing is stored): set-based SQL over one year of village_index.

export { FigureWeight };

/** The weighting echoed in an answer asked for people. */
export interface PeopleWeighting {
  weight: 'people';
  /**
   * False where people-weighting cannot differ from village-weighting (a regency or below: all
   * villages share one regency's population), and the figures are the village-weighted ones.
   */
  weightEffective: boolean;
}

/**
 * Whether weighting by people changes anything in a scope: only where villages of several
 * regencies meet, the nation and a province.
 *
 * @example
 * ```ts
 * peopleWeightEffective('province'); // true
 * peopleWeightEffective('regency'); // false
 * ```
 */
export function peopleWeightEffective(level: RegionLevel | 'nation'): boolean {
  return level === 'nation' || level === 'province';
}

/**
 * SQL, a select list source: the villages of `where` (village_index, one year, filters included)
 * with a value of `m`, each as `y` (the value) and `w` (its people weight), with `kind` and the
 * `childColumn` as `g`. Regencies without a population row drop out (inner join).
 *
 * @example
 * ```ts
 * sql`with v as (${peopleWeightedVillages(m, where, 'regency_code')}) select sum(w * y) / sum(w) from v`;
 * ```
 */
export function peopleWeightedVillages(
  m: RawBuilder<number>,
  where: RawBuilder<boolean>,
  childColumn: string,
): RawBuilder<{ g: string; y: number; kind: string; w: number }> {
  return sql`
    select vi.${sql.ref(childColumn)} as g, ${m} as y, vi.kind as kind,
      p.total::double / count(*) over (partition by vi.regency_code) as w
    from village_index vi join region_population p on p.code = vi.regency_code
    where ${where} and ${m} is not null`;
}

/**
 * SQL: {@link peopleWeightedVillages} with the villages of one value (and kind and child region)
 * pooled: `y`, `kind`, `g`, `w` (their summed weight) and `n` (how many). The indicator values
 * are rounded, so a nation's 83,762 villages have a few hundred distinct values; every figure
 * here (weighted sums, running sums over the sorted values, Gini, Lorenz, quantiles) is the same
 * over pooled ties, since tied villages contribute alike whatever their order.
 *
 * @example
 * ```ts
 * sql`with v as (${pooledPeopleWeightedValues(m, where, 'regency_code')}) select sum(n) from v`;
 * ```
 */
export function pooledPeopleWeightedValues(
  m: RawBuilder<number>,
  where: RawBuilder<boolean>,
  childColumn: string,
): RawBuilder<{ g: string; y: number; kind: string; w: number; n: number }> {
  return sql`
    select g, y, kind, sum(w) as w, count(*) as n
    from (${peopleWeightedVillages(m, where, childColumn)})
    group by g, y, kind`;
}
