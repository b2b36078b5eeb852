import { basename, dirname } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_TABLES } from '@pandu/db';
import { createCaller } from '../create-caller.js';
import { apiTestContext } from '../testing/api-test-context.js';

describe('health', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext({ cache: true, writable: true });
  });
  afterAll(() => t?.cleanup());

  it('reports the file, the data version, the years and every table counted plainly', async () => {
    const health = await t.caller.health();
    // The name only: the path would tell any caller where the server keeps its files.
    expect(health.file).toBe(basename(t.path));
    expect(JSON.stringify(health)).not.toContain(dirname(t.path));
    expect(health.dataVersion).toBe(1);
    expect(health.synthetic).toBe(true);
    expect(health.provinces).toEqual(['35']);
    expect(Object.keys(health.rows)).toEqual([...DATABASE_TABLES]);
    for (const table of DATABASE_TABLES) {
      const counted = await sql<{
        n: number;
      }>`select count(*)::integer as n from ${sql.table(table)}`.execute(t.db);
      expect(health.rows[table], table).toBe(counted.rows[0]?.n);
    }
    expect(health.rows.regions).toBe(t.seed.regions);
    const years = await sql<{ y: number }>`
      select distinct year::integer as y from village_index order by y`.execute(t.db);
    expect(health.years?.list).toEqual(years.rows.map((r) => r.y));
  });

  it('reports the store version the request leased, and null without one', async () => {
    expect((await t.caller.health()).version).toBeNull();
    const leased = createCaller({
      ...t.ctx,
      version: 3,
      dbPath: '/srv/data/versions/v000003.duckdb',
    });
    const health = await leased.health();
    expect([health.version, health.file]).toEqual([3, 'v000003.duckdb']);
  });

  it('is never cached: a new data version shows at once', async () => {
    await t.caller.health();
    await sql`update dataset_meta set value = '7' where key = 'data_version'`.execute(t.db);
    expect((await t.caller.health()).dataVersion).toBe(7);
    expect(t.cache?.size).toBe(0);
  });
});
