import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBQueryError } from './duckdb-query-error.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './open-test-database.js';

interface VillageTable {
  code: string;
  name: string;
  province: string;
  population: number;
  area_km2: number;
  internet_share: number | null;
  surveyed_on: string;
  updated_at: string | Date;
}

interface Database {
  village: VillageTable;
}

const VILLAGES = [
  {
    code: '35.07.01.2001',
    name: 'Sumberejo',
    province: 'Jawa Timur',
    population: 4120,
    area_km2: 12.5,
    internet_share: 0.4125,
    surveyed_on: '2021-11-02',
    updated_at: '2021-11-02T10:11:12.345Z',
  },
  {
    code: '35.07.01.2002',
    name: 'Karangrejo',
    province: 'Jawa Timur',
    population: 2980,
    area_km2: 8.25,
    internet_share: 0.2,
    surveyed_on: '2022-01-31',
    updated_at: '2022-01-31T00:00:00.000Z',
  },
  {
    code: '91.01.02.2003',
    name: 'Wamena Kota',
    province: 'Papua Pegunungan',
    population: 1500,
    area_km2: 40,
    internet_share: null,
    surveyed_on: '2023-06-15',
    updated_at: '2023-06-15T23:59:59.999Z',
  },
] satisfies VillageTable[];

describe.each(DATABASE_KINDS)('DuckDBDialect on a %s database', (kind) => {
  let testDb: TestDatabase<Database>;
  let db: Kysely<Database>;

  beforeEach(async () => {
    testDb = await openTestDatabase<Database>(kind, { poolSize: 4 });
    db = testDb.db;
    await db.schema
      .createTable('village')
      .addColumn('code', 'varchar', (col) => col.primaryKey())
      .addColumn('name', 'varchar', (col) => col.notNull())
      .addColumn('province', 'varchar', (col) => col.notNull())
      .addColumn('population', 'integer', (col) => col.notNull())
      .addColumn('area_km2', 'double precision', (col) => col.notNull())
      .addColumn('internet_share', 'decimal(5, 4)')
      .addColumn('surveyed_on', 'date', (col) => col.notNull())
      .addColumn('updated_at', 'timestamp', (col) => col.notNull())
      .execute();
  });

  afterEach(async () => {
    await testDb.cleanup();
  });

  const insertVillages = () => db.insertInto('village').values(VILLAGES).execute();

  it('inserts without RETURNING: numAffectedRows from DuckDB\'s "Count" row, no rows', async () => {
    const query = db.insertInto('village').values(VILLAGES);
    expect(query.compile().sql).toBe(
      'insert into "village" ("code", "name", "province", "population", "area_km2", ' +
        '"internet_share", "surveyed_on", "updated_at") values ' +
        '($1, $2, $3, $4, $5, $6, $7, $8), ($9, $10, $11, $12, $13, $14, $15, $16), ' +
        '($17, $18, $19, $20, $21, $22, $23, $24)',
    );

    const raw = await db.executeQuery(query.compile());
    expect(raw).toEqual({ numAffectedRows: 3n, rows: [] });

    const [result] = await db
      .insertInto('village')
      .values({ ...VILLAGES[0]!, code: '35.07.01.2009' })
      .execute();
    expect(result?.numInsertedOrUpdatedRows).toBe(1n);
  });

  it('selects with a where clause and order', async () => {
    await insertVillages();
    const query = db
      .selectFrom('village')
      .select(['code', 'name', 'population'])
      .where('province', '=', 'Jawa Timur')
      .orderBy('code', 'desc');
    const compiled = query.compile();
    expect(compiled.sql).toBe(
      'select "code", "name", "population" from "village" where "province" = $1 order by "code" desc',
    );
    expect(compiled.parameters).toEqual(['Jawa Timur']);
    expect(await query.execute()).toEqual([
      { code: '35.07.01.2002', name: 'Karangrejo', population: 2980 },
      { code: '35.07.01.2001', name: 'Sumberejo', population: 4120 },
    ]);
  });

  it('inserts with RETURNING and gets plain values back', async () => {
    const query = db
      .insertInto('village')
      .values(VILLAGES[0]!)
      .returning(['code', 'population', 'internet_share', 'surveyed_on', 'updated_at']);
    expect(query.compile().sql).toMatch(
      /\) returning "code", "population", "internet_share", "surveyed_on", "updated_at"$/,
    );
    expect(await query.executeTakeFirstOrThrow()).toEqual({
      code: '35.07.01.2001',
      population: 4120,
      internet_share: 0.4125,
      surveyed_on: '2021-11-02',
      updated_at: '2021-11-02T10:11:12.345Z',
    });
  });

  it('updates, with and without RETURNING', async () => {
    await insertVillages();
    const query = db
      .updateTable('village')
      .set((eb) => ({ population: eb('population', '+', 10) }))
      .where('province', '=', 'Jawa Timur');
    expect(query.compile().sql).toBe(
      'update "village" set "population" = "population" + $1 where "province" = $2',
    );
    const result = await query.executeTakeFirstOrThrow();
    expect(result.numUpdatedRows).toBe(2n);

    const returned = await db
      .updateTable('village')
      .set({ name: 'Wamena' })
      .where('code', '=', '91.01.02.2003')
      .returning(['code', 'name'])
      .execute();
    expect(returned).toEqual([{ code: '91.01.02.2003', name: 'Wamena' }]);

    const populations = await db
      .selectFrom('village')
      .select('population')
      .orderBy('code')
      .execute();
    expect(populations.map((row) => row.population)).toEqual([4130, 2990, 1500]);
  });

  it('deletes, with and without RETURNING', async () => {
    await insertVillages();
    const query = db.deleteFrom('village').where('population', '<', 2000);
    expect(query.compile().sql).toBe('delete from "village" where "population" < $1');
    expect((await query.executeTakeFirstOrThrow()).numDeletedRows).toBe(1n);

    const returned = await db
      .deleteFrom('village')
      .where('code', 'in', ['35.07.01.2001', '35.07.01.2002'])
      .returning('code')
      .execute();
    expect(returned.map((row) => row.code).sort()).toEqual(['35.07.01.2001', '35.07.01.2002']);
    expect(await db.selectFrom('village').select('code').execute()).toEqual([]);
  });

  it('counts with COUNT(*) as a number, not a bigint', async () => {
    await insertVillages();
    const query = db.selectFrom('village').select((eb) => eb.fn.countAll<number>().as('n'));
    expect(query.compile().sql).toBe('select count(*) as "n" from "village"');
    const { n } = await query.executeTakeFirstOrThrow();
    expect(n).toBe(3);
    expect(typeof n).toBe('number');
  });

  it('reads DATE as YYYY-MM-DD and TIMESTAMP as an ISO string, and filters by them', async () => {
    await insertVillages();
    const query = db
      .selectFrom('village')
      .select(['surveyed_on', 'updated_at'])
      .where('surveyed_on', '>=', '2022-01-31')
      .where('updated_at', '<', new Date('2023-06-16T00:00:00.000Z'))
      .orderBy('surveyed_on');
    expect(query.compile().sql).toBe(
      'select "surveyed_on", "updated_at" from "village" where "surveyed_on" >= $1 and ' +
        '"updated_at" < $2 order by "surveyed_on"',
    );
    expect(await query.execute()).toEqual([
      { surveyed_on: '2022-01-31', updated_at: '2022-01-31T00:00:00.000Z' },
      { surveyed_on: '2023-06-15', updated_at: '2023-06-15T23:59:59.999Z' },
    ]);

    // A Date goes in as its ISO string; DuckDB casts it to the column's type.
    await db
      .updateTable('village')
      .set({ updated_at: new Date('2024-02-29T12:00:00.000Z') })
      .where('surveyed_on', '=', '2021-11-02')
      .execute();
    const updated = await db
      .selectFrom('village')
      .select(['code', 'updated_at'])
      .where('updated_at', '=', new Date('2024-02-29T12:00:00.000Z'))
      .execute();
    expect(updated).toEqual([{ code: '35.07.01.2001', updated_at: '2024-02-29T12:00:00.000Z' }]);
  });

  it('reads DECIMAL as a number', async () => {
    await insertVillages();
    const row = await db
      .selectFrom('village')
      .select((eb) => [
        eb.fn.sum<number>('internet_share').as('total'),
        eb.fn.max<number>('internet_share').as('top'),
      ])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ total: 0.6125, top: 0.4125 });
  });

  it('aggregates with GROUP BY', async () => {
    await insertVillages();
    const query = db
      .selectFrom('village')
      .select((eb) => [
        'province',
        eb.fn.countAll<number>().as('villages'),
        eb.fn.sum<number>('population').as('population'),
        eb.fn.avg<number>('area_km2').as('mean_area_km2'),
      ])
      .groupBy('province')
      .orderBy('province');
    expect(query.compile().sql).toBe(
      'select "province", count(*) as "villages", sum("population") as "population", ' +
        'avg("area_km2") as "mean_area_km2" from "village" group by "province" order by "province"',
    );
    expect(await query.execute()).toEqual([
      { province: 'Jawa Timur', villages: 2, population: 7100, mean_area_km2: 10.375 },
      { province: 'Papua Pegunungan', villages: 1, population: 1500, mean_area_km2: 40 },
    ]);
  });

  it('runs `sql` template queries with $n parameters', async () => {
    await insertVillages();
    const query = sql<{ province: string; people: number; first_survey: string }>`
      select province, sum(population) as people, min(surveyed_on) as first_survey
      from village
      where population > ${2000} and name <> ${'nobody'}
      group by province`;
    expect(query.compile(db).sql).toContain('where population > $1 and name <> $2');
    expect((await query.execute(db)).rows).toEqual([
      { province: 'Jawa Timur', people: 7100, first_survey: '2021-11-02' },
    ]);

    // DDL and several statements in one string run too (without parameters).
    const ddl = await sql`create table note (id integer); insert into note values (1), (2)`.execute(
      db,
    );
    expect(ddl.rows).toEqual([]);
    expect(ddl.numAffectedRows).toBe(2n);
  });

  it('returns rows that survive a JSON round trip unchanged', async () => {
    await insertVillages();
    const rows = await db.selectFrom('village').selectAll().orderBy('code').execute();
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
    expect(rows[0]).toEqual(VILLAGES[0]);
  });

  describe('transactions', () => {
    it('commits what the callback wrote', async () => {
      const result = await db.transaction().execute(async (trx) => {
        await trx.insertInto('village').values(VILLAGES[0]!).execute();
        return trx.selectFrom('village').select('code').execute();
      });
      expect(result).toEqual([{ code: '35.07.01.2001' }]);
      expect(await db.selectFrom('village').select('code').execute()).toEqual(result);
    });

    it('rolls back when the callback throws, leaving no rows', async () => {
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('village').values(VILLAGES).execute();
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.selectFrom('village').select('code').execute()).toEqual([]);
    });

    it('reports a transaction DuckDB aborted instead of committing it silently', async () => {
      // DuckDB aborts a transaction on a constraint violation, then answers COMMIT with success
      // and rolls back; a caller who caught the error would think the first insert was saved.
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('village').values(VILLAGES[0]!).execute();
          await expect(trx.insertInto('village').values(VILLAGES[0]!).execute()).rejects.toThrow(
            /PRIMARY KEY or UNIQUE constraint violation/,
          );
        }),
      ).rejects.toThrow('Transaction was rolled back instead of committed');
      expect(await db.selectFrom('village').select('code').execute()).toEqual([]);
      // The connection went back to the pool usable.
      const counts = await Promise.all(
        Array.from({ length: 8 }, () =>
          db
            .selectFrom('village')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .execute(),
        ),
      );
      expect(counts.flat()).toEqual(Array.from({ length: 8 }, () => ({ n: 0 })));
    });

    it('commits when a statement failed without aborting the transaction', async () => {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('village').values(VILLAGES[0]!).execute();
        await expect(sql`select * from nowhere`.execute(trx)).rejects.toThrow(/nowhere/);
      });
      expect(await db.selectFrom('village').select('code').execute()).toEqual([
        { code: '35.07.01.2001' },
      ]);
    });

    it("surfaces a failed COMMIT's own error (regression: hidden by 'cannot rollback')", async () => {
      // Two transactions insert the same key; DuckDB notices only when the second commits.
      let firstInserted!: () => void;
      const inserted = new Promise<void>((resolve) => (firstInserted = resolve));
      let secondInserted!: () => void;
      const bothInserted = new Promise<void>((resolve) => (secondInserted = resolve));

      const first = db.transaction().execute(async (trx) => {
        await trx.insertInto('village').values(VILLAGES[0]!).execute();
        firstInserted();
        await bothInserted;
      });
      const second = db.transaction().execute(async (trx) => {
        await inserted;
        await trx.insertInto('village').values(VILLAGES[0]!).execute();
        secondInserted();
        await first;
      });

      await first;
      const error = await second.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(DuckDBQueryError);
      expect((error as DuckDBQueryError).message).toMatch(/Failed to commit/);
      expect((error as DuckDBQueryError).sql).toBe('commit');
      expect(await db.selectFrom('village').select('code').execute()).toEqual([
        { code: '35.07.01.2001' },
      ]);
    });

    it('supports read only transactions and refuses isolation levels and savepoints', async () => {
      await expect(
        db
          .transaction()
          .setAccessMode('read only')
          .execute((trx) => trx.insertInto('village').values(VILLAGES[0]!).execute()),
      ).rejects.toThrow(/read-only/i);

      await expect(
        db
          .transaction()
          .setIsolationLevel('serializable')
          .execute(async () => undefined),
      ).rejects.toThrow('unsupported isolation level: serializable');

      const trx = await db.startTransaction().execute();
      await expect(trx.savepoint('before').execute()).rejects.toThrow(/not supported/);
      await trx.rollback().execute();
    });
  });

  it('resolves 20 parallel queries through a pool of 4', async () => {
    await insertVillages();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sql<{ i: number; n: number }>`select ${i} as i, count(*) as n from village, range(1000)`
          .execute(db)
          .then((result) => result.rows[0]),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => ({ i, n: 3000 })));
  });

  it('resolves parallel transactions through a pool of 4', async () => {
    await Promise.all(
      VILLAGES.flatMap((village) =>
        Array.from({ length: 4 }, (_, i) =>
          db.transaction().execute((trx) =>
            trx
              .insertInto('village')
              .values({ ...village, code: `${village.code}-${i}` })
              .execute(),
          ),
        ),
      ),
    );
    const { n } = await db
      .selectFrom('village')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(n).toBe(12);
  });

  it('runs a query again with other values and types, and after the table changes', async () => {
    await insertVillages();
    // A pool of 4: asked 12 times, every connection runs the statement several times.
    const query = (value: number | string) =>
      sql<{ n: number }>`select count(*)::integer as n from village where population > ${value}`;
    const counts = async (value: number | string) =>
      Promise.all(Array.from({ length: 12 }, () => query(value).execute(db)));
    const first = await counts(2000);
    // A double where an integer was bound before, then a string DuckDB casts: DuckDB re-plans.
    const double = await counts(2000.5);
    const text = await counts('0');
    expect(first.map((r) => r.rows[0]?.n)).toEqual(Array(12).fill(first[0]?.rows[0]?.n));
    expect(double.map((r) => r.rows[0]?.n)).toEqual(first.map((r) => r.rows[0]?.n));
    expect(text.map((r) => r.rows[0]?.n)).toEqual(Array(12).fill(VILLAGES.length));
    // The table replaced between runs of the same `select *`: the new rows and columns.
    const all = (name: string) =>
      sql<Record<string, unknown>>`select * from note where name <> ${name} order by id`;
    await sql`create table note (id integer, name varchar); insert into note values (1, 'a')`.execute(
      db,
    );
    await Promise.all(Array.from({ length: 8 }, () => all('x').execute(db)));
    await sql`drop table note; create table note (id integer, name varchar, extra integer); insert into note values (2, 'b', 7)`.execute(
      db,
    );
    const after = await Promise.all(Array.from({ length: 8 }, () => all('x').execute(db)));
    for (const result of after) expect(result.rows).toEqual([{ id: 2, name: 'b', extra: 7 }]);
  });

  it('throws DuckDBQueryError with the SQL, parameters and the original as cause', async () => {
    const query = db
      .selectFrom('village')
      .select('code')
      .where('nope' as 'code', '=', 'x');
    const error = await query.execute().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(DuckDBQueryError);
    const queryError = error as DuckDBQueryError;
    expect(queryError.name).toBe('DuckDBQueryError');
    expect(queryError.message).toMatch(/Referenced column "nope" not found/);
    expect(queryError.sql).toBe('select "code" from "village" where "nope" = $1');
    expect(queryError.parameters).toEqual(['x']);
    expect(queryError.cause).toBeInstanceOf(Error);
    expect((queryError.cause as Error).message).toBe(queryError.message);
  });

  it('streams rows in chunks, and the connection is usable after an early stop', async () => {
    await sql`insert into village
      select 'v' || i, 'Village ' || i, 'P' || (i % 3), i, 1.5, null, date '2021-01-01' + i::integer,
        timestamp '2021-01-01 00:00:00' + to_seconds(i)
      from range(5000) t(i)`.execute(db);

    const chunks: number[] = [];
    let populationSum = 0;
    for await (const chunk of db
      .selectFrom('village')
      .select(['population', 'surveyed_on'])
      .orderBy('population')
      .stream(1500)) {
      chunks.push(1);
      populationSum += chunk.population;
      if (chunk.population === 4999) expect(chunk.surveyed_on).toBe('2034-09-09');
    }
    expect(chunks.length).toBe(5000);
    expect(populationSum).toBe((4999 * 5000) / 2);

    // Raw chunks as Kysely's connection sees them.
    const sizes: number[] = [];
    await db.connection().execute(async (conn) => {
      const compiled = CompiledQuery.raw(
        'select population from village where population < $1',
        [4000],
      );
      for await (const result of conn.getExecutor().stream(compiled, 1500)) {
        sizes.push(result.rows.length);
      }
    });
    expect(sizes).toEqual([1500, 1500, 1000]);

    for await (const row of db.selectFrom('village').select('code').stream(10)) {
      expect(row.code).toMatch(/^v/);
      break;
    }
    const counts = await Promise.all(
      Array.from({ length: 8 }, () =>
        db
          .selectFrom('village')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .execute(),
      ),
    );
    expect(counts.flat()).toEqual(Array.from({ length: 8 }, () => ({ n: 5000 })));
  });
});
