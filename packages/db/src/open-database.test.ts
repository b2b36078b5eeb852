import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, openServedDatabase } from './open-database.js';

describe('openDatabase threads', () => {
  it("sets DuckDB's threads for the instance, the health connection's too", async () => {
    const { db, health } = await openServedDatabase(':memory:', { threads: 1 });
    try {
      const setting = sql<{
        threads: number;
      }>`select current_setting('threads')::integer as threads`;
      expect((await setting.execute(db)).rows).toEqual([{ threads: 1 }]);
      expect((await setting.execute(health)).rows).toEqual([{ threads: 1 }]);
    } finally {
      await health.destroy();
      await db.destroy();
    }
  });

  it('refuses a thread count that is not a positive integer, naming it', async () => {
    for (const threads of [0, -1, 1.5, Number.NaN]) {
      await expect(openDatabase(':memory:', { threads })).rejects.toThrow(
        `invalid threads: ${threads}`,
      );
    }
  });
});
