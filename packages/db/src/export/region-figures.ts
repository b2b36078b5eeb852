import { INDEX_MEASURES, KIND_FILTERS } from '@pandu/domain';
import type { ExportColumn, ExportTable } from './export-tables.js';
import type { ExportScope } from './export-scope.js';

// Village-year rows of the scope, one per measure with a value, each in every kind filter it
// belongs to ('all' always; 'desa' is every non-kelurahan village, as the kind filter of the
// queries has it).
const KIND_MATCH = `f.kind_filter = 'all'
      or (f.kind_filter = 'kelurahan' and v.kind = 'kelurahan')
      or (f.kind_filter = 'desa' and v.kind <> 'kelurahan')
      or (f.kind_filter = 'desa_adat' and v.kind = 'desa_adat')`;

const KIND_VALUES = KIND_FILTERS.map((k) => `('${k}')`).join(', ');

// The four levels at once. grouping() over the three codes tells them apart: 7 = the nation,
// 3 = a province, 1 = a regency, 0 = a district.
const LEVEL_SETS = (keys: string) => `grouping sets (
      (${keys}),
      (${keys}, province_code),
      (${keys}, province_code, regency_code),
      (${keys}, province_code, regency_code, district_code))`;

const LEVEL_OF = `case grouping(province_code, regency_code, district_code)
      when 7 then 'nation' when 3 then 'province' when 1 then 'regency' else 'district' end`;

/**
 * The SELECT of the export's region_figures table: for the nation (when the export is national)
 * and every province, regency and district in the scope, every year in the range, measure and
 * kind filter, the figures of the villages with a value: n, the villages without one, the mean,
 * p10/p50/p90 (linear interpolation, DuckDB's quantile_cont, as index.timeseries), the Gini
 * (sorted-rank form), Theil T (with 0 ln 0 = 0) and CV (population SD over the mean), with the
 * domain's rules for a mean of 0 (all three 0), and the people-weighted mean. One pass in set-based
 * SQL with grouping sets, not a loop over regions. Computed from the scope's own villages, so a
 * regional export holds no figure of a region above its scope (that figure would cover only part
 * of its villages).
 */
export function regionFiguresSelect(scope: ExportScope): string {
  const measures = INDEX_MEASURES.join(', ');
  return `with v as (
    unpivot (
      select year, province_code, regency_code, district_code, kind, ${measures}
      from village_index
      where ${scope.inside('village_code')} and ${scope.inYears('year')}
    ) on ${measures} into name measure value value
  ), k as (
    select v.*, f.kind_filter
    from v join (values ${KIND_VALUES}) f(kind_filter) on ${KIND_MATCH}
  ), g as (
    select ${LEVEL_OF} as level,
      coalesce(district_code, regency_code, province_code) as region_code,
      year, measure, kind_filter,
      list_sort(list(value)) as sorted,
      stddev_pop(value) as sd,
      quantile_cont(value, [0.1, 0.5, 0.9]) as q
    from k
    group by ${LEVEL_SETS('year, measure, kind_filter')}
  ), villages as (
    -- Villages of each region in each kind filter, whatever their values: n + missing.
    select ${LEVEL_OF} as level,
      coalesce(district_code, regency_code, province_code) as region_code,
      f.kind_filter, count(*) as villages
    from regions v join (values ${KIND_VALUES}) f(kind_filter) on ${KIND_MATCH}
    where v.level = 'village'
    group by ${LEVEL_SETS('f.kind_filter')}
  ), figures as (
    select g.*, len(sorted) as n, list_sum(sorted) as total
    from g
  ), people as (
    -- A regency's population spread evenly over its villages with a value: above a regency the
    -- people-weighted mean is sum(population x regency mean) / sum(population) over the regencies
    -- with a value; in a regency or a district every village weighs the same, so it is the mean.
    select case grouping(province_code) when 1 then 'nation' else 'province' end as level,
      province_code as region_code, year, measure, kind_filter,
      sum(population * mean) / sum(population) as people_weighted_mean
    from (
      select substr(f.region_code, 1, 2) as province_code, f.year, f.measure, f.kind_filter,
        f.total / f.n as mean, p.total as population
      from figures f join region_population p on p.code = f.region_code
      where f.level = 'regency'
    )
    group by grouping sets ((year, measure, kind_filter), (year, measure, kind_filter, province_code))
  )
  select f.region_code, f.level, f.year::smallint as year, f.measure, f.kind_filter as kind,
    v.villages::integer as villages, f.n::integer as n, (v.villages - f.n)::integer as missing,
    f.total / f.n as mean, f.q[1] as p10, f.q[2] as p50, f.q[3] as p90,
    case when f.total > 0
      then list_sum(list_transform(f.sorted, (x, i) -> (2 * i - f.n - 1) * x)) / (f.n * f.total)
      else 0 end as gini,
    case when f.total > 0
      then greatest(0, list_sum(list_transform(f.sorted,
        x -> case when x > 0 then (x / f.total * f.n) * ln(x / f.total * f.n) else 0 end)) / f.n)
      else 0 end as theil,
    case when f.total > 0 then f.sd / (f.total / f.n) else 0 end as cv,
    case when f.level in ('regency', 'district') then f.total / f.n
      else p.people_weighted_mean end as people_weighted_mean,
    case f.level when 'nation' then 0 when 'province' then 1 when 'regency' then 2 else 3 end as level_rank
  from figures f
  join villages v on v.level = f.level and v.region_code is not distinct from f.region_code
    and v.kind_filter = f.kind_filter
  left join people p on p.level = f.level and p.region_code is not distinct from f.region_code
    and p.year = f.year and p.measure = f.measure and p.kind_filter = f.kind_filter
  where ${scope.region ? scope.inside('f.region_code') : 'true'}`;
}

const figure = (name: string, description: string, unit?: string): ExportColumn => ({
  name,
  type: 'DOUBLE',
  description,
  ...(unit ? { unit } : {}),
});

/**
 * The export's region-level table (region x year x measure x kind), computed at export time from
 * the exported villages; see {@link regionFiguresSelect}.
 */
export const REGION_FIGURES_TABLE: ExportTable = {
  name: 'region_figures',
  comment:
    'Figures of each region (the nation in a national export, and every province, regency and district in the scope) for each year, measure and kind filter, computed when the export was written from the villages of village_index in the scope: the same definitions as the API (see METHODS.md). A region with no village of a kind has no row for that kind.',
  source: regionFiguresSelect,
  scoping:
    'the region and every province, regency and district under it (the nation only in a national export); years in the range',
  orderBy: 'level_rank, region_code, year, measure, kind',
  columns: [
    {
      name: 'region_code',
      type: 'VARCHAR',
      description: 'BPS code of the region (regions.code); empty (NULL) for the nation',
    },
    {
      name: 'level',
      type: 'VARCHAR',
      description: 'nation, province, regency or district',
    },
    { name: 'year', type: 'SMALLINT', description: 'Year of the values' },
    {
      name: 'measure',
      type: 'VARCHAR',
      description: 'Which column of village_index the figures describe (skills_index, ...)',
    },
    {
      name: 'kind',
      type: 'VARCHAR',
      description:
        "Which villages by kind: all, kelurahan (urban), desa (every non-kelurahan village, desa adat included) or desa_adat, the API's kind filter",
    },
    {
      name: 'villages',
      type: 'INTEGER',
      description: 'Villages of the region of this kind in regions, with or without a value',
    },
    {
      name: 'n',
      type: 'INTEGER',
      description: 'Villages with a value of the measure in the year: what every figure is over',
    },
    {
      name: 'missing',
      type: 'INTEGER',
      description: 'Villages of the region of this kind without a value of the measure in the year',
    },
    figure(
      'mean',
      'Mean over the n villages, each village weighing the same',
      "the measure's unit",
    ),
    figure('p10', '10th percentile over the villages (linear interpolation)', "the measure's unit"),
    figure('p50', 'Median over the villages (linear interpolation)', "the measure's unit"),
    figure('p90', '90th percentile over the villages (linear interpolation)', "the measure's unit"),
    figure(
      'gini',
      'Gini coefficient over the villages, sorted-rank form sum((2i - n - 1) y_(i)) / (n sum y); 0 when the values sum to 0',
      '0-1',
    ),
    figure(
      'theil',
      'Theil T over the villages, (1/n) sum (y/m) ln(y/m) with 0 ln 0 = 0; 0 when the values sum to 0',
      '0 to ln n',
    ),
    figure(
      'cv',
      'Coefficient of variation over the villages: population standard deviation / mean; 0 when the mean is 0',
      'ratio',
    ),
    figure(
      'people_weighted_mean',
      "Mean with each village weighted by its regency's population (Kepmendagri 2025, region_population) divided by the regency's villages with a value: sum(population x regency mean) / sum(population) over the regencies with a value. An approximation, since population per village is not published. For a regency or a district it equals mean (every village of a regency weighs the same)",
      "the measure's unit",
    ),
  ],
};
