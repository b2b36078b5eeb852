// Example queries of the SQL console (/kueri): each reproduces a figure the dashboard shows, so a
// researcher sees how the published tables make it. Keys of the i18n messages name them.

/** An example query and the message key of its title. */
export interface SqlExample {
  id: 'blitar-skills' | 'national-gini' | 'did-cell';
  titleKey: 'sql.example.blitarSkills' | 'sql.example.nationalGini' | 'sql.example.didCell';
  sql: string;
}

export const SQL_EXAMPLES: readonly SqlExample[] = [
  {
    id: 'blitar-skills',
    titleKey: 'sql.example.blitarSkills',
    // The mean over villages with a value: what Kabupaten Blitar's page shows for 2024.
    sql: `-- Indeks keterampilan Kabupaten Blitar (35.05), 2024: rata-rata desa yang bernilai
select r.name, count(*) as villages, avg(v.skills_index) as skills_index
from village_index v
join regions r on r.code = v.regency_code
where v.regency_code = '35.05' and v.year = 2024 and v.skills_index is not null
group by r.name`,
  },
  {
    id: 'national-gini',
    titleKey: 'sql.example.nationalGini',
    // divide.summary's Gini: the sorted-rank form sum((2i - n - 1) y) / (n sum(y)).
    sql: `-- Gini nasional indeks keterampilan, 2024 (bentuk peringkat terurut)
with v as (
  select skills_index as y from village_index
  where year = 2024 and skills_index is not null
), ranked as (
  select y, row_number() over (order by y) as i, count(*) over () as n from v
)
select sum((2 * i - n - 1) * y) / (max(n) * sum(y)) as gini, max(n) as villages
from ranked`,
  },
  {
    id: 'did-cell',
    titleKey: 'sql.example.didCell',
    // One cell of mentoring.impact: Blitar's villages first mentored in 2022 against the
    // regency's villages not mentored by 2023, the change of the skills index 2022 -> 2023.
    sql: `-- Satu sel selisih-dalam-selisih: Kabupaten Blitar, kohort pertama didampingi 2022
with attendance as (
  select id as event_id, venue_village_code as village_code from mentoring_events
  union all
  select event_id, village_code from mentoring_event_villages
), firsts as (
  select a.village_code, min(year(e.start_date)) as first_year
  from attendance a join mentoring_events e on e.id = a.event_id
  group by a.village_code
), changes as (
  select v.village_code, f.first_year,
    max(v.skills_index) filter (where v.year = 2023)
      - max(v.skills_index) filter (where v.year = 2022) as change
  from village_index v left join firsts f on f.village_code = v.village_code
  where v.regency_code = '35.05' and v.year in (2022, 2023)
  group by v.village_code, f.first_year
)
select
  count(*) filter (where first_year = 2022) as treated,
  count(*) filter (where first_year is null or first_year > 2023) as controls,
  avg(change) filter (where first_year = 2022)
    - avg(change) filter (where first_year is null or first_year > 2023) as did
from changes
where change is not null`,
  },
];
