import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRegionCodeError, type Sector } from '@pandu/domain';
import { UnknownRegionError } from '../errors.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { mentoringPriorities } from './mentoring-priorities.js';
import { QueryInputError } from './query-input-error.js';

type Row = {
  village_code: string;
  regency_code: string;
  year: number;
  skills_index: number | null;
  access_index: number | null;
};

describe('mentoringPriorities', () => {
  let t: SeededTestDatabase;
  let rows: Row[];
  /** village -> sectors it was mentored in (as venue or participant). */
  let mentored: Map<string, Set<string>>;
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
    rows = await t.db
      .selectFrom('village_index')
      .select(['village_code', 'regency_code', 'year', 'skills_index', 'access_index'])
      .execute();
    const events = await t.db
      .selectFrom('mentoring_events')
      .select(['id', 'venue_village_code'])
      .execute();
    const members = await t.db.selectFrom('mentoring_event_villages').selectAll().execute();
    const sectors = await t.db.selectFrom('mentoring_event_sectors').selectAll().execute();
    mentored = new Map();
    const add = (village: string, event: string) => {
      const set = mentored.get(village) ?? new Set<string>();
      for (const s of sectors.filter((x) => x.event_id === event)) set.add(s.sector);
      mentored.set(village, set);
    };
    for (const e of events) add(e.venue_village_code, e.id);
    for (const m of members) add(m.village_code, m.event_id);
  }, 60_000);
  afterAll(() => t?.cleanup());

  /** The rule applied in JavaScript to the pulled rows. */
  function expected(keep: (r: Row) => boolean, sector: Sector | undefined, minAccess: number) {
    const year = Math.max(
      ...rows.filter((r) => keep(r) && r.skills_index !== null).map((r) => r.year),
    );
    const scoped = rows.filter((r) => keep(r) && r.year === year && r.skills_index !== null);
    const candidates = scoped
      .filter((r) => r.access_index !== null && r.access_index >= minAccess)
      .filter((r) => {
        const sectors = mentored.get(r.village_code);
        return sector === undefined ? sectors === undefined : !sectors?.has(sector);
      })
      .sort(
        (a, b) =>
          (a.skills_index as number) - (b.skills_index as number) ||
          (b.access_index as number) - (a.access_index as number) ||
          a.village_code.localeCompare(b.village_code),
      );
    const percentile = (v: number) =>
      scoped.filter((r) => (r.skills_index as number) <= v).length / scoped.length;
    return { year, scoped, candidates, percentile };
  }

  it('ranks never-mentored, connected Blitar villages by skills index, lowest first', async () => {
    const p = await mentoringPriorities(t.db, { code: '35.05' });
    const e = expected((r) => r.regency_code === '35.05', undefined, 50);
    expect(p).toMatchObject({
      code: '35.05',
      level: 'regency',
      sector: null,
      year: 2025,
      minAccess: 50,
    });
    expect(p.year).toBe(e.year);
    expect(p.candidates).toBe(e.candidates.length);
    expect(p.villagesWithData).toBe(e.scoped.length);
    expect(p.villages.map((v) => v.code)).toEqual(
      e.candidates.slice(0, 20).map((r) => r.village_code),
    );
    p.villages.forEach((v, i) => {
      expect(v.rank).toBe(i + 1);
      expect(v.accessIndex).toBeGreaterThanOrEqual(50);
      expect(mentored.has(v.code)).toBe(false);
      expect(v.skillsPercentile).toBeCloseTo(e.percentile(v.skillsIndex), 12);
      expect(v.ancestors.map((a) => a.code)).toEqual(['35', '35.05', v.code.slice(0, 8)]);
      // The reason names the numbers that made the village rank.
      expect(v.reason).toContain(`Skills index ${v.skillsIndex.toFixed(2)}`);
      expect(v.reason).toContain(`access index ${v.accessIndex.toFixed(1)} (>= 50)`);
      expect(v.reason).toContain('Kabupaten Blitar');
      expect(v.reason).toContain('never mentored.');
    });
    expect(p.rule).toContain('ranked by skills index, lowest first');
  });

  it('for a sector, keeps villages mentored only in other sectors and says so', async () => {
    const p = await mentoringPriorities(t.db, { code: '35', sector: 'umkm', limit: 100 });
    const e = expected(() => true, 'umkm', 50);
    expect(p.candidates).toBe(e.candidates.length);
    expect(p.villages.map((v) => v.code)).toEqual(
      e.candidates.slice(0, 100).map((r) => r.village_code),
    );
    for (const v of p.villages) {
      expect(mentored.get(v.code)?.has('umkm') ?? false).toBe(false);
      expect(v.mentoredIn).toEqual([...(mentored.get(v.code) ?? [])].sort());
    }
    const before = p.villages.find((v) => v.mentoredIn.length > 0);
    expect(before?.reason).toMatch(
      /never mentored in Micro, small and medium enterprises \(mentored before in /,
    );
  });

  it('follows minAccess and limit', async () => {
    const p = await mentoringPriorities(t.db, { code: '35.05', minAccess: 80, limit: 5 });
    const e = expected((r) => r.regency_code === '35.05', undefined, 80);
    expect(p.villages.map((v) => v.code)).toEqual(
      e.candidates.slice(0, 5).map((r) => r.village_code),
    );
    expect(p.candidates).toBe(e.candidates.length);
    expect(p.villages.every((v) => v.accessIndex >= 80)).toBe(true);
    const all = await mentoringPriorities(t.db, { code: '35.05', minAccess: 0, limit: 100 });
    expect(all.candidates).toBe(
      expected((r) => r.regency_code === '35.05', undefined, 0).candidates.length,
    );
  });

  it('refuses bad input', async () => {
    await expect(mentoringPriorities(t.db, { code: '35.99' })).rejects.toThrow(UnknownRegionError);
    await expect(mentoringPriorities(t.db, { code: '35.05.' })).rejects.toThrow(
      InvalidRegionCodeError,
    );
    for (const input of [
      { limit: 0 },
      { limit: 101 },
      { minAccess: 101 },
      { minAccess: Number.NaN },
      { sector: 'perikanan' as Sector },
    ]) {
      await expect(mentoringPriorities(t.db, input)).rejects.toThrow(QueryInputError);
    }
  });
});
