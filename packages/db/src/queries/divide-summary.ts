import { sql, type Kysely, type RawBuilder } from 'kysely';
import { z } from 'zod';
import {
  FigureWeight,
  IndexMeasure,
  KindFilter,
  ObservationYear,
  RegionCode,
  type Gap,
  type RegionLevel,
} from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { NoDataError } from '../errors.js';
import { assertRegionExists } from './assert-region-exists.js';
import {
  DEFAULT_MEASURE,
  kindFilter,
  measureColumn,
  regionScope,
  type RegionScope,
} from '../sql/index.js';
import { parseQueryInput } from './parse-query-input.js';
import { Threshold, measureThreshold } from './query-fields.js';
import {
  peopleWeightEffective,
  pooledPeopleWeightedValues,
  type PeopleWeighting,
} from './people-weights.js';

/**
 * Input of {@link divideSummary}: the region (`code`, the nation when absent), the year, the
 * measure (default `skills_index`), which villages by kind (default all) and the "lagging"
 * cut-off for `shareBelow` (default from the domain's MEASURE_SCALES), and how villages are
 * weighted (`weight`: `village`, the default, or `people`, see `FigureWeight`).
 *
 * @example
 * ```ts
 * DivideSummaryInput.parse({ code: '35', year: 2024, measure: 'digital_safety' });
 * ```
 */
export const DivideSummaryInput = z.object({
  code: RegionCode.optional(),
  year: ObservationYear,
  measure: IndexMeasure.optional(),
  kind: KindFilter.optional(),
  threshold: Threshold.optional(),
  weight: FigureWeight.optional(),
});
export type DivideSummaryInput = z.input<typeof DivideSummaryInput>;

/**
 * The people living in the regencies of a province (or the nation) whose mean is strictly below
 * the threshold, from region_population; regencies without a value are left out of `totalPeople`.
 */
export interface PeopleBelow {
  people: number;
  /** `people` / `totalPeople`. */
  share: number;
  /** Regencies below the threshold, of `totalRegencies` with a value. */
  regencies: number;
  totalRegencies: number;
  totalPeople: number;
}

/**
 * The divide among one region's villages in one year. Every figure is computed in DuckDB. Asked
 * with `weight: 'people'` the figures weigh each village by its share of its regency's
 * population (`weight` and `weightEffective` then say so; they are absent for village weights).
 */
export interface DivideSummary extends Partial<PeopleWeighting> {
  code: string | null;
  level: RegionLevel | 'nation';
  year: number;
  measure: IndexMeasure;
  /** Villages with a value; `missing` lack one (they are left out, not imputed). */
  n: number;
  missing: number;
  mean: number;
  gini: number;
  /** Theil T, split exactly into between and within the child regions (`groups` of them). */
  theil: { total: number; between: number; within: number; groups: number };
  coefficientOfVariation: number;
  palmaRatio: number | null;
  quintileGap: Gap;
  /** Highest and lowest village. */
  maxMinGap: Gap;
  /** Highest and lowest child-region mean (what BPS reports between provinces); null for a district. */
  childMaxMinGap: Gap | null;
  /** Kelurahan (urban) mean minus the mean of desa and desa adat (rural). */
  urbanRuralGap: { kelurahan: number | null; desa: number | null; difference: number | null };
  threshold: number;
  /** Share of villages (people, when weighted by people) strictly below the threshold. */
  shareBelow: number;
  /** People in regencies whose mean is below the threshold; null below the province level. */
  peopleBelow: PeopleBelow | null;
}

const gap = (top: number, bottom: number): Gap => ({
  top,
  bottom,
  difference: top - bottom,
  ratio: bottom > 0 ? top / bottom : null,
});

interface Row {
  n: number;
  missing: number;
  mean: number | null;
  sd: number;
  gini_numerator: number;
  total: number;
  theil: number;
  top10: number;
  bottom40: number;
  top20: number;
  bottom20: number;
  max_value: number;
  min_value: number;
  below: number;
  kelurahan: number | null;
  desa: number | null;
}

/**
 * Gini, Theil (between and within child regions), CV, Palma, quintile gap, max-min gaps,
 * urban-rural gap and the share below a threshold, over a region's villages in a year. The
 * definitions are the domain package's (`gini`, `theil`, `palmaRatio`, `quintileGap`, ...),
 * written in SQL so 83,762 values never cross into JavaScript; tests hold the two equal. With
 * `weight: 'people'` (a province or the nation) each village is weighted by its share of its
 * regency's population (see people-weights.ts; computed on demand, never stored). For a province
 * or the nation `peopleBelow` counts the people of regencies whose mean is below the threshold.
 *
 * @example
 * ```ts
 * const d = await divideSummary(db, { code: '35', year: 2024 });
 * d.gini; // 0.05
 * ```
 */
export async function divideSummary(
  db: Kysely<Database>,
  input: DivideSummaryInput,
): Promise<DivideSummary> {
  // Inputs are checked before the database is asked anything.
  // The code first, so a malformed one throws the domain's InvalidRegionCodeError.
  const scope = regionScope(input.code);
  const { year, kind, ...parsed } = parseQueryInput(DivideSummaryInput, input);
  const measure = parsed.measure ?? DEFAULT_MEASURE;
  const m = measureColumn(measure);
  const threshold = measureThreshold(measure, parsed.threshold);
  const where = sql<boolean>`year = ${year} and ${scope.where} and ${kindFilter(kind)}`;
  await assertRegionExists(db, scope);
  const peopleBelow = await peopleInRegenciesBelow(db, scope, where, m, threshold);
  // People-weighting changes figures only where several regencies meet; below, the village
  // figures are answered and said to be so (weightEffective: false).
  if (parsed.weight === 'people' && peopleWeightEffective(scope.level)) {
    const weighted = await peopleWeightedSummary(db, scope, where, m, threshold);
    if (!weighted) {
      throw new NoDataError(`no ${measure} values in ${year} for ${scope.code ?? 'the nation'}`);
    }
    return {
      weight: 'people',
      weightEffective: true,
      code: scope.code ?? null,
      level: scope.level,
      year,
      measure,
      ...weighted,
      threshold,
      peopleBelow,
    };
  }
  // One pass of window functions: i is the ascending rank, n the count. Palma and quintile cuts
  // are fractional (exactly n/10, 4n/10, n/5 observations; the straddling one counted in part),
  // as in the domain functions: weight of rank i in the top k = clamp(i - (n - k), 0, 1), in the
  // bottom k = clamp(k - (i - 1), 0, 1).
  const summary = await sql<Row>`
    with v as (
      select ${m} as y, kind from village_index where ${where}
    ), ranked as (
      select y, kind, row_number() over (order by y) as i, count(*) over () as n,
        avg(y) over () as m
      from v where y is not null
    )
    select
      count(*)::integer as n,
      (select count(*) from v where y is null)::integer as missing,
      avg(y) as mean,
      coalesce(stddev_pop(y), 0) as sd,
      coalesce(sum((2 * i - n - 1) * y), 0) as gini_numerator,
      coalesce(sum(y), 0) as total,
      coalesce(avg(case when y > 0 and m > 0 then (y / m) * ln(y / m) else 0 end), 0) as theil,
      coalesce(sum(y * greatest(0, least(1, i - (n - n / 10.0)))), 0) as top10,
      coalesce(sum(y * greatest(0, least(1, 4 * n / 10.0 - (i - 1)))), 0) as bottom40,
      coalesce(sum(y * greatest(0, least(1, i - (n - n / 5.0)))), 0) as top20,
      coalesce(sum(y * greatest(0, least(1, n / 5.0 - (i - 1)))), 0) as bottom20,
      max(y) as max_value, min(y) as min_value,
      count(*) filter (where y < ${threshold})::integer as below,
      avg(y) filter (where kind = 'kelurahan') as kelurahan,
      avg(y) filter (where kind <> 'kelurahan') as desa
    from ranked`.execute(db);
  const row = summary.rows[0];
  if (!row || row.n === 0 || row.mean === null) {
    throw new NoDataError(`no ${measure} values in ${year} for ${scope.code ?? 'the nation'}`);
  }
  const n = row.n;
  const mean = row.mean;

  let between = 0;
  let within = 0;
  let groups = 0;
  let childMaxMinGap: Gap | null = null;
  if (scope.childColumn) {
    // Theil decomposition by child region: between = sum_g (n_g/N)(m_g/m) ln(m_g/m),
    // within = sum_g (n_g m_g / (N m)) T_g.
    const parts = await sql<{
      between: number;
      within: number;
      groups: number;
      hi: number;
      lo: number;
    }>`
      with v as (
        select ${sql.ref(scope.childColumn)} as g, ${m} as y from village_index
        where ${where} and ${m} is not null
      ), t as (select avg(y) as m, count(*) as n from v),
      by_group as (
        select g, count(*) as ng, avg(y) as mg from v group by g
      ), theil_g as (
        select v.g, avg(case when v.y > 0 then (v.y / b.mg) * ln(v.y / b.mg) else 0 end) as tg
        from v join by_group b on b.g = v.g where b.mg > 0 group by v.g
      )
      select
        coalesce(sum(case when b.mg > 0 then (b.ng / t.n) * (b.mg / t.m) * ln(b.mg / t.m) else 0 end), 0) as between,
        coalesce(sum((b.ng * b.mg) / (t.n * t.m) * coalesce(tg.tg, 0)), 0) as within,
        count(*)::integer as groups, max(b.mg) as hi, min(b.mg) as lo
      from by_group b cross join t left join theil_g tg on tg.g = b.g
      where t.m > 0`.execute(db);
    const p = parts.rows[0];
    if (p && p.groups > 0) {
      // Both parts are >= 0 (Jensen), but rounding can leave one a hair below: with a single
      // child region m_g/m is 1 give or take an ulp, and ln of it -2.2e-16 (a 500 on the divide
      // page of a one-province dataset). Within 1e-12 of zero is zero.
      between = p.between < 0 && p.between > -1e-12 ? 0 : p.between;
      within = p.within < 0 && p.within > -1e-12 ? 0 : p.within;
      groups = p.groups;
      if (scope.childColumn !== 'village_code') childMaxMinGap = gap(p.hi, p.lo);
    }
  }

  const palma = row.bottom40 === 0 ? (row.top10 === 0 ? 0.25 : null) : row.top10 / row.bottom40;
  return {
    // Within one regency every village carries the same weight: the village figures, said so.
    ...(parsed.weight === 'people' ? { weight: 'people' as const, weightEffective: false } : {}),
    code: scope.code ?? null,
    level: scope.level,
    year,
    measure,
    n,
    missing: row.missing,
    mean,
    gini: row.total > 0 ? row.gini_numerator / (n * row.total) : 0,
    theil: { total: row.theil, between, within, groups },
    coefficientOfVariation: mean > 0 ? row.sd / mean : 0,
    palmaRatio: palma,
    quintileGap: gap(row.top20 / (n / 5), row.bottom20 / (n / 5)),
    maxMinGap: gap(row.max_value, row.min_value),
    childMaxMinGap,
    urbanRuralGap: {
      kelurahan: row.kelurahan,
      desa: row.desa,
      difference: row.kelurahan !== null && row.desa !== null ? row.kelurahan - row.desa : null,
    },
    threshold,
    shareBelow: row.below / n,
    peopleBelow,
  };
}

/**
 * The people of a province's (or the nation's) regencies whose mean over villages (of `where`:
 * the year and kind) is strictly below the threshold. Null below the province level.
 */
async function peopleInRegenciesBelow(
  db: Kysely<Database>,
  scope: RegionScope,
  where: RawBuilder<boolean>,
  m: RawBuilder<number>,
  threshold: number,
): Promise<PeopleBelow | null> {
  if (!peopleWeightEffective(scope.level)) return null;
  const result = await sql<{
    people: number | null;
    total_people: number | null;
    regencies: number;
    total_regencies: number;
  }>`
    with r as (
      select regency_code as code, avg(${m}) as mean from village_index
      where ${where} and ${m} is not null group by 1
    )
    select sum(p.total) filter (where r.mean < ${threshold})::double as people,
      sum(p.total)::double as total_people,
      count(*) filter (where r.mean < ${threshold})::integer as regencies,
      count(*)::integer as total_regencies
    from r join region_population p on p.code = r.code`.execute(db);
  return peopleBelowOf(result.rows[0]);
}

/** {@link PeopleBelow} from its sums (null when no regency has a value); the stored read's too. */
export function peopleBelowOf(
  row:
    | {
        people: number | null;
        total_people: number | null;
        regencies: number;
        total_regencies: number;
      }
    | undefined,
): PeopleBelow | null {
  if (!row || row.total_regencies === 0 || !row.total_people) return null;
  const people = row.people ?? 0;
  return {
    people,
    share: people / row.total_people,
    regencies: row.regencies,
    totalRegencies: row.total_regencies,
    totalPeople: row.total_people,
  };
}

type WeightedFigures = Omit<
  DivideSummary,
  'code' | 'level' | 'year' | 'measure' | 'threshold' | 'peopleBelow' | keyof PeopleWeighting
>;

/**
 * The summary's figures with each village weighted by people (see people-weights.ts): weighted
 * mean, Gini (sum_i w_i y_i (W_before - W_after) / (W sum w y), the domain's weightedGini), Theil
 * with its between/within split (group weights W_g / W), Williamson (weighted CV), Palma and the
 * quintile gap on population shares (a village covers the stretch [W_before, W_before + w] of the
 * population; the part inside the top 10 % or bottom 40 % counts), the weighted share below.
 * Max and min are villages' values, as unweighted. Null when no village has a value.
 */
async function peopleWeightedSummary(
  db: Kysely<Database>,
  scope: RegionScope,
  where: RawBuilder<boolean>,
  m: RawBuilder<number>,
  threshold: number,
): Promise<WeightedFigures | null> {
  const child = scope.childColumn ?? 'village_code';
  const result = await sql<{
    n: number;
    rows: number;
    mean: number | null;
    weight_total: number;
    value_total: number;
    variance: number;
    gini_numerator: number;
    theil: number;
    top10: number;
    bottom40: number;
    top20: number;
    bottom20: number;
    max_value: number;
    min_value: number;
    below: number;
    kelurahan: number | null;
    desa: number | null;
  }>`
    with v as (${pooledPeopleWeightedValues(m, where, child)}),
    numbered as (select *, row_number() over (order by y) as i from v),
    ranked as (
      select y, w, n, kind,
        coalesce(sum(w) over (order by i rows between unbounded preceding and 1 preceding), 0) as before,
        sum(w) over () as total_w, sum(w * y) over () / sum(w) over () as m
      from numbered
    )
    select coalesce(sum(n), 0)::integer as n,
      (select count(*) from village_index where ${where})::integer as rows,
      sum(w * y) / sum(w) as mean, coalesce(sum(w), 0) as weight_total,
      coalesce(sum(w * y), 0) as value_total,
      coalesce(sum(w * (y - m) * (y - m)) / sum(w), 0) as variance,
      coalesce(sum(w * y * (before - (total_w - before - w))), 0) as gini_numerator,
      coalesce(sum(case when y > 0 and m > 0 then (w / total_w) * (y / m) * ln(y / m) else 0 end), 0) as theil,
      coalesce(sum(y * greatest(0, before + w - greatest(before, 0.9 * total_w))), 0) as top10,
      coalesce(sum(y * greatest(0, least(before + w, 0.4 * total_w) - before)), 0) as bottom40,
      coalesce(sum(y * greatest(0, before + w - greatest(before, 0.8 * total_w))), 0) as top20,
      coalesce(sum(y * greatest(0, least(before + w, 0.2 * total_w) - before)), 0) as bottom20,
      max(y) as max_value, min(y) as min_value,
      coalesce(sum(w) filter (where y < ${threshold}), 0) as below,
      sum(w * y) filter (where kind = 'kelurahan') / sum(w) filter (where kind = 'kelurahan') as kelurahan,
      sum(w * y) filter (where kind <> 'kelurahan') / sum(w) filter (where kind <> 'kelurahan') as desa
    from ranked`.execute(db);
  const row = result.rows[0];
  if (!row || row.n === 0 || row.mean === null || row.weight_total === 0) return null;
  const mean = row.mean;
  const W = row.weight_total;
  // Theil split by child region, with group weights: between = sum_g (W_g/W)(m_g/m) ln(m_g/m),
  // within = sum_g (W_g m_g / (W m)) T_g, T_g the weighted Theil of the group.
  const parts = await sql<{
    between: number;
    within: number;
    groups: number;
    hi: number;
    lo: number;
  }>`
    with v as (${pooledPeopleWeightedValues(m, where, child)}),
    t as (select sum(w) as wt, sum(w * y) / sum(w) as m from v),
    by_group as (select g, sum(w) as wg, sum(w * y) / sum(w) as mg from v group by g),
    theil_g as (
      select v.g, sum(case when v.y > 0 then (v.w / b.wg) * (v.y / b.mg) * ln(v.y / b.mg) else 0 end) as tg
      from v join by_group b on b.g = v.g where b.mg > 0 group by v.g
    )
    select
      coalesce(sum(case when b.mg > 0 then (b.wg / t.wt) * (b.mg / t.m) * ln(b.mg / t.m) else 0 end), 0) as between,
      coalesce(sum((b.wg * b.mg) / (t.wt * t.m) * coalesce(tg.tg, 0)), 0) as within,
      count(*)::integer as groups, max(b.mg) as hi, min(b.mg) as lo
    from by_group b cross join t left join theil_g tg on tg.g = b.g
    where t.m > 0`.execute(db);
  const p = parts.rows[0];
  const nearZero = (x: number) => (x < 0 && x > -1e-12 ? 0 : x);
  const palma = row.bottom40 === 0 ? (row.top10 === 0 ? 0.25 : null) : row.top10 / row.bottom40;
  return {
    n: row.n,
    missing: row.rows - row.n,
    mean,
    gini: row.value_total > 0 ? Math.max(0, row.gini_numerator / (W * row.value_total)) : 0,
    theil: {
      total: Math.max(0, row.theil),
      between: p && p.groups > 0 ? nearZero(p.between) : 0,
      within: p && p.groups > 0 ? nearZero(p.within) : 0,
      groups: p?.groups ?? 0,
    },
    coefficientOfVariation: mean > 0 ? Math.sqrt(Math.max(0, row.variance)) / mean : 0,
    palmaRatio: palma,
    quintileGap: gap(row.top20 / (0.2 * W), row.bottom20 / (0.2 * W)),
    maxMinGap: gap(row.max_value, row.min_value),
    childMaxMinGap: p && p.groups > 0 ? gap(p.hi, p.lo) : null,
    urbanRuralGap: {
      kelurahan: row.kelurahan,
      desa: row.desa,
      difference: row.kelurahan !== null && row.desa !== null ? row.kelurahan - row.desa : null,
    },
    shareBelow: row.below / W,
  };
}
