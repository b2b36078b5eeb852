import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { INDEX_MEASURES } from '@pandu/domain';
import { importObservations } from '../import/import-observations.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { childConvergence } from './child-convergence.js';
import { convergence } from './convergence.js';
import { datasetHealth } from './dataset-health.js';
import { mentoringPriorities } from './mentoring-priorities.js';
import { QueryInputError } from './query-input-error.js';
import { timeseries } from './timeseries.js';
import { villageProfile } from './village-profile.js';
import { COMPLETE_YEAR_COVERAGE, latestCompleteYear, yearCoverage } from './year-coverage.js';

// The 2027 case of issue 10: a user imported the four skills pillars of one village for 2027 (and
// here its access indicators too, so the mentoring ranking has a 2027 to be tempted by). Every
// query that returns years must mark 2027 partial and keep it out of defaults and fits.
const VILLAGE = '35.05.04.2014';
const INDICATORS_2027 = [
  'digital_skills',
  'digital_ethics',
  'digital_safety',
  'digital_culture',
  'access_4g_signal',
  'access_office_internet',
  'access_households_online',
];

/**
 * Equal, numbers to 12 decimals: DuckDB sums in parallel, so an aggregate's last digits may differ
 * between two runs over the same rows.
 */
function expectClose(got: unknown, want: unknown, path = ''): void {
  if (typeof want === 'number' && typeof got === 'number') {
    // Relative to the figure's size: a t statistic of -136 carries 13 digits, not 15 decimals.
    expect(Math.abs(got - want), `${path}: ${got} vs ${want}`).toBeLessThanOrEqual(
      1e-12 * Math.max(1, Math.abs(want)),
    );
  } else if (want !== null && typeof want === 'object' && got !== null && typeof got === 'object') {
    expect(Object.keys(got), path).toEqual(Object.keys(want));
    for (const [key, value] of Object.entries(want)) {
      expectClose((got as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
  } else {
    expect(got, path).toEqual(want);
  }
}

describe('yearCoverage', () => {
  let t: SeededTestDatabase;
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
  }, 60_000);
  afterAll(() => t?.cleanup());

  it('counts the villages with a value of each measure, out of the scope villages (on-demand SQL)', async () => {
    for (const [code, measure, kind] of [
      [undefined, 'skills_index', 'all'],
      ['35.05', 'access_index', 'all'],
      ['35.05', 'digital_safety', 'kelurahan'],
    ] as const) {
      const got = await yearCoverage(t.db, { ...(code ? { code } : {}), measure, kind });
      const scope = code ? sql`regency_code = ${code}` : sql`true`;
      const kindSql = kind === 'all' ? sql`true` : sql`kind = ${kind}`;
      const expected = await sql<{ year: number; villages: number; total: number }>`
        select v.year::integer as year, count(v.${sql.ref(measure)})::integer as villages,
          (select count(*) from regions r where r.level = 'village' and ${scope} and ${kindSql})::integer as total
        from village_index v where ${scope} and ${kindSql} group by v.year order by v.year`.execute(
        t.db,
      );
      expect(
        got.map((c) => [c.year, c.villages]),
        `${code} ${measure}`,
      ).toEqual(expected.rows.map((r) => [r.year, r.villages]));
      for (const [i, c] of got.entries()) {
        const total = expected.rows[i]?.total ?? 0;
        expect(c.share).toBeCloseTo(c.villages / total, 12);
        // The seeded years are complete everywhere (the dataset's share reaches 90 %).
        expect(c.complete, `${code} ${measure} ${c.year}`).toBe(true);
      }
    }
  });

  it('takes the threshold from its options, and refuses one outside (0, 1]', async () => {
    const all = await yearCoverage(t.db, {}, { completeCoverage: 1 });
    // Some villages miss a pillar every year (MISSING_SHARE): nothing is complete at 100 %.
    expect(all.every((c) => c.share < 1 && !c.complete)).toBe(true);
    expect(latestCompleteYear(all)).toBeNull();
    for (const bad of [0, -0.1, 1.5, Number.NaN]) {
      await expect(yearCoverage(t.db, {}, { completeCoverage: bad })).rejects.toBeInstanceOf(
        QueryInputError,
      );
    }
    expect(COMPLETE_YEAR_COVERAGE).toBe(0.9);
  });

  it('health gives each measure its years and the last published ILD year', async () => {
    const health = await datasetHealth(t.db);
    expect(Object.keys(health.years?.byMeasure ?? {})).toEqual([...INDEX_MEASURES]);
    for (const measure of INDEX_MEASURES) {
      expect(health.years?.byMeasure[measure].coverage, measure).toEqual(
        await yearCoverage(t.db, { measure }),
      );
    }
    expect(health.years?.completeCoverage).toBe(COMPLETE_YEAR_COVERAGE);
    // The published national ILD ends in 2023 (packages/db/data/published-figures/ild.csv); the
    // seeded 2024 and 2025 are extrapolated.
    expect(health.years?.lastPublished).toBe(2023);
    expect(health.years?.extrapolated).toEqual([2024, 2025]);
  });
});

describe('regression: one village imported for 2027 (issue 10)', () => {
  let w: SeededTestDatabase;
  // Answers before the import: a partial year must not move them.
  let before: {
    convergence: Awaited<ReturnType<typeof convergence>>;
    child: Awaited<ReturnType<typeof childConvergence>>;
    priorities: Awaited<ReturnType<typeof mentoringPriorities>>;
  };
  beforeAll(async () => {
    w = await seededTestDatabase(['35'], { writable: true });
    before = {
      convergence: await convergence(w.db, { code: '35' }),
      child: await childConvergence(w.db, { code: '35' }),
      priorities: await mentoringPriorities(w.db, { code: '35.05' }),
    };
    const file = join(w.dir, '2027.csv');
    await writeFile(
      file,
      ['village_code,year,indicator,value']
        .concat(
          INDICATORS_2027.map(
            (indicator) =>
              `${VILLAGE},2027,${indicator},${indicator.startsWith('access') ? 80 : 3.5}`,
          ),
        )
        .join('\n'),
    );
    await importObservations(w.db, file);
  }, 120_000);
  afterAll(() => w?.cleanup());

  it('yearCoverage and health mark 2027 partial, and 2025 stays the latest complete year', async () => {
    const coverage = await yearCoverage(w.db, {});
    expect(coverage.at(-1)).toMatchObject({ year: 2027, villages: 1, complete: false });
    expect(latestCompleteYear(coverage)).toBe(2025);
    const health = await datasetHealth(w.db);
    expect(health.years?.complete).toBe(2025);
    expect(health.years?.byMeasure.access_index.complete).toBe(2025);
    // Outcomes were not imported: 2027 has no village with them.
    expect(health.years?.byMeasure.outcomes_index.coverage.at(-1)).toMatchObject({
      year: 2027,
      villages: 0,
    });
    // 2027 is imported, not synthetic: not extrapolated.
    expect(health.years?.extrapolated).toEqual([2024, 2025]);
  });

  it('timeseries keeps 2027, marked partial with its coverage; the village itself has it whole', async () => {
    const nation = await timeseries(w.db, {});
    const last = nation.at(-1);
    expect(last).toMatchObject({ year: 2027, n: 1, complete: false });
    const villages = await sql<{ n: number }>`
      select count(*)::integer as n from regions where level = 'village'`.execute(w.db);
    expect(last?.coverage).toBeCloseTo(1 / (villages.rows[0]?.n ?? 0), 12);
    expect(nation.slice(0, -1).every((p) => p.complete)).toBe(true);
    const own = await timeseries(w.db, { code: VILLAGE });
    expect(own.at(-1)).toMatchObject({ year: 2027, n: 1, coverage: 1, complete: true });
  });

  it('convergence leaves 2027 out of every fit and says so', async () => {
    const c = await convergence(w.db, { code: '35' });
    expect(c.sigma.years.map((y) => y.year)).toContain(2027);
    expect(c.coverage.find((y) => y.year === 2027)).toMatchObject({ villages: 1, complete: false });
    expect(c.fit).toEqual({
      years: [2020, 2021, 2022, 2023, 2024, 2025],
      partialExcluded: [2027],
      includesPartial: [],
    });
    // The fits are those of the data without 2027.
    expectClose(c.sigma.trend, before.convergence.sigma.trend);
    expectClose(c.beta, before.convergence.beta);
    expectClose(c.shareBelowTrend, before.convergence.shareBelowTrend);
    expectClose(c.yearShareBelowReachesZero, before.convergence.yearShareBelowReachesZero);

    // Asked to fit 2027, the beta fit from 2020 to 2027 has one village: what the query did by
    // default before, and why the page went blank.
    await expect(convergence(w.db, { code: '35', includePartial: true })).rejects.toThrow(
      /beta convergence needs two villages with skills_index in 2020 and 2027/,
    );
  });

  it('convergence with includePartial fits a partial year that has enough villages', async () => {
    // Fitted at a threshold no year reaches, every year is partial; asked for, they are fitted.
    // Pacitan (35.01) has no 2027.
    await expect(convergence(w.db, { code: '35.01' }, { completeCoverage: 1 })).rejects.toThrow(
      /convergence needs two complete years of skills_index in 35.01, found 0/,
    );
    const asked = await convergence(
      w.db,
      { code: '35.01', includePartial: true },
      { completeCoverage: 1 },
    );
    expect(asked.fit.years).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(asked.fit.partialExcluded).toEqual([]);
    expect(asked.fit.includesPartial).toEqual(asked.fit.years);
  });

  it('childConvergence ends at the last complete year', async () => {
    const c = await childConvergence(w.db, { code: '35' });
    expect([c.firstYear, c.lastYear]).toEqual([2020, 2025]);
    expect(c.partialExcluded).toEqual([2027]);
    expectClose(c.children, before.child.children);
    expectClose(c.fit, before.child.fit);
    // Asked to end at 2027, every regency but Blitar has no value there.
    const asked = await childConvergence(w.db, { code: '35', includePartial: true });
    expect(asked.lastYear).toBe(2027);
    expect(asked.children.map((ch) => ch.code)).toEqual(['35.05']);
  });

  it('villageProfile ranks the village in the last complete year, not 1 of 1 in 2027', async () => {
    const p = await villageProfile(w.db, { code: VILLAGE });
    expect(p.rank?.year).toBe(2025);
    expect(p.rank?.regency.of).toBeGreaterThan(200);
    // Its own 2027 value is still in its series.
    expect(p.measures.find((m) => m.measure === 'skills_index')?.years.at(-1)).toMatchObject({
      year: 2027,
      value: 3.5,
    });
  });

  it('mentoringPriorities ranks the last complete year, not the one village of 2027', async () => {
    const p = await mentoringPriorities(w.db, { code: '35.05' });
    expect(p.year).toBe(2025);
    expect(p.coverage).toMatchObject({ year: 2025, complete: true });
    expect(p.villages).toEqual(before.priorities.villages);
  });
});
