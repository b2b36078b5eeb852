import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  FRAMEWORK,
  SKILL_PILLARS,
  betaConvergence,
  coefficientOfVariation,
  provinceIn2021Borders,
} from '@pandu/domain';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { PUBLISHED_ILD } from './calibration.js';
import { loadPublishedFigures } from './load-published-figures.js';

const PUBLISHED_FIGURES = loadPublishedFigures();
import { seedDefaultDataset } from './seed-default-dataset.js';

/** Ranks 1..n (ties get their mean rank), written here independently of DuckDB's rank(). */
function ranks(values: number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = new Array<number>(values.length);
  for (let k = 0; k < order.length;) {
    let end = k;
    while (end + 1 < order.length && order[end + 1]?.v === order[k]?.v) end++;
    for (let j = k; j <= end; j++) out[order[j]?.i ?? 0] = (k + end) / 2 + 1;
    k = end + 1;
  }
  return out;
}

function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] ?? 0;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe('the national default dataset', () => {
  let t: SeededTestDatabase;
  beforeAll(async () => {
    t = await seededTestDatabase('all');
  }, 180_000);
  afterAll(() => t?.cleanup());

  it('has every real region of idn-area-data', async () => {
    const rows = await t.db
      .selectFrom('regions')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('level')
      .execute();
    const counts = Object.fromEntries(rows.map((r) => [r.level, r.n]));
    expect(counts).toEqual({ province: 38, regency: 514, district: 7285, village: 83762 });
    const kinds = await t.db
      .selectFrom('regions')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('level', '=', 'village')
      .groupBy('kind')
      .execute();
    expect(Object.fromEntries(kinds.map((r) => [r.kind, r.n]))).toEqual({
      kelurahan: 8496,
      desa: 75252,
      desa_adat: 14,
    });
    const plosorejo = await t.db
      .selectFrom('regions')
      .select(['name', 'kind', 'parent_code'])
      .where('code', '=', '35.05.04.2014')
      .executeTakeFirstOrThrow();
    expect(plosorejo).toEqual({ name: 'Plosorejo', kind: 'desa', parent_code: '35.05.04' });
  });

  it('has one value per village, year and indicator, each inside its valid range', async () => {
    const dup = await sql<{ n: number }>`
      select count(*) as n from (
        select village_code, year, indicator from observations group by all having count(*) > 1
      )`.execute(t.db);
    expect(dup.rows[0]?.n).toBe(0);
    const outOfRange = await sql<{ n: number }>`
      select count(*) as n from observations o join indicators i on i.id = o.indicator
      where o.value < i.range_min or o.value > i.range_max`.execute(t.db);
    expect(outOfRange.rows[0]?.n).toBe(0);
    const indicators = await sql<{ indicator: string }>`
      select distinct indicator::varchar as indicator from observations order by 1`.execute(t.db);
    expect(indicators.rows.map((r) => r.indicator)).toEqual(
      FRAMEWORK.indicators.map((i) => i.id).sort(),
    );
  });

  it('leaves a small, visible share of values missing and never averages them away', async () => {
    const r = await sql<{
      expected: number;
      actual: number;
      incomplete: number;
      nullSkills: number;
    }>`
      select 83762 * 6 * 10 as expected, (select count(*) from observations) as actual,
        (select count(*) from village_index where indicators_used < 10) as incomplete,
        (select count(*) from village_index where skills_index is null) as "nullSkills"`.execute(
      t.db,
    );
    const row = r.rows[0];
    if (!row) throw new Error('no row');
    const missingShare = 1 - row.actual / row.expected;
    expect(missingShare).toBeGreaterThan(0.001);
    expect(missingShare).toBeLessThan(0.01);
    // A village-year missing a pillar has no skills index (it is not the mean of the other three).
    const missingPillar = await sql<{ n: number }>`
      select count(*) as n from (
        select village_code, year from observations
        where indicator in (${sql.join(SKILL_PILLARS.map((p) => sql.lit(p)))})
        group by all having count(*) < 4
      )`.execute(t.db);
    expect(row.nullSkills).toBe(missingPillar.rows[0]?.n);
    expect(row.nullSkills).toBeGreaterThan(0);
  });

  it('matches the published national ILD within 0.02 and its pillars within 0.03', async () => {
    const rows = await sql<Record<string, number>>`
      select year, avg(skills_index) as skills_index,
        avg(digital_skills) as digital_skills, avg(digital_ethics) as digital_ethics,
        avg(digital_safety) as digital_safety, avg(digital_culture) as digital_culture
      from village_index group by year order by year`.execute(t.db);
    for (const [year, published] of Object.entries(PUBLISHED_ILD)) {
      const row = rows.rows.find((r) => r.year === Number(year));
      expect(row, `year ${year}`).toBeDefined();
      expect(Math.abs((row?.skills_index ?? 0) - published), `ILD ${year}`).toBeLessThanOrEqual(
        0.02,
      );
      for (const pillar of SKILL_PILLARS) {
        const figure = PUBLISHED_FIGURES.find(
          (f) =>
            f.dataset === 'ild' &&
            f.region_code === null &&
            f.year === Number(year) &&
            f.measure === pillar,
        );
        if (!figure) continue; // 2023's culture pillar was not published
        expect(Math.abs((row?.[pillar] ?? 0) - figure.value), `${pillar} ${year}`).toBeLessThan(
          0.03,
        );
      }
    }
  });

  it('ranks provinces in 2024 like the published IP-TIK (Spearman >= 0.7, 34-province borders)', async () => {
    const rows = await sql<{ province_code: string; skills: number; n: number }>`
      select province_code, sum(skills_index) as skills, count(skills_index) as n
      from village_index where year = 2024 group by 1`.execute(t.db);
    // Pool today's Papua provinces into the 34 of BPS's table, village-weighted.
    const pooled = new Map<string, { sum: number; n: number }>();
    for (const r of rows.rows) {
      const code = provinceIn2021Borders(r.province_code);
      const p = pooled.get(code) ?? { sum: 0, n: 0 };
      pooled.set(code, { sum: p.sum + r.skills, n: p.n + r.n });
    }
    const iptik = PUBLISHED_FIGURES.filter(
      (f) => f.dataset === 'iptik' && f.year === 2024 && f.region_code !== null,
    );
    expect(iptik).toHaveLength(34);
    const ours = iptik.map((f) => {
      const p = pooled.get(f.region_code ?? '');
      if (!p) throw new Error(`no villages for ${f.region_code}`);
      return p.sum / p.n;
    });
    const spearman = pearson(ranks(ours), ranks(iptik.map((f) => f.value)));
    expect(spearman).toBeGreaterThanOrEqual(0.7);
  });

  it('puts kelurahan above desa on average, every year', async () => {
    const rows = await sql<{ year: number; kelurahan: number; desa: number }>`
      select year, avg(skills_index) filter (where kind = 'kelurahan') as kelurahan,
        avg(skills_index) filter (where kind = 'desa') as desa
      from village_index group by year`.execute(t.db);
    expect(rows.rows).toHaveLength(6);
    for (const r of rows.rows) expect(r.kelurahan, `year ${r.year}`).toBeGreaterThan(r.desa);
  });

  it('has a divide that narrows slowly: CV falls every year and lagging villages grow faster', async () => {
    const rows = await sql<{ year: number; village_code: string; v: number }>`
      select year, village_code, skills_index as v from village_index
      where skills_index is not null and year in (2020, 2025)`.execute(t.db);
    const byYear = new Map<number, Map<string, number>>();
    for (const r of rows.rows) {
      const m = byYear.get(r.year) ?? new Map<string, number>();
      m.set(r.village_code, r.v);
      byYear.set(r.year, m);
    }
    const first = byYear.get(2020) ?? new Map<string, number>();
    const last = byYear.get(2025) ?? new Map<string, number>();
    const both = [...first.keys()].filter((k) => last.has(k));
    const initial = both.map((k) => first.get(k) ?? 0);
    const final = both.map((k) => last.get(k) ?? 0);
    expect(coefficientOfVariation(final)).toBeLessThan(coefficientOfVariation(initial));
    const beta = betaConvergence(initial, final, 5);
    expect(beta.slope).toBeLessThan(0);
    expect(beta.halfLifeYears).not.toBeNull();
    // "slowly": a half-life of years, not months or centuries.
    expect(beta.halfLifeYears ?? 0).toBeGreaterThan(3);
    expect(beta.halfLifeYears ?? 0).toBeLessThan(40);

    const cv = await sql<{ year: number; cv: number }>`
      select year, stddev_pop(skills_index) / avg(skills_index) as cv
      from village_index group by year order by year`.execute(t.db);
    for (let i = 1; i < cv.rows.length; i++) {
      expect(cv.rows[i]?.cv ?? 1, `CV ${cv.rows[i]?.year}`).toBeLessThan(cv.rows[i - 1]?.cv ?? 0);
    }
  });

  it('keeps the published figures, the real Blitar workshop and the planted effects', async () => {
    const published = await sql<{ n: number }>`select count(*) as n from published_figures`.execute(
      t.db,
    );
    expect(published.rows[0]?.n).toBe(PUBLISHED_FIGURES.length);
    const blitar = await t.db
      .selectFrom('mentoring_events')
      .select(['start_date', 'end_date', 'venue_village_code', 'participants_total', 'source'])
      .where('id', '=', 'kominfo-blitar-2021-11-02')
      .executeTakeFirstOrThrow();
    expect(blitar).toEqual({
      start_date: '2021-11-02',
      end_date: '2021-11-03',
      venue_village_code: '35.05.04.2014',
      participants_total: 120,
      source: 'published',
    });
    const sectors = await t.db
      .selectFrom('mentoring_event_sectors')
      .select('sector')
      .where('event_id', '=', 'kominfo-blitar-2021-11-02')
      .orderBy('sector')
      .execute();
    expect(sectors.map((s) => s.sector)).toEqual([
      'desa_wisata_digital',
      'pendidikan',
      'pertanian',
      'umkm',
    ]);
    const volunteers = await sql<{ n: number }>`select count(*) as n from volunteers`.execute(t.db);
    expect(volunteers.rows[0]?.n).toBe(40_000);
    // Every synthetic event's villages are in the event's regency, and each village is mentored once.
    const stray = await sql<{ n: number }>`
      select count(*) as n from mentoring_event_villages v join mentoring_events e on e.id = v.event_id
      where substr(v.village_code, 1, 5) <> substr(e.venue_village_code, 1, 5)`.execute(t.db);
    expect(stray.rows[0]?.n).toBe(0);
  });

  it('is reproducible: a one-province seed has exactly the national rows of that province', async () => {
    const small = await seededTestDatabase(['35']);
    try {
      const checksum = (db: typeof t.db) =>
        sql<{ n: number; h: string }>`
          select count(*) as n, sum(hash(village_code, year, indicator, value))::varchar as h
          from observations where village_code like '35.%'`.execute(db);
      const [national, province] = await Promise.all([checksum(t.db), checksum(small.db)]);
      expect(province.rows[0]?.n).toBeGreaterThan(400_000);
      expect(province.rows[0]).toEqual(national.rows[0]);
    } finally {
      await small.cleanup();
    }
  });
});

describe('seedDefaultDataset refuses bad requests', () => {
  it('refuses a database that already has data, an unknown province and a malformed one', async () => {
    const t = await seededTestDatabase(['35'], { writable: true });
    try {
      await expect(seedDefaultDataset(t.db)).rejects.toThrow(/already has data/);
    } finally {
      await t.cleanup();
    }
    const { openDatabase } = await import('../open-database.js');
    const db = await openDatabase(':memory:');
    try {
      await expect(seedDefaultDataset(db, { provinces: ['99'] })).rejects.toThrow(
        'unknown province code: 99',
      );
      await expect(seedDefaultDataset(db, { provinces: ['3'] })).rejects.toThrow(
        'province must be a two-digit code, got "3"',
      );
      await expect(seedDefaultDataset(db, { seed: -1 })).rejects.toThrow(/non-negative integer/);
      // The failed seed rolled back: the database is still empty.
      const n = await sql<{ n: number }>`select count(*) as n from regions`.execute(db);
      expect(n.rows[0]?.n).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it('gives different synthetic values for a different seed, on the same regions', async () => {
    const { openDatabase } = await import('../open-database.js');
    const a = await openDatabase(':memory:');
    const b = await openDatabase(':memory:');
    try {
      await seedDefaultDataset(a, { provinces: ['75'], seed: 1 });
      await seedDefaultDataset(b, { provinces: ['75'], seed: 2 });
      const q = (db: typeof a) =>
        sql<{ regions: string; values: string }>`
          select (select sum(hash(code))::varchar from regions) as regions,
            (select sum(hash(village_code, year, indicator, value))::varchar from observations) as values`.execute(
          db,
        );
      const [ra, rb] = await Promise.all([q(a), q(b)]);
      expect(ra.rows[0]?.regions).toBe(rb.rows[0]?.regions);
      expect(ra.rows[0]?.values).not.toBe(rb.rows[0]?.values);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });
});
