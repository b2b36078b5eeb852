import { sql, type Kysely } from 'kysely';
import { FRAMEWORK, SECTORS } from '@pandu/domain';
import type { Database } from '../schema/database.js';
import { rebuildVillageIndex } from '../village-index/rebuild-village-index.js';
import { refreshFigures } from '../figures/refresh-figures.js';
import {
  CONVERGENCE_FACTOR,
  DEFAULT_SEED,
  LATENT,
  MENTORING_SCHEDULE,
  MISSING_SHARE,
  PERCENT_TRAJECTORIES,
  PILLAR_MEANS,
  PLANTED_EFFECTS,
  SEED_YEARS,
  SPREADS,
  VILLAGES_PER_EVENT,
  VOLUNTEERS_PER_YEAR,
} from './calibration.js';
import { loadPublishedFigures } from './load-published-figures.js';
import { regionSourceFiles } from './region-source.js';
import { insertMentoringEvent } from '../mentoring/insert-mentoring-event.js';
import { REAL_MENTORING_EVENTS } from './real-mentoring-events.js';
import { sqlLiteral, sqlValues, trustedSql } from '../sql/index.js';

/** A step of the seed, for progress bars. `done` of `total` steps. */
export interface SeedProgress {
  step: string;
  done: number;
  total: number;
}

export interface SeedOptions {
  /** Seed of the synthetic values; the same seed gives the same dataset. Default 20211102. */
  seed?: number;
  /**
   * Only these provinces (two-digit codes). Their rows are the same as in the national dataset:
   * every village's latent level is computed nationally first, then filtered.
   */
  provinces?: readonly string[];
  onProgress?: (progress: SeedProgress) => void;
}

/** What the seed wrote. */
export interface SeedResult {
  regions: number;
  villages: number;
  observations: number;
  mentoringEvents: number;
  volunteers: number;
  seed: number;
}

export class SeedError extends Error {
  override name = 'SeedError';
}

// Uniform in (0, 1) and standard normal (Box-Muller) from DuckDB's hash(): deterministic for a
// given seed and DuckDB version, and computed inside DuckDB so 5M values never cross into JS.
// (DuckDB does not promise hash() is stable across versions; @duckdb/node-api is pinned.)
const uniform = (key: string) => `((hash(${key}) % 1000003)::double + 0.5) / 1000003`;
const normal = (key: string) =>
  `(sqrt(-2 * ln(${uniform(`${key} || 'a'`)})) * cos(2 * pi() * ${uniform(`${key} || 'b'`)}))`;

/**
 * Build the embedded default dataset in an empty Pandu database: all real regions of
 * `idn-area-data`, the published reference figures, synthetic yearly observations 2020-2025 for
 * every village and indicator (calibrated to the published ILD and IP-TIK, see `calibration.ts`),
 * the real 2021 Blitar workshop plus synthetic mentoring events with a planted effect, synthetic
 * volunteers, and the village index. One transaction: a failed or killed seed leaves nothing.
 *
 * @example
 * ```ts
 * const result = await seedDefaultDataset(db, { provinces: ['35'] });
 * result.villages; // 8,494 villages of Jawa Timur
 * ```
 */
export async function seedDefaultDataset(
  db: Kysely<Database>,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new SeedError(`seed must be a non-negative integer, got ${seed}`);
  }
  const provinces = options.provinces ? [...new Set(options.provinces)] : undefined;
  for (const p of provinces ?? []) {
    if (!/^\d{2}$/.test(p)) throw new SeedError(`province must be a two-digit code, got "${p}"`);
  }
  const existing = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    throw new SeedError('the database already has data: seed only an empty database');
  }

  const years: number[] = [];
  for (let y = SEED_YEARS.first; y <= SEED_YEARS.last; y++) years.push(y);
  const steps = [
    'regions',
    'reference',
    'latent',
    ...years.map((y) => `observations ${y}`),
    'mentoring',
    'index',
    'figures',
  ];
  let done = 0;
  const progress = (step: string) =>
    options.onProgress?.({ step, done: done++, total: steps.length });
  const run = (db: Kysely<Database>, text: string) => trustedSql(text).execute(db);

  return db.transaction().execute(async (trx) => {
    const files = regionSourceFiles();
    const csv = (file: string) =>
      `read_csv(${sqlLiteral(file)}, header = true, all_varchar = true)`;
    const inProvinces = (column: string) =>
      provinces ? `substr(${column}, 1, 2) in (${provinces.map(sqlLiteral).join(', ')})` : 'true';

    progress('regions');
    await run(
      trx,
      `create temp table all_regions as
        select code, name, 'province' as level, null::varchar as parent_code, null::varchar as kind from ${csv(files.provinces)}
        union all select code, name, 'regency', province_code, null from ${csv(files.regencies)}
        union all select code, name, 'district', regency_code, null from ${csv(files.districts)}
        union all select code, name, 'village', district_code,
          case substr(code, 10, 1) when '1' then 'kelurahan' when '2' then 'desa' when '3' then 'desa_adat' end
        from ${csv(files.villages)}`,
    );
    const unknownKind = await sql<{
      code: string;
    }>`select code from all_regions where level = 'village' and kind is null limit 1`.execute(trx);
    if (unknownKind.rows.length > 0) {
      throw new SeedError(`village with an unknown kind digit: ${unknownKind.rows[0]?.code}`);
    }
    await run(
      trx,
      `insert into regions
        select code, name, level, parent_code, substr(code, 1, 2),
          case when length(code) >= 5 then substr(code, 1, 5) end,
          case when length(code) >= 8 then substr(code, 1, 8) end,
          kind, lower(strip_accents(name))
        from all_regions where ${inProvinces('code')} order by code`,
    );
    if (provinces) {
      const found = await sql<{
        code: string;
      }>`select code from regions where level = 'province'`.execute(trx);
      const missing = provinces.filter((p) => !found.rows.some((r) => r.code === p));
      if (missing.length > 0) throw new SeedError(`unknown province code: ${missing.join(', ')}`);
    }

    progress('reference');
    await run(
      trx,
      `insert into indicators values ${sqlValues(
        FRAMEWORK.indicators.map((i, position) => [
          i.id,
          i.level,
          'pillar' in i ? i.pillar : null,
          i.labels.id,
          i.labels.en,
          i.description.id,
          i.description.en,
          i.unit,
          i.range.min,
          i.range.max,
          i.direction,
          position,
        ]),
      )}`,
    );
    await run(
      trx,
      `insert into published_figures values ${sqlValues(
        loadPublishedFigures().map((f) => [
          f.dataset,
          f.region_code,
          f.year,
          f.measure,
          f.value,
          f.note,
          f.citation,
        ]),
      )}`,
    );
    await run(
      trx,
      `insert into planted_effects values ${sqlValues(PLANTED_EFFECTS.map((e) => [e.sector, e.indicator, e.effect]))}`,
    );

    progress('latent');
    // Province effect: the province's IP-TIK 2024 z-score. BPS publishes 34 provinces; today's
    // 93, 94, 95 take Papua's (91) figure and 96 takes Papua Barat's (92).
    await run(
      trx,
      `create temp table province_effect as
        with p as (
          select r.code, coalesce(f.value, f2.value) as v
          from all_regions r
          left join published_figures f on f.dataset = 'iptik' and f.year = 2024 and f.region_code = r.code
          left join published_figures f2 on f2.dataset = 'iptik' and f2.year = 2024 and f2.region_code =
            case when r.code in ('93', '94', '95') then '91' when r.code = '96' then '92' end
          where r.level = 'province'
        ) select code as province_code, (v - avg(v) over ()) / stddev_pop(v) over () as z from p`,
    );
    const noIptik = await sql<{
      n: number;
    }>`select count(*) as n from province_effect where z is null`.execute(trx);
    if (Number(noIptik.rows[0]?.n) > 0) throw new SeedError('a province has no IP-TIK 2024 figure');
    await run(
      trx,
      `create temp table village_latent as
        with raw as (
          select v.code as village_code, substr(v.code, 1, 5) as regency_code, v.kind,
            ${LATENT.province} * pe.z
            + ${LATENT.regency} * ${normal(`substr(v.code, 1, 5) || ':regency:${seed}'`)}
            + ${LATENT.district} * ${normal(`substr(v.code, 1, 8) || ':district:${seed}'`)}
            + ${LATENT.village} * ${normal(`v.code || ':village:${seed}'`)}
            + case v.kind when 'kelurahan' then ${LATENT.kind.kelurahan} when 'desa_adat' then ${LATENT.kind.desa_adat} else ${LATENT.kind.desa} end
            as latent
          from all_regions v join province_effect pe on pe.province_code = substr(v.code, 1, 2)
          where v.level = 'village'
        )
        select village_code, regency_code, kind, (latent - avg(latent) over ()) / stddev_pop(latent) over () as z
        from raw`,
    );

    // Mentoring assignment: first year of mentoring and sector, at random within each regency.
    // The venue village of the real Blitar event is left out: its values carry no planted effect.
    const schedule = Object.entries(MENTORING_SCHEDULE);
    let cumulative = 0;
    const firstYearCase = schedule
      .map(([year, share]) => `when u < ${(cumulative += share)} then ${year}`)
      .join(' ');
    const sectors = SECTORS.map((s) => sqlLiteral(s.code)).join(', ');
    await run(
      trx,
      `create temp table mentored as
        select village_code, regency_code, first_year, sector, order_key from (
          select village_code, regency_code,
            case ${firstYearCase} end as first_year,
            [${sectors}][1 + (hash(village_code || ':sector:${seed}') % ${SECTORS.length})::int] as sector,
            hash(village_code || ':order:${seed}') as order_key
          from (select *, ${uniform(`village_code || ':mentor:${seed}'`)} as u from village_latent)
          where village_code not in (${REAL_MENTORING_EVENTS.map((e) => sqlLiteral(e.venue.villageCode)).join(', ')})
        ) where first_year is not null`,
    );

    const indicatorParams = FRAMEWORK.indicators.map((i) => [
      i.id,
      SPREADS[i.id] ?? 0,
      i.range.min,
      i.range.max,
    ]);
    const means = years.flatMap((year) =>
      FRAMEWORK.indicators.map((i) => {
        const pillar = PILLAR_MEANS[year]?.[i.id];
        if (pillar !== undefined) return [i.id, year, pillar];
        const t = PERCENT_TRAJECTORIES[i.id];
        if (!t) throw new SeedError(`no calibration for ${i.id} in ${year}`);
        const share = (year - SEED_YEARS.first) / (SEED_YEARS.last - SEED_YEARS.first);
        return [i.id, year, t.first + (t.last - t.first) * share];
      }),
    );
    await run(
      trx,
      `create temp table indicator_params(indicator varchar, spread double, lo double, hi double)`,
    );
    await run(trx, `insert into indicator_params values ${sqlValues(indicatorParams)}`);
    await run(trx, `create temp table yearly_means(indicator varchar, year integer, mu double)`);
    await run(trx, `insert into yearly_means values ${sqlValues(means)}`);
    // The published national means already include whatever mentoring did, so the planted effect
    // is taken out of the yearly means: national means stay on the published ILD. Computed over
    // all villages before filtering to --provinces, so a one-province dataset has the same rows.
    await run(
      trx,
      `update yearly_means m set mu = mu - coalesce((
        select sum(e.effect) / (select count(*) from village_latent)
        from mentored t join planted_effects e on e.sector = t.sector
        where e.indicator = m.indicator and t.first_year < m.year), 0)`,
    );
    await run(trx, `delete from village_latent where not (${inProvinces('village_code')})`);
    await run(trx, `delete from mentored where not (${inProvinces('village_code')})`);

    for (const year of years) {
      progress(`observations ${year}`);
      const decay = Math.pow(CONVERGENCE_FACTOR, year - SEED_YEARS.first);
      await run(
        trx,
        `insert into observations
          select village_code, ${year}, indicator, value, 'synthetic', 0 from (
            select v.village_code, p.indicator,
              round(greatest(p.lo, least(p.hi,
                m.mu + p.spread * (
                  ${LATENT.loading * decay} * v.z
                  + ${LATENT.indicatorNoise} * ${normal(`v.village_code || p.indicator || ':indicator:${seed}'`)}
                  + ${LATENT.yearNoise} * ${normal(`v.village_code || p.indicator || ':${year}:${seed}'`)})
                + coalesce(case when ${year} > t.first_year then e.effect end, 0)
              )), 2) as value,
              ${uniform(`v.village_code || p.indicator || ':missing:${year}:${seed}'`)} as u_missing
            from village_latent v
            cross join indicator_params p
            join yearly_means m on m.indicator = p.indicator and m.year = ${year}
            left join mentored t on t.village_code = v.village_code
            left join planted_effects e on e.sector = t.sector and e.indicator = p.indicator
          ) where u_missing >= ${MISSING_SHARE}
          order by village_code, indicator`,
      );
    }

    progress('mentoring');
    await insertMentoring(trx, seed, provinces, inProvinces);

    progress('index');
    await rebuildVillageIndex(trx);
    await run(
      trx,
      `insert into import_batches (id, kind, file_name, content_hash, rows_accepted, rows_rejected, replaced)
        select 0, 'seed', 'default dataset (seed ${seed})', '', count(*), 0, 0 from observations`,
    );
    await run(
      trx,
      `insert into dataset_meta values
        ('data_version', '1'), ('seed', ${sqlLiteral(String(seed))}), ('synthetic', 'true'),
        ('provinces', ${sqlLiteral(provinces ? provinces.join(',') : 'all')})`,
    );
    // After data_version is written: the figures are stamped with it.
    progress('figures');
    await refreshFigures(trx);
    progress('done');

    const count = async (table: string, where = 'true') => {
      const r = await sql<{
        n: number;
      }>`select count(*) as n from ${sql.table(table)} where ${trustedSql(where)}`.execute(trx);
      return Number(r.rows[0]?.n ?? 0);
    };
    return {
      regions: await count('regions'),
      villages: await count('regions', "level = 'village'"),
      observations: await count('observations'),
      mentoringEvents: await count('mentoring_events'),
      volunteers: await count('volunteers'),
      seed,
    };
  });
}

const FORMATS = ['seminar_workshop', 'workshop', 'pendampingan', 'seminar'];

async function insertMentoring(
  trx: Kysely<Database>,
  seed: number,
  provinces: readonly string[] | undefined,
  inProvinces: (column: string) => string,
): Promise<void> {
  const run = (text: string) => trustedSql(text).execute(trx);
  for (const event of REAL_MENTORING_EVENTS) {
    if (provinces && !provinces.includes(event.venue.villageCode.slice(0, 2))) continue;
    await insertMentoringEvent(trx, event, { source: 'published', batchId: 0 });
  }
  // Synthetic events: mentored villages grouped by regency, year and sector, at most
  // VILLAGES_PER_EVENT to an event; the first village of a group is the venue.
  await run(
    `create temp table event_members as
      select *, 'syn-' || first_year || '-' || replace(regency_code, '.', '') || '-' || sector || '-' || (grp + 1) as event_id
      from (
        select *, (row_number() over (partition by regency_code, first_year, sector order by order_key) - 1) // ${VILLAGES_PER_EVENT} as grp
        from mentored
      )`,
  );
  await run(
    `insert into mentoring_events
      select event_id,
        null,
        (make_date(first_year, 1, 15) + (hash(event_id || ':date:${seed}') % 320)::int)::date,
        (make_date(first_year, 1, 15) + (hash(event_id || ':date:${seed}') % 320)::int + (hash(event_id || ':days:${seed}') % 2)::int)::date,
        [${FORMATS.map(sqlLiteral).join(', ')}][1 + (hash(event_id || ':format:${seed}') % ${FORMATS.length})::int],
        1 + (hash(event_id || ':sessions:${seed}') % 3)::int,
        min_by(village_code, order_key),
        null,
        null,
        count(*),
        'Pandu Digital (synthetic)',
        'Synthetic event generated by the default dataset',
        'synthetic',
        0
      from event_members group by event_id, first_year`,
  );
  await run(
    `insert into mentoring_event_sectors select distinct event_id, sector from event_members`,
  );
  await run(
    `insert into mentoring_event_villages select event_id, village_code from event_members`,
  );
  // Participants by role: perangkat desa and karang taruna from every village, a few from the
  // regency's dinas PMD, and the Pandu Digital volunteers who ran it.
  await run(
    `insert into mentoring_event_participants
      select event_id, role, n from (
        select event_id,
          count(*) * (2 + (hash(event_id || ':pd:${seed}') % 3)::int) as perangkat_desa,
          count(*) * (1 + (hash(event_id || ':kt:${seed}') % 3)::int) as karang_taruna,
          1 + (hash(event_id || ':pmd:${seed}') % 3)::int as dinas_pmd,
          count(*) * (hash(event_id || ':m:${seed}') % 5)::int as masyarakat,
          2 + (hash(event_id || ':pandu:${seed}') % 4)::int as pandu_digital
        from event_members group by event_id
      ) unpivot (n for role in (perangkat_desa, karang_taruna, dinas_pmd, masyarakat, pandu_digital))`,
  );
  await run(
    `update mentoring_events e set participants_total = p.total
      from (select event_id, sum(count) as total from mentoring_event_participants group by event_id) p
      where p.event_id = e.id and e.source = 'synthetic'`,
  );
  // Volunteers: recruited each year, home regency drawn in proportion to its villages (nationally,
  // then filtered, so a one-province dataset has that province's share of them).
  for (const [year, n] of Object.entries(VOLUNTEERS_PER_YEAR)) {
    await run(
      `insert into volunteers
        select printf('pd-%d-%05d', ${year}, i),
          case when u < 0.7 then 'purwa' when u < 0.95 then 'madya' else 'utama' end,
          [${SECTORS.map((s) => sqlLiteral(s.code)).join(', ')}][1 + (hash(i || ':vs:${year}:${seed}') % ${SECTORS.length})::int],
          home.regency_code,
          ${year},
          'synthetic'
        from (
          select i, ${uniform(`i || ':tier:${year}:${seed}'`)} as u,
            (hash(i || ':home:${year}:${seed}') % (select count(*) from all_regions where level = 'village')) as pick
          from range(1, ${n + 1}) r(i)
        ) v
        join (
          select substr(code, 1, 5) as regency_code, row_number() over (order by code) - 1 as rn
          from all_regions where level = 'village'
        ) home on home.rn = v.pick
        where ${inProvinces('home.regency_code')}`,
    );
  }
}
