import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRegionCodeError, SECTORS, type Sector } from '@pandu/domain';
import { UnknownRegionError } from '../errors.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { mentoringCoverage, type CoverageFigures } from './mentoring-coverage.js';
import { QueryInputError } from './query-input-error.js';

interface Event {
  id: string;
  year: number;
  participants: number | null;
  sectors: string[];
  villages: Set<string>;
}

describe('mentoringCoverage', () => {
  let t: SeededTestDatabase;
  let events: Event[];
  let villages: string[];
  beforeAll(async () => {
    t = await seededTestDatabase(['35']);
    // The mentoring tables pulled as they are, joined in JavaScript: an independent reading.
    const rows = await t.db
      .selectFrom('mentoring_events')
      .select(['id', 'start_date', 'participants_total', 'venue_village_code'])
      .execute();
    const sectors = await t.db.selectFrom('mentoring_event_sectors').selectAll().execute();
    const members = await t.db.selectFrom('mentoring_event_villages').selectAll().execute();
    events = rows.map((e) => ({
      id: e.id,
      year: Number(String(e.start_date).slice(0, 4)),
      participants: e.participants_total,
      sectors: sectors.filter((s) => s.event_id === e.id).map((s) => s.sector),
      villages: new Set([
        e.venue_village_code,
        ...members.filter((m) => m.event_id === e.id).map((m) => m.village_code),
      ]),
    }));
    villages = (
      await t.db.selectFrom('regions').select('code').where('level', '=', 'village').execute()
    ).map((r) => r.code);
  }, 60_000);
  afterAll(() => t?.cleanup());

  /** Coverage of the villages whose code starts with `prefix`, by the events that pass `keep`. */
  function expected(prefix: string, keep: (e: Event) => boolean): CoverageFigures {
    const scope = villages.filter((v) => v.startsWith(prefix));
    const reaching = events.filter(
      (e) => keep(e) && [...e.villages].some((v) => v.startsWith(prefix)),
    );
    const mentored = new Set(
      reaching.flatMap((e) => [...e.villages].filter((v) => v.startsWith(prefix))),
    );
    return {
      events: reaching.length,
      villagesMentored: mentored.size,
      share: scope.length > 0 ? mentored.size / scope.length : 0,
      participants: reaching.reduce((sum, e) => sum + (e.participants ?? 0), 0),
    };
  }
  const figures = (f: CoverageFigures) => ({
    events: f.events,
    villagesMentored: f.villagesMentored,
    share: f.share,
    participants: f.participants,
  });

  it('counts events, villages, shares and participants per sector and district of Kabupaten Blitar', async () => {
    const c = await mentoringCoverage(t.db, { code: '35.05' });
    expect(c.villages).toBe(248);
    expect(figures(c.total)).toEqual(expected('35.05.', () => true));
    expect(c.bySector.map((s) => s.sector)).toEqual(SECTORS.map((s) => s.code));
    for (const s of c.bySector) {
      expect(figures(s)).toEqual(expected('35.05.', (e) => e.sectors.includes(s.sector)));
    }
    expect(c.byRegion).toHaveLength(22);
    for (const d of c.byRegion) {
      expect(d.villages).toBe(villages.filter((v) => v.startsWith(`${d.code}.`)).length);
      expect(figures(d)).toEqual(expected(`${d.code}.`, () => true));
      for (const s of d.bySector) {
        expect(figures(s)).toEqual(expected(`${d.code}.`, (e) => e.sectors.includes(s.sector)));
      }
    }
    // The real workshop reached Kademangan through its venue, in all four sectors.
    const kademangan = c.byRegion.find((d) => d.code === '35.05.04');
    expect(kademangan?.bySector.every((s) => s.events >= 1)).toBe(true);
  });

  it('filters by sector and years, and covers the nation by province', async () => {
    const sector: Sector = 'pertanian';
    const c = await mentoringCoverage(t.db, { sector, from: 2022, to: 2023 });
    const keep = (e: Event) => e.sectors.includes(sector) && e.year >= 2022 && e.year <= 2023;
    expect(c).toMatchObject({ code: null, level: 'nation', sector, from: 2022, to: 2023 });
    expect(figures(c.total)).toEqual(expected('', keep));
    expect(c.bySector.map((s) => s.sector)).toEqual([sector]);
    expect(c.byRegion.map((r) => r.code)).toEqual(['35']);
    expect(figures(c.byRegion[0] as CoverageFigures)).toEqual(expected('35.', keep));
    expect(c.villages).toBe(8494);
    const early = await mentoringCoverage(t.db, { code: '35', to: 2021 });
    expect(figures(early.total)).toEqual(expected('35.', (e) => e.year <= 2021));
    const none = await mentoringCoverage(t.db, { code: '35', from: 2030 });
    expect(figures(none.total)).toEqual({
      events: 0,
      villagesMentored: 0,
      share: 0,
      participants: 0,
    });
  });

  it('covers one village: the Blitar venue, 120 participants, four sectors', async () => {
    const c = await mentoringCoverage(t.db, { code: '35.05.04.2014' });
    expect(c.villages).toBe(1);
    expect(c.byRegion).toEqual([]);
    expect(figures(c.total)).toEqual({
      events: 1,
      villagesMentored: 1,
      share: 1,
      participants: 120,
    });
    expect(c.bySector.every((s) => s.events === 1 && s.participants === 120)).toBe(true);
  });

  it("lists a district's villages as its children", async () => {
    const c = await mentoringCoverage(t.db, { code: '35.05.04' });
    expect(c.byRegion.every((v) => v.level === 'village' && v.villages === 1)).toBe(true);
    for (const v of c.byRegion) expect(figures(v)).toEqual(expected(v.code, () => true));
  });

  it('refuses unknown regions and sectors and a range that ends before it starts', async () => {
    await expect(mentoringCoverage(t.db, { code: '35.99' })).rejects.toThrow(UnknownRegionError);
    await expect(mentoringCoverage(t.db, { code: '3' })).rejects.toThrow(InvalidRegionCodeError);
    for (const input of [
      { sector: 'kesehatan' as Sector },
      { from: 2024, to: 2022 },
      { from: 2021.5 },
    ]) {
      await expect(mentoringCoverage(t.db, input)).rejects.toThrow(QueryInputError);
    }
  });
});
