import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import { INDEX_MEASURES, SECTORS, type IndexMeasure, type Sector } from '@pandu/domain';
import { NoDataError } from '../errors.js';
import { MIGRATIONS, migrateToLatest } from '../migrations/index.js';
import { mentoringCoverage } from '../queries/mentoring-coverage.js';
import { mentoringImpact, type MentoringImpact } from '../queries/mentoring-impact.js';
import { mentoringPriorities } from '../queries/mentoring-priorities.js';
import { seededTestDatabase, type SeededTestDatabase } from '../testing/seeded-test-database.js';
import { storedMentoringCoverage } from './mentoring-coverage-figures.js';
import { storedMentoringImpact } from './mentoring-impact-figures.js';
import { storedMentoringPriorities } from './mentoring-priority-figures.js';
import { refreshFigures } from './refresh-figures.js';
import { expectSame } from '../testing/expect-same.js';

const SECTOR_CHOICES: ReadonlyArray<Sector | undefined> = [
  undefined,
  ...SECTORS.map((s) => s.code),
];

describe('stored mentoring figures', () => {
  let t: SeededTestDatabase;
  /** undefined (the nation), then provinces, regencies and districts: at least three of each. */
  let scopes: Array<string | undefined>;

  beforeAll(async () => {
    // Three provinces, so the nation pools more than one and three provinces can be compared.
    t = await seededTestDatabase(['35', '51', '75'], { writable: true });
    await t.db.transaction().execute((trx) => refreshFigures(trx));
    const pick = async (level: string) =>
      (
        await sql<{ code: string }>`
          select code from regions where level = ${level}
          order by hash(code) limit 3`.execute(t.db)
      ).rows.map((r) => r.code);
    scopes = [
      undefined,
      ...(await pick('province')),
      '35.05',
      ...(await pick('regency')),
      ...(await pick('district')),
    ];
  });
  afterAll(() => t.cleanup());

  it('answer mentoring.coverage as the on-demand query does, at every level and sector', async () => {
    for (const code of scopes) {
      for (const sector of SECTOR_CHOICES) {
        const input = { ...(code ? { code } : {}), ...(sector ? { sector } : {}) };
        const stored = await storedMentoringCoverage(t.db, input);
        expect(stored, JSON.stringify(input)).not.toBeNull();
        expectSame(stored, await mentoringCoverage(t.db, input), JSON.stringify(input));
      }
    }
  });

  it('answer mentoring.impact as the on-demand query does, at every level, sector and some measures', async () => {
    let compared = 0;
    let noComparison = 0;
    let eventStudies = 0;
    for (const [i, code] of scopes.entries()) {
      // Every measure for the nation, two (rotating) elsewhere.
      const measures: IndexMeasure[] =
        i === 0
          ? [...INDEX_MEASURES]
          : [INDEX_MEASURES[i % 8] as IndexMeasure, INDEX_MEASURES[(i + 3) % 8] as IndexMeasure];
      for (const sector of SECTOR_CHOICES) {
        for (const measure of measures) {
          const input = { ...(code ? { code } : {}), ...(sector ? { sector } : {}), measure };
          const stored = await storedMentoringImpact(t.db, input).catch((e: unknown) => e);
          const onDemand = await mentoringImpact(t.db, input).catch((e: unknown) => e);
          if (stored instanceof Error) {
            // Nothing to estimate: the stored read says so at once, in the query's words.
            expect(stored, JSON.stringify(input)).toBeInstanceOf(NoDataError);
            expect(onDemand, JSON.stringify(input)).toBeInstanceOf(NoDataError);
            expect(stored.message).toBe((onDemand as Error).message);
            noComparison++;
            continue;
          }
          expect(stored, JSON.stringify(input)).not.toBeNull();
          expectSame(stored, onDemand, JSON.stringify(input));
          compared++;
          // The event study and its pre-trend check are part of what is compared.
          if (((stored as MentoringImpact | null)?.eventStudy.length ?? 0) >= 5) eventStudies++;
        }
      }
    }
    // Most of the sample has an estimate: the comparison is not vacuous; and the sample holds
    // scopes without one, whose 404 is stored too.
    expect(compared).toBeGreaterThan(100);
    expect(noComparison).toBeGreaterThan(0);
    expect(eventStudies).toBeGreaterThan(50);
  });

  it('answer mentoring.priorities as the on-demand query does, at every level, sector and limit', async () => {
    for (const [i, code] of scopes.entries()) {
      for (const sector of SECTOR_CHOICES) {
        const limit = [undefined, 1, 7, 100][i % 4];
        const input = {
          ...(code ? { code } : {}),
          ...(sector ? { sector } : {}),
          ...(limit ? { limit } : {}),
        };
        const stored = await storedMentoringPriorities(t.db, input);
        expect(stored, JSON.stringify(input)).not.toBeNull();
        expectSame(stored, await mentoringPriorities(t.db, input), JSON.stringify(input));
      }
    }
  });

  it('are not read for parameters other than the defaults, a village, or a bad code', async () => {
    expect(await storedMentoringCoverage(t.db, { code: '35', from: 2022 })).toBeNull();
    expect(await storedMentoringCoverage(t.db, { to: 2023 })).toBeNull();
    expect(await storedMentoringPriorities(t.db, { code: '35', minAccess: 60 })).toBeNull();
    expect(await storedMentoringPriorities(t.db, {}, { completeCoverage: 0.5 })).toBeNull();
    expect(await storedMentoringPriorities(t.db, { minAccess: 50 })).not.toBeNull();
    const village = (
      await sql<{
        code: string;
      }>`select min(code) as code from regions where level = 'village'`.execute(t.db)
    ).rows[0]?.code;
    expect(await storedMentoringCoverage(t.db, { code: village })).toBeNull();
    expect(await storedMentoringImpact(t.db, { code: 'x' })).toBeNull();
    expect(await storedMentoringImpact(t.db, { code: '35.99' })).toBeNull();
  });

  it("list the sectors in the order the tables' comments document", async () => {
    // The stored lists hold '' (any sector) then SECTORS; the migration's comments name that
    // order, and a new sector needs a new migration.
    const { rows } = await sql<{ comment: string }>`
      select comment from duckdb_columns()
      where table_name = 'mentoring_coverage_figures' and column_name = 'events'`.execute(t.db);
    expect(rows[0]?.comment).toContain(SECTORS.map((s) => s.code).join(', '));
  });

  it('read as missing (null) once the data changed after they were computed, or never were', async () => {
    expect(await storedMentoringCoverage(t.db, { code: '35' })).not.toBeNull();
    const stamp = sql`select value from dataset_meta where key = 'figures_data_version'`;
    const before = (await stamp.execute(t.db)).rows;
    for (const change of [
      sql`update dataset_meta set value = value || '-stale' where key = 'figures_data_version'`,
      sql`delete from dataset_meta where key = 'figures_data_version'`,
    ]) {
      await change.execute(t.db);
      expect(await storedMentoringCoverage(t.db, { code: '35' })).toBeNull();
      expect(await storedMentoringImpact(t.db, { code: '35' })).toBeNull();
      expect(await storedMentoringPriorities(t.db, { code: '35' })).toBeNull();
      await t.db.transaction().execute((trx) => refreshFigures(trx));
      expect((await stamp.execute(t.db)).rows).toEqual(before);
    }
    expect(await storedMentoringImpact(t.db, { code: '35' })).not.toBeNull();
  });

  it('survive the migration that added the event study over stored rows, which then read as not stored', async () => {
    // Regression: the migration deleted the old rows before adding the column, and DuckDB
    // refuses to commit a DELETE and an ALTER of one table in one transaction: a data directory
    // with stored figures could not be upgraded. The migrations after it are undone by their
    // own down, then it is rewound by hand (its own down would not leave the old rows), over a
    // table full of rows.
    const name = '2026-12-07T01-impact-event-study';
    const migrator = new Migrator({
      db: t.db,
      provider: { getMigrations: async () => MIGRATIONS },
    });
    expect((await migrator.migrateTo(name)).error).toBeUndefined();
    const rows = sql<{ n: number }>`select count(*)::integer as n from mentoring_impact_figures`;
    expect((await rows.execute(t.db)).rows[0]?.n).toBeGreaterThan(100);
    await sql`alter table mentoring_impact_figures drop column event_study`.execute(t.db);
    await sql`delete from kysely_migration where name = ${name}`.execute(t.db);
    const { error, results } = await migrateToLatest(t.db);
    expect(error).toBeUndefined();
    const names = Object.keys(MIGRATIONS);
    expect(results?.map((r) => [r.migrationName, r.status])).toEqual(
      names.slice(names.indexOf(name)).map((n) => [n, 'Success']),
    );
    // A later migration (profile_figures) clears the figures' stamp; put it back, so what keeps
    // the old rows from being read below is their missing event study, not stale figures.
    await sql`delete from dataset_meta where key = 'figures_data_version'`.execute(t.db);
    await sql`insert into dataset_meta select 'figures_data_version', value from dataset_meta
      where key = 'data_version'`.execute(t.db);
    expect(await storedMentoringCoverage(t.db, { code: '35' })).not.toBeNull();
    // The old rows are kept but not read (computed on the old base year): the on-demand query
    // answers, a scope without a comparison still throws its NoDataError there.
    expect((await rows.execute(t.db)).rows[0]?.n).toBeGreaterThan(100);
    expect(await storedMentoringImpact(t.db, { code: '35' })).toBeNull();
    expect(await storedMentoringImpact(t.db, {})).toBeNull();
    await t.db.transaction().execute((trx) => refreshFigures(trx));
    expect((await storedMentoringImpact(t.db, { code: '35' }))?.eventStudy.length).toBe(6);
  });
});
