import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBAdapter } from './duckdb-adapter.js';
import { DuckDBIntrospector } from './duckdb-introspector.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './open-test-database.js';

// Two migrations in Kysely's shape, defined here so the dialect's tests stand alone.
const MIGRATIONS: Record<string, Migration> = {
  '2026-01-01T00-region': {
    async up(db) {
      await db.schema
        .createTable('region')
        .addColumn('code', 'varchar', (col) => col.primaryKey())
        .addColumn('name', 'varchar', (col) => col.notNull())
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('region').execute();
    },
  },
  '2026-01-02T00-mentoring-event': {
    async up(db) {
      await sql`create sequence mentoring_event_id`.execute(db);
      await db.schema
        .createTable('mentoring_event')
        .addColumn('id', 'integer', (col) =>
          col.primaryKey().defaultTo(sql`nextval('mentoring_event_id')`),
        )
        .addColumn('region_code', 'varchar', (col) => col.notNull().references('region.code'))
        .addColumn('held_on', 'date', (col) => col.notNull())
        .addColumn('participants', 'integer', (col) => col.defaultTo(0))
        .execute();
      await sql`comment on column mentoring_event.held_on is 'local date of the event'`.execute(db);
      await db.schema
        .createView('event_count')
        .as(
          db
            .selectFrom('mentoring_event')
            .select((eb) => ['region_code', eb.fn.countAll().as('events')])
            .groupBy('region_code'),
        )
        .execute();
    },
    async down(db) {
      await db.schema.dropView('event_count').execute();
      await db.schema.dropTable('mentoring_event').execute();
      await sql`drop sequence mentoring_event_id`.execute(db);
    },
  },
};

function migrator(db: Kysely<object>, migrationTableSchema?: string): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

describe.each(DATABASE_KINDS)('DuckDBIntrospector and migrations on a %s database', (kind) => {
  let testDb: TestDatabase<object>;
  let db: Kysely<object>;

  beforeEach(async () => {
    testDb = await openTestDatabase<object>(kind);
    db = testDb.db;
  });

  afterEach(async () => {
    await testDb.cleanup();
  });

  it("runs Kysely's Migrator up and down", async () => {
    const up = await migrator(db).migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(up.results?.map((result) => [result.migrationName, result.status])).toEqual([
      ['2026-01-01T00-region', 'Success'],
      ['2026-01-02T00-mentoring-event', 'Success'],
    ]);
    expect((await migrator(db).migrateToLatest()).results).toEqual([]);

    const down = await migrator(db).migrateDown();
    expect(down.error).toBeUndefined();
    expect(down.results?.map((result) => result.migrationName)).toEqual([
      '2026-01-02T00-mentoring-event',
    ]);
    const tables = await db.introspection.getTables();
    expect(tables.map((table) => table.name)).toEqual(['region']);
  });

  it('keeps its migration tables in another schema', async () => {
    const result = await migrator(db, 'migrations').migrateToLatest();
    expect(result.error).toBeUndefined();
    const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
    expect(tables.map((table) => `${table.schema}.${table.name}`)).toEqual([
      'main.event_count',
      'main.mentoring_event',
      'main.region',
      'migrations.kysely_migration',
      'migrations.kysely_migration_lock',
    ]);
    expect((await db.introspection.getSchemas()).map((schema) => schema.name)).toEqual([
      'main',
      'migrations',
    ]);
  });

  it('lists tables, views and columns from information_schema', async () => {
    await migrator(db).migrateToLatest();
    const tables = await new DuckDBIntrospector(db).getTables();
    expect(tables).toEqual([
      {
        name: 'event_count',
        schema: 'main',
        isView: true,
        columns: [
          {
            name: 'region_code',
            dataType: 'VARCHAR',
            isNullable: true,
            hasDefaultValue: false,
            isAutoIncrementing: false,
          },
          {
            name: 'events',
            dataType: 'BIGINT',
            isNullable: true,
            hasDefaultValue: false,
            isAutoIncrementing: false,
          },
        ],
      },
      {
        name: 'mentoring_event',
        schema: 'main',
        isView: false,
        columns: [
          {
            name: 'id',
            dataType: 'INTEGER',
            isNullable: false,
            hasDefaultValue: true,
            isAutoIncrementing: true,
          },
          {
            name: 'region_code',
            dataType: 'VARCHAR',
            isNullable: false,
            hasDefaultValue: false,
            isAutoIncrementing: false,
          },
          {
            name: 'held_on',
            dataType: 'DATE',
            isNullable: false,
            hasDefaultValue: false,
            isAutoIncrementing: false,
            comment: 'local date of the event',
          },
          {
            name: 'participants',
            dataType: 'INTEGER',
            isNullable: true,
            hasDefaultValue: true,
            isAutoIncrementing: false,
          },
        ],
      },
      {
        name: 'region',
        schema: 'main',
        isView: false,
        columns: [
          {
            name: 'code',
            dataType: 'VARCHAR',
            isNullable: false,
            hasDefaultValue: false,
            isAutoIncrementing: false,
          },
          {
            name: 'name',
            dataType: 'VARCHAR',
            isNullable: false,
            hasDefaultValue: false,
            isAutoIncrementing: false,
          },
        ],
      },
    ]);
    expect((await db.introspection.getMetadata()).tables).toEqual(tables);
    const withInternal = await db.introspection.getTables({ withInternalKyselyTables: true });
    expect(withInternal.map((table) => table.name)).toContain('kysely_migration_lock');
  });

  it("makes a second migrator's lock fail instead of both migrating", async () => {
    await migrator(db).migrateToLatest();
    const adapter = new DuckDBAdapter();
    const options = { lockTable: 'kysely_migration_lock', lockRowId: 'migration_lock' };
    const first = await db.startTransaction().execute();
    const second = await db.startTransaction().execute();
    try {
      await adapter.acquireMigrationLock(first, options);
      await expect(adapter.acquireMigrationLock(second, options)).rejects.toThrow(
        /Conflict on update/,
      );
    } finally {
      await second.rollback().execute();
      await first.rollback().execute();
    }
    const { rows } = await sql<{
      is_locked: number;
    }>`select is_locked from kysely_migration_lock`.execute(db);
    expect(rows).toEqual([{ is_locked: 0 }]);
  });
});
