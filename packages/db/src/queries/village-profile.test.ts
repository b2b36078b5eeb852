import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { INDEX_MEASURES, InvalidRegionCodeError, mean } from '@pandu/domain';
import { UnknownRegionError } from '../errors.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { nationalMeans, villageProfile, type ProfileYear } from './village-profile.js';

const PLOSOREJO = '35.05.04.2014';

const close = (actual: number | null, expected: number | null) => {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 10);
};
const meanOrNull = (values: number[]) => (values.length === 0 ? null : mean(values));

describe('villageProfile', () => {
  let t: SeededTestDatabase;
  beforeAll(async () => {
    t = await seededTestDatabase(['35'], { writable: true });
  }, 60_000);
  afterAll(() => t?.cleanup());

  it('names Plosorejo, its kind and its ancestors, province first', async () => {
    const p = await villageProfile(t.db, { code: PLOSOREJO });
    expect(p.village).toEqual({ code: PLOSOREJO, name: 'Plosorejo', kind: 'desa' });
    expect(p.ancestors).toEqual([
      { code: '35', name: 'Jawa Timur', level: 'province' },
      { code: '35.05', name: 'Kabupaten Blitar', level: 'regency' },
      { code: '35.05.04', name: 'Kademangan', level: 'district' },
    ]);
  });

  it('gives every indicator and year its value, source and the means of the pulled observations', async () => {
    const p = await villageProfile(t.db, { code: PLOSOREJO });
    const obs = await t.db
      .selectFrom('observations')
      .select(['village_code', 'year', 'indicator', 'value', 'source'])
      .where('village_code', 'like', '35.05.%')
      .execute();
    const framework = await t.db
      .selectFrom('indicators')
      .select('id')
      .orderBy('position')
      .execute();
    expect(p.indicators.map((i) => i.id)).toEqual(framework.map((f) => f.id));
    for (const indicator of p.indicators) {
      expect(indicator.years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
      for (const y of indicator.years) {
        const these = obs.filter((o) => o.indicator === indicator.id && o.year === y.year);
        const own = these.find((o) => o.village_code === PLOSOREJO);
        expect(y.value).toBe(own?.value ?? null);
        expect(y.source).toBe(own?.source ?? null);
        close(
          y.district,
          meanOrNull(
            these.filter((o) => o.village_code.startsWith('35.05.04.')).map((o) => o.value),
          ),
        );
        close(y.regency, meanOrNull(these.map((o) => o.value)));
      }
    }
    // National: every village of the database, checked on one indicator (50,000 values).
    const skills = await t.db
      .selectFrom('observations')
      .select(['year', 'value'])
      .where('indicator', '=', 'digital_skills')
      .execute();
    for (const y of p.indicators.find((i) => i.id === 'digital_skills')?.years ?? []) {
      close(y.national, mean(skills.filter((s) => s.year === y.year).map((s) => s.value)));
    }
  });

  it('gives every composite measure its value and district, regency and national means', async () => {
    const p = await villageProfile(t.db, { code: PLOSOREJO });
    const vi = await t.db.selectFrom('village_index').selectAll().execute();
    expect(p.measures.map((m) => m.measure)).toEqual(INDEX_MEASURES);
    for (const { measure, years } of p.measures) {
      for (const y of years) {
        const these = vi.filter((r) => r.year === y.year);
        const pick = (rows: typeof vi) =>
          rows.map((r) => r[measure]).filter((v): v is number => v !== null);
        const own = these.find((r) => r.village_code === PLOSOREJO);
        expect(y.value).toBe(own?.[measure] ?? null);
        expect(y.source).toBe(own?.[measure] === null ? null : (own?.source ?? null));
        close(y.district, meanOrNull(pick(these.filter((r) => r.district_code === '35.05.04'))));
        close(y.regency, meanOrNull(pick(these.filter((r) => r.regency_code === '35.05'))));
        close(y.national, meanOrNull(pick(these)));
      }
    }
  });

  it('ranks the village by skills index in its district and regency, 1 = highest', async () => {
    for (const code of [PLOSOREJO, '35.05.01.2001', '35.05.04.1011']) {
      const p = await villageProfile(t.db, { code });
      const latest = await t.db
        .selectFrom('village_index')
        .select(['year', 'skills_index'])
        .where('village_code', '=', code)
        .where('skills_index', 'is not', null)
        .orderBy('year', 'desc')
        .executeTakeFirstOrThrow();
      const peers = await t.db
        .selectFrom('village_index')
        .select(['district_code', 'skills_index'])
        .where('regency_code', '=', '35.05')
        .where('year', '=', latest.year)
        .where('skills_index', 'is not', null)
        .execute();
      const value = latest.skills_index as number;
      const district = peers.filter((r) => r.district_code === code.slice(0, 8));
      expect(p.rank).toEqual({
        measure: 'skills_index',
        year: latest.year,
        value,
        district: {
          rank: 1 + district.filter((r) => (r.skills_index as number) > value).length,
          of: district.length,
        },
        regency: {
          rank: 1 + peers.filter((r) => (r.skills_index as number) > value).length,
          of: peers.length,
        },
      });
    }
  });

  it('lists the Blitar workshop for its venue, with no planted village list', async () => {
    const p = await villageProfile(t.db, { code: PLOSOREJO });
    expect(p.mentoring).toEqual([
      {
        id: 'kominfo-blitar-2021-11-02',
        title: null,
        startDate: '2021-11-02',
        endDate: '2021-11-03',
        format: 'seminar_workshop',
        sectors: ['desa_wisata_digital', 'pendidikan', 'pertanian', 'umkm'],
        roles: ['venue'],
        venueVillageCode: PLOSOREJO,
        venueName: 'Kampung Coklat',
        participantsTotal: 120,
        source: 'published',
      },
    ]);
  });

  it('lists synthetic events as venue and participant, or participant only', async () => {
    const pairs = await sql<{ event_id: string; village_code: string; venue: boolean }>`
      select v.event_id, v.village_code, v.village_code = e.venue_village_code as venue
      from mentoring_event_villages v join mentoring_events e on e.id = v.event_id
      where v.village_code like '35.05.%' order by v.event_id, v.village_code`.execute(t.db);
    const venue = pairs.rows.find((r) => r.venue);
    const participant = pairs.rows.find((r) => !r.venue);
    for (const [pair, roles] of [
      [venue, ['venue', 'participant']],
      [participant, ['participant']],
    ] as const) {
      const p = await villageProfile(t.db, { code: pair?.village_code ?? '' });
      const event = p.mentoring.find((e) => e.id === pair?.event_id);
      expect(event?.roles).toEqual(roles);
      expect(event?.source).toBe('synthetic');
      expect(event?.sectors).toHaveLength(1);
      expect(event?.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('refuses a code that is not a village and one the database does not hold', async () => {
    const notVillage = await villageProfile(t.db, { code: '35.05' }).catch((e: unknown) => e);
    expect(notVillage).toBeInstanceOf(InvalidRegionCodeError);
    expect((notVillage as InvalidRegionCodeError).expected).toBe('village');
    expect((notVillage as Error).message).toContain('is a regency code');
    await expect(villageProfile(t.db, { code: '35.05.04.2999' })).rejects.toThrow(
      new UnknownRegionError('35.05.04.2999'),
    );
    await expect(villageProfile(t.db, { code: 'Plosorejo' })).rejects.toThrow(
      InvalidRegionCodeError,
    );
  });

  // The national means follow the data; nothing here memoises them (the one memo, by data version,
  // is the API's result cache: packages/api villages.test.ts guards it).
  it('computes the national means from the data as they are now', async () => {
    const national = (years: ProfileYear[]) => years.find((y) => y.year === 2020)?.national;
    const before = await villageProfile(t.db, { code: PLOSOREJO });
    const skills = before.indicators.find((i) => i.id === 'digital_skills')?.years ?? [];
    await sql`update observations set value = value + 1
      where indicator = 'digital_skills' and year = 2020`.execute(t.db);
    const after = await villageProfile(t.db, { code: PLOSOREJO });
    const skillsAfter = after.indicators.find((i) => i.id === 'digital_skills')?.years ?? [];
    expect(national(skillsAfter)).toBeCloseTo((national(skills) ?? Number.NaN) + 1, 10);
    await sql`update observations set value = value - 1
      where indicator = 'digital_skills' and year = 2020`.execute(t.db);
  });
});

describe('nationalMeans', () => {
  it('reads a read-only version once and keeps its means; a writable file every time', async () => {
    const served = await seededTestDatabase(['35']);
    const own = await seededTestDatabase(['35'], { writable: true });
    try {
      const first = await nationalMeans(served.db);
      expect(await nationalMeans(served.db)).toBe(first);
      // The kept means are the means: the skills index of 2024 over the villages.
      const plain = await sql<{ mean: number }>`
        select avg(skills_index) as mean from village_index where year = 2024`.execute(served.db);
      expect(first.measures.get('skills_index|2024')).toBeCloseTo(plain.rows[0]!.mean, 12);
      const a = await nationalMeans(own.db);
      expect(await nationalMeans(own.db)).not.toBe(a);
    } finally {
      await served.cleanup();
      await own.cleanup();
    }
  });
});
