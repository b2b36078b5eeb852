import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DuckDBConnection } from '../duckdb-dialect/duckdb-connection.js';
import { sql } from 'kysely';
import { mean } from '@pandu/domain';
import { importObservations } from '../import/import-observations.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { villageProfile } from '../queries/village-profile.js';
import { refreshFigures } from './refresh-figures.js';
import { storedVillageProfile } from './stored-village-profile.js';
import { expectSame } from '../testing/expect-same.js';

// The stored profile is the on-demand profile: for a sample of villages of every kind in four
// provinces (Bangka Belitung 19 and DI Yogyakarta 34 with kelurahan and desa, DKI Jakarta 31 all
// kelurahan, Papua 91 with the desa adat), the same answer, means to 1e-9 relative (the stored
// means are other sums of the same values), everything else exactly; also after writes that make
// the two paths' gaps differ (a partial year, a village without an index row, a district without an
// indicator's observations). Stale or missing figures read as null, so the caller asks the query.

describe('storedVillageProfile', () => {
  let t: SeededTestDatabase;
  let sample: Array<{ code: string; kind: string }>;
  beforeAll(async () => {
    t = await seededTestDatabase(['19', '31', '34', '91'], { writable: true });
    // Two villages of each kind per province that has it, from the first and the last regency.
    sample = (
      await sql<{ code: string; kind: string }>`
        select code, kind from (
          select code, kind, row_number() over (partition by province_code, kind order by code) as first,
            row_number() over (partition by province_code, kind order by code desc) as last
          from regions where level = 'village'
        ) where first = 1 or last = 1 order by code`.execute(t.db)
    ).rows;
  }, 120_000);
  afterAll(() => t?.cleanup());

  async function expectAllSame(label: string, options = {}) {
    for (const { code } of sample) {
      const stored = await storedVillageProfile(t.db, { code }, options);
      expect(stored, `${label} ${code}`).not.toBeNull();
      expectSame(stored, await villageProfile(t.db, { code }, options), `${label} ${code}`);
    }
  }

  it('equals the on-demand profile for villages of every kind in four provinces', async () => {
    expect(new Set(sample.map((v) => v.kind))).toEqual(new Set(['kelurahan', 'desa', 'desa_adat']));
    expect(new Set(sample.map((v) => v.code.slice(0, 2)))).toEqual(
      new Set(['19', '31', '34', '91']),
    );
    expect(sample.length).toBeGreaterThanOrEqual(14);
    await expectAllSame('seeded');
    // Another coverage threshold picks other complete years for the rank.
    await expectAllSame('threshold 1', { completeCoverage: 1 });
  });

  it('stores the regency and national means of the observations and the coverage counts', async () => {
    const regency = sample[0]?.code.slice(0, 5) as string;
    const values = async (prefix: string) =>
      (
        await sql<{ value: number }>`select value from observations
          where indicator = 'digital_skills' and year = 2023 and village_code like ${`${prefix}%`}`.execute(
          t.db,
        )
      ).rows.map((r) => r.value);
    const stored = await sql<{
      code: string;
      skills_n: number;
      villages: number;
      indicators: Array<{ id: string; mean: number | null }>;
    }>`select code, skills_n, villages, indicators from profile_figures
      where year = 2023 and code in ('', ${regency}) order by code`.execute(t.db);
    expect(stored.rows.map((r) => r.code)).toEqual(['', regency]);
    for (const [row, prefix] of [
      [stored.rows[0], ''],
      [stored.rows[1], `${regency}.`],
    ] as const) {
      const digital = row?.indicators.find((i) => i.id === 'digital_skills')?.mean;
      expect(digital).toBeCloseTo(mean(await values(prefix)), 10);
      const counts = await sql<{ villages: number; skills: number }>`
        select count(*)::integer as villages,
          (select count(skills_index)::integer from village_index
            where year = 2023 and village_code like ${`${prefix}%`}) as skills
        from regions where level = 'village' and code like ${`${prefix}%`}`.execute(t.db);
      expect([row?.villages, row?.skills_n]).toEqual([
        counts.rows[0]?.villages,
        counts.rows[0]?.skills,
      ]);
    }
  });

  it('answers null for what the on-demand query refuses, so it throws its error', async () => {
    expect(await storedVillageProfile(t.db, { code: '34.71' })).toBeNull();
    expect(await storedVillageProfile(t.db, { code: 'not a code' })).toBeNull();
    expect(await storedVillageProfile(t.db, { code: '34.71.01.9999' })).toBeNull();
  });

  it('answers null when the figures are stale or profile_figures is missing', async () => {
    const code = sample[0]?.code as string;
    expect(await storedVillageProfile(t.db, { code })).not.toBeNull();
    await sql`update dataset_meta set value = '0' where key = 'figures_data_version'`.execute(t.db);
    const spy = vi.spyOn(DuckDBConnection.prototype, 'executeQuery');
    try {
      expect(await storedVillageProfile(t.db, { code })).toBeNull();
      // Stale: the district's and regency's scans are not run (the on-demand query answers).
      const scans = spy.mock.calls.filter((c) =>
        /from (observations|village_index)\b/.test(String((c[0] as { sql?: string }).sql)),
      );
      expect(scans).toEqual([]);
    } finally {
      spy.mockRestore();
      await sql`update dataset_meta set value = (select value from dataset_meta where key = 'data_version')
        where key = 'figures_data_version'`.execute(t.db);
    }
    await sql`alter table profile_figures rename to profile_figures_away`.execute(t.db);
    try {
      expect(await storedVillageProfile(t.db, { code })).toBeNull();
    } finally {
      await sql`alter table profile_figures_away rename to profile_figures`.execute(t.db);
    }
    expect(await storedVillageProfile(t.db, { code })).not.toBeNull();
  });

  it('still equals it after a partial year, a village without an index row and a district without an indicator', async () => {
    // Regression guards for the gaps where the stored read takes rows from elsewhere than the
    // on-demand query: a year only one village has (not complete, so not the rank's year), a
    // year where a village has no village_index row but its regency does, and an indicator
    // and year its district has no observation of but its regency has.
    const first = sample[0] as { code: string };
    const second = sample[1] as { code: string };
    const file = join(t.dir, 'partial.csv');
    await writeFile(
      file,
      ['village_code,year,indicator,value']
        .concat(
          ['digital_skills', 'digital_ethics', 'digital_safety', 'digital_culture'].map(
            (indicator) => `${first.code},2027,${indicator},3.5`,
          ),
        )
        .join('\n'),
    );
    await importObservations(t.db, file);
    await t.db.transaction().execute(async (trx) => {
      await sql`delete from village_index where village_code = ${second.code} and year = 2022`.execute(
        trx,
      );
      await sql`delete from observations where village_code like ${`${second.code.slice(0, 8)}.%`}
        and indicator = 'digital_ethics' and year = 2021`.execute(trx);
      await refreshFigures(trx);
    });
    const profile = await storedVillageProfile(t.db, { code: first.code });
    expect(profile?.measures[0]?.years.at(-1)?.year).toBe(2027);
    expect(profile?.rank?.year).toBe(2025);
    const other = await storedVillageProfile(t.db, { code: second.code });
    const year2022 = other?.measures[0]?.years.find((y) => y.year === 2022);
    expect(year2022?.value).toBeNull();
    expect(year2022?.regency).not.toBeNull();
    const ethics = other?.indicators.find((i) => i.id === 'digital_ethics')?.years[1];
    expect([ethics?.year, ethics?.district]).toEqual([2021, null]);
    expect(ethics?.regency).not.toBeNull();
    await expectAllSame('after the writes');
  });

  it('equals it on a read-only version too, whose stored rows and events are read once and kept', async () => {
    // The shared Jawa Timur fixture, opened read-only as a served version is.
    const served = await seededTestDatabase(['35']);
    try {
      const villages = await sql<{ code: string }>`
        select code from regions where level = 'village' order by hash(code) limit 8`.execute(
        served.db,
      );
      expect(new Set(villages.rows.map((v) => v.code.slice(0, 5))).size).toBeGreaterThan(4);
      for (const { code } of villages.rows) {
        const stored = await storedVillageProfile(served.db, { code });
        expect(stored, code).not.toBeNull();
        expectSame(stored, await villageProfile(served.db, { code }), code);
      }
      // The mentoring events are kept per version too: a village's events as the writable copy
      // of the same file reads them for that village alone.
      const own = await seededTestDatabase(['35'], { writable: true });
      try {
        const mentored = await sql<{ code: string }>`
          select village_code as code from mentoring_event_villages
          group by 1 order by count(*) desc, 1 limit 6`.execute(served.db);
        for (const code of [...mentored.rows.map((r) => r.code), '35.05.04.2014']) {
          const kept = (await storedVillageProfile(served.db, { code }))?.mentoring;
          expect(kept?.length, code).toBeGreaterThan(0);
          expect(kept, code).toEqual((await villageProfile(own.db, { code })).mentoring);
        }
      } finally {
        await own.cleanup();
      }
    } finally {
      await served.cleanup();
    }
  });
});
