import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../schema/database.js';
import { fileWriter, rejectionsOf, withCommitsRecorded } from './rejections-of.fixture.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { importMentoringEvents } from './import-mentoring-events.js';
import type { Rejection } from './import-types.js';

const PLOSOREJO = '35.05.04.2014';
const PANGGUNGDUWET = '35.05.04.2001';
const MARON = '35.05.04.2002';
const HEADER =
  'event_id,start_date,end_date,format,sectors,venue_village_code,participants_total,village_count,village_code,title,sessions,venue_name,organisers,notes';

/** An event's line with its village filled in. */
const line = (event: string, village: string) => event.replace('{v}', village);

/** Everything a mentoring import may change, as one comparable value. */
async function snapshot(db: Kysely<Database>) {
  const r = await sql<Record<string, string | number>>`
    select (select count(*) from mentoring_events) as events,
      (select sum(hash(id, title, start_date, end_date, format, sessions, venue_village_code,
        venue_name, participants_total, village_count, organisers, notes, source, batch_id))::varchar
        from mentoring_events) as event_values,
      (select count(*) from mentoring_event_sectors) as sectors,
      (select sum(hash(event_id, sector))::varchar from mentoring_event_sectors) as sector_values,
      (select count(*) from mentoring_event_villages) as villages,
      (select sum(hash(event_id, village_code))::varchar from mentoring_event_villages) as village_values,
      (select count(*) from mentoring_event_participants) as participants,
      (select sum(hash(event_id, role, count))::varchar from mentoring_event_participants) as participant_values,
      (select count(*) from import_batches) as batches,
      (select value from dataset_meta where key = 'data_version') as version`.execute(db);
  return r.rows[0];
}

/** Rejections as [row, column, reason up to the first parenthesis]. */
const brief = (rejections: readonly Rejection[]) =>
  rejections.map((r) => [r.row, r.column, r.reason.split(' (')[0]]);

// Two events: a workshop in three villages (the notes hold a comma and a line break), and a
// one-day pendampingan whose villages are not listed.
const WORKSHOP = `umkm-2025-kademangan,2025-03-04,2025-03-05,workshop,umkm;pertanian,${PLOSOREJO},45,3,{v},Workshop UMKM,2,Kampung Coklat,Dinas PMD; Pandu Digital,"Two days, with
a market visit"`;
const PENDAMPINGAN = `pendidikan-2025-maron,2025-06-10,2025-06-10,pendampingan,pendidikan,${MARON},12,5,,,,,Pandu Digital,`;
const GOOD = [
  HEADER,
  line(WORKSHOP, PLOSOREJO),
  line(WORKSHOP, PANGGUNGDUWET),
  line(WORKSHOP, MARON),
  PENDAMPINGAN,
].join('\n');

describe('importMentoringEvents', () => {
  let t: SeededTestDatabase;
  let file: (name: string, content: string | Buffer) => Promise<string>;
  beforeAll(async () => {
    t = await seededTestDatabase(['35'], { writable: true });
    file = fileWriter(t.dir);
  });
  afterAll(() => t?.cleanup());

  it('imports events with their sectors and villages, records the batch and bumps the version', async () => {
    const versionBefore = Number((await snapshot(t.db))?.version);
    const progress: string[] = [];
    const result = await importMentoringEvents(t.db, await file('events.csv', GOOD), {
      onProgress: (p) => progress.push(p.step),
    });
    expect(result).toMatchObject({
      fileName: 'events.csv',
      format: 'csv',
      events: 2,
      villages: 3,
      dataVersion: versionBefore + 1,
    });
    expect(progress).toEqual(['reading', 'validating', 'writing', 'figures', 'done']);

    const events = await t.db
      .selectFrom('mentoring_events')
      .selectAll()
      .where('source', '=', 'imported')
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      {
        id: 'pendidikan-2025-maron',
        title: null,
        start_date: '2025-06-10',
        end_date: '2025-06-10',
        format: 'pendampingan',
        sessions: null,
        venue_village_code: MARON,
        venue_name: null,
        participants_total: 12,
        village_count: 5,
        organisers: 'Pandu Digital',
        notes: null,
        source: 'imported',
        batch_id: result.batchId,
      },
      {
        id: 'umkm-2025-kademangan',
        title: 'Workshop UMKM',
        start_date: '2025-03-04',
        end_date: '2025-03-05',
        format: 'workshop',
        sessions: 2,
        venue_village_code: PLOSOREJO,
        venue_name: 'Kampung Coklat',
        participants_total: 45,
        village_count: 3,
        organisers: 'Dinas PMD; Pandu Digital',
        notes: 'Two days, with\na market visit',
        source: 'imported',
        batch_id: result.batchId,
      },
    ]);
    const villages = await t.db
      .selectFrom('mentoring_event_villages')
      .select(['event_id', 'village_code'])
      .where('event_id', 'in', ['umkm-2025-kademangan', 'pendidikan-2025-maron'])
      .orderBy('event_id')
      .orderBy('village_code')
      .execute();
    expect(villages).toEqual([
      { event_id: 'umkm-2025-kademangan', village_code: PANGGUNGDUWET },
      { event_id: 'umkm-2025-kademangan', village_code: MARON },
      { event_id: 'umkm-2025-kademangan', village_code: PLOSOREJO },
    ]);
    const sectors = await t.db
      .selectFrom('mentoring_event_sectors')
      .select(['event_id', 'sector'])
      .where('event_id', 'in', ['umkm-2025-kademangan', 'pendidikan-2025-maron'])
      .orderBy('event_id')
      .orderBy('sector')
      .execute();
    expect(sectors).toEqual([
      { event_id: 'pendidikan-2025-maron', sector: 'pendidikan' },
      { event_id: 'umkm-2025-kademangan', sector: 'pertanian' },
      { event_id: 'umkm-2025-kademangan', sector: 'umkm' },
    ]);
    const batch = await t.db
      .selectFrom('import_batches')
      .select(['kind', 'file_name', 'rows_accepted', 'rows_rejected', 'replaced', 'content_hash'])
      .where('id', '=', result.batchId)
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({
      kind: 'mentoring',
      file_name: 'events.csv',
      rows_accepted: 4,
      rows_rejected: 0,
      replaced: 0,
    });
    expect(batch.content_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the row, column and reason of every rejection, and changes nothing', async () => {
    const before = await snapshot(t.db);
    const ev = (id: string, overrides: Record<string, string> = {}) => {
      const values: Record<string, string> = {
        event_id: id,
        start_date: '2025-08-01',
        end_date: '2025-08-01',
        format: 'seminar',
        sectors: 'umkm',
        venue_village_code: PLOSOREJO,
        participants_total: '30',
        village_count: '2',
        village_code: PLOSOREJO,
        title: '',
        sessions: '',
        venue_name: '',
        organisers: 'Kominfo',
        notes: '',
        ...overrides,
      };
      return HEADER.split(',')
        .map((c) => values[c])
        .join(',');
    };
    const content = [
      HEADER,
      ev('a', { notes: '"spans\ntwo lines"' }), // row 2: fine (one record, two lines)
      ev('a', { village_code: PANGGUNGDUWET, notes: '"spans\ntwo lines"' }), // 3: fine
      ev('b', { start_date: '2025-02-30', end_date: '1/8/2025' }), // 4: neither is a date
      ev('c', { end_date: '2025-07-31' }), // 5: ends before it starts
      ev('d', { venue_village_code: '35.99.04.2014', village_code: '35.05.04' }), // 6: unknown, malformed
      ev('e', { participants_total: '3.5', village_count: '', sessions: 'two' }), // 7
      ev('f'), // 8: fine
      ev('f', { village_code: PANGGUNGDUWET, participants_total: '31' }), // 9: differs from row 8
      ev('f', { village_code: PLOSOREJO }), // 10: repeats row 8's village
      ev('g', { village_code: '' }), // 11: empty village on a two-row event
      ev('g', { village_code: MARON }), // 12
      ev('h', { format: 'webinar', sectors: 'umkm;kesehatan', organisers: '' }), // 13: domain
      ev('i', { village_count: '1', village_code: MARON }), // 14: two villages for a count of 1
      ev('i', { village_count: '1' }), // 15
      ev('j', { participants_total: '-4' }), // 16: domain: negative
      ev('kominfo-blitar-2021-11-02'), // 17: already stored (the seeded Blitar workshop)
      ev('', { start_date: '' }), // 18: no id
      'k,2025-08-01,2025-08-01,seminar,umkm', // 19: too few fields
    ].join('\n');
    const rejections = await rejectionsOf(
      importMentoringEvents(t.db, await file('bad.csv', content)),
    );
    expect(brief(rejections)).toEqual([
      [4, 'end_date', 'is not a date'],
      [4, 'start_date', 'is not a date'],
      [5, 'end_date', 'is before start_date'],
      [6, 'venue_village_code', 'is not a known village code'],
      [6, 'village_code', 'is not a village code'],
      [7, 'participants_total', 'is not a whole number'],
      [7, 'sessions', 'is not a whole number'],
      [7, 'village_count', 'is missing'],
      [9, 'participants_total', 'differs from row 8, the first row of event f'],
      [10, 'village_code', 'duplicates row 8'],
      [11, 'village_code', 'is missing: event g has 2 rows, one per participating village'],
      [
        13,
        'format',
        'invalid option: expected one of "seminar"|"workshop"|"seminar_workshop"|"pendampingan"|"training_of_trainers"',
      ],
      [13, 'organisers', 'is missing: an event needs at least one'],
      [
        13,
        'sectors',
        'item 2, "kesehatan": invalid option: expected one of "pendidikan"|"umkm"|"pertanian"|"desa_wisata_digital"',
      ],
      [14, 'village_count', '2 village codes listed for a count of 1'],
      [16, 'participants_total', 'too small: expected number to be >=0'],
      [17, 'event_id', 'is already in the database'],
      [18, 'event_id', 'is missing'],
      [18, 'start_date', 'is missing'],
      [19, 'venue_village_code', 'missing columns: Expected Number of Columns: 14 Found: 5'],
    ]);
    const differs = rejections.find((r) => r.row === 9);
    expect(differs).toMatchObject({ value: '31' });
    expect(differs?.reason).toContain('("30")');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('regression: blank lines no longer shift the row a rejection is named by', async () => {
    // DuckDB skips blank lines silently; rows after them were named too early.
    const content = [
      HEADER,
      '',
      line(WORKSHOP.replace('umkm-2025-kademangan', 'blank-lines'), PLOSOREJO), // row 3 (spans two lines)
      '',
      PENDAMPINGAN.replace(
        'pendidikan-2025-maron,2025-06-10,2025-06-10',
        'blank-lines-2,2025-06-10,2025-06-01',
      ), // 5: ends before it starts
      '',
    ].join('\r\n');
    const rejections = await rejectionsOf(
      importMentoringEvents(t.db, await file('blank-lines.csv', content)),
    );
    expect(brief(rejections)).toEqual([[5, 'end_date', 'is before start_date']]);
  });

  it('names missing, misnamed, unknown and doubled columns, and files that are not event files', async () => {
    const before = await snapshot(t.db);
    const columns = await rejectionsOf(
      importMentoringEvents(
        t.db,
        await file(
          'columns.csv',
          'Event_ID,start_date,end_date,format,sectors,venue_village_code,participants_total,remarks,format\n' +
            `x,2025-01-01,2025-01-01,seminar,umkm,${PLOSOREJO},3,x,seminar\n`,
        ),
      ),
    );
    expect(columns.map((r) => [r.column, r.reason.split(' (')[0]])).toEqual([
      [
        'event_id',
        'column event_id is missing; did you mean "Event_ID"? Names are exact and lower-case',
      ],
      ['village_count', 'column village_count is missing'],
      ['Event_ID', 'unknown column'],
      ['remarks', 'unknown column'],
      ['format', 'column appears twice'],
    ]);
    const cases: Array<[string, string, RegExp]> = [
      ['empty.csv', '', /the file is empty/],
      ['header-only.csv', `${HEADER}\n`, /no data rows/],
      [
        'observations.csv',
        `village_code,year,indicator,value\n${PLOSOREJO},2026,digital_skills,3\n`,
        /not a mentoring events file/,
      ],
    ];
    for (const [name, content, reason] of cases) {
      const rejections = await rejectionsOf(importMentoringEvents(t.db, await file(name, content)));
      expect(rejections, name).toHaveLength(1);
      expect(rejections[0]?.row, name).toBeNull();
      expect(rejections[0]?.reason, name).toMatch(reason);
    }
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('regression: reports its last step, done, only after the transaction has committed', async () => {
    const events: string[] = [];
    await withCommitsRecorded(events, async () => {
      const event = PENDAMPINGAN.replace('pendidikan-2025-maron', 'pendidikan-2026-maron');
      const result = await importMentoringEvents(
        t.db,
        await file('committed.csv', [HEADER, event].join('\n')),
        { onProgress: (p) => events.push(`${p.step} ${p.done}/${p.total}`) },
      );
      expect(result.events).toBe(1);
    });
    expect(events).toEqual([
      'reading 0/4',
      'validating 1/4',
      'writing 2/4',
      'figures 3/4',
      'committed',
      'done 4/4',
    ]);
  });

  it('rejects an event id already stored unless replace, which rewrites the event and its rows', async () => {
    // The seeded Blitar workshop has participant roles and no listed villages; the new version
    // lists two villages and no roles.
    const blitar = 'kominfo-blitar-2021-11-02';
    const content = [
      HEADER,
      `${blitar},2021-11-02,2021-11-03,seminar_workshop,pendidikan;umkm,${PLOSOREJO},120,20,${PLOSOREJO},,2,Kampung Coklat,Kominfo,`,
      `${blitar},2021-11-02,2021-11-03,seminar_workshop,pendidikan;umkm,${PLOSOREJO},120,20,${MARON},,2,Kampung Coklat,Kominfo,`,
    ].join('\r\n');
    const path = await file('blitar.csv', '\uFEFF' + content + '\r\n');
    const before = await snapshot(t.db);
    const rejected = await rejectionsOf(importMentoringEvents(t.db, path));
    expect(rejected).toEqual([
      {
        row: 2,
        column: 'event_id',
        value: blitar,
        reason: 'is already in the database (use --replace to overwrite it)',
      },
    ]);
    expect(await snapshot(t.db)).toEqual(before);

    const result = await importMentoringEvents(t.db, path, { replace: true });
    expect(result).toMatchObject({ events: 1, villages: 2 });
    const after = await snapshot(t.db);
    expect(after?.events).toBe(before?.events);
    const event = await t.db
      .selectFrom('mentoring_events')
      .select(['source', 'batch_id', 'organisers', 'village_count'])
      .where('id', '=', blitar)
      .execute();
    expect(event).toEqual([
      { source: 'imported', batch_id: result.batchId, organisers: 'Kominfo', village_count: 20 },
    ]);
    const rowsOf = async (
      table:
        'mentoring_event_sectors' | 'mentoring_event_villages' | 'mentoring_event_participants',
    ) =>
      (
        await sql<{
          n: number;
        }>`select count(*) as n from ${sql.table(table)} where event_id = ${blitar}`.execute(t.db)
      ).rows[0]?.n;
    expect(await rowsOf('mentoring_event_sectors')).toBe(2);
    expect(await rowsOf('mentoring_event_villages')).toBe(2);
    expect(await rowsOf('mentoring_event_participants')).toBe(0);
    const batch = await t.db
      .selectFrom('import_batches')
      .select(['kind', 'replaced'])
      .where('id', '=', result.batchId)
      .executeTakeFirstOrThrow();
    expect(batch).toEqual({ kind: 'mentoring', replaced: 1 });
  });

  it('imports Parquet with typed columns, naming rows by their index', async () => {
    const parquet = async (name: string, rows: string) => {
      const path = join(t.dir, name);
      await sql
        .raw(
          `copy (select * from (values ${rows})
            t(event_id, start_date, end_date, format, sectors, venue_village_code,
              participants_total, village_count, village_code, sessions, organisers))
          to '${path}' (format parquet)`,
        )
        .execute(t.db);
      return path;
    };
    const row = (village: string, { total = 25, count = 2 } = {}) =>
      `('tot-2026', date '2026-02-01', date '2026-02-03', 'training_of_trainers', 'desa_wisata_digital', '${PLOSOREJO}', ${total}, ${count}, '${village}', 3, 'Kominfo')`;
    const good = await parquet('events.parquet', [row(PLOSOREJO), row(MARON)].join(', '));
    const result = await importMentoringEvents(t.db, good);
    expect(result).toMatchObject({ format: 'parquet', events: 1, villages: 2 });
    const stored = await t.db
      .selectFrom('mentoring_events')
      .select(['start_date', 'end_date', 'sessions', 'participants_total', 'source'])
      .where('id', '=', 'tot-2026')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      start_date: '2026-02-01',
      end_date: '2026-02-03',
      sessions: 3,
      participants_total: 25,
      source: 'imported',
    });

    const before = await snapshot(t.db);
    const bad = await parquet(
      'bad.parquet',
      [
        row(PLOSOREJO, { count: 3 }),
        row(MARON, { total: 26, count: 3 }),
        row('35.05.04.9999', { count: 3 }),
      ].join(', '),
    );
    const rejections = await rejectionsOf(importMentoringEvents(t.db, bad, { replace: true }));
    expect(brief(rejections)).toEqual([
      [2, 'participants_total', 'differs from row 1, the first row of event tot-2026'],
      [3, 'village_code', 'is not a known village code'],
    ]);
    expect(await snapshot(t.db)).toEqual(before);
  });
});
