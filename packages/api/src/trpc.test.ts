import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { openServedDatabase } from '@pandu/db';
import { createInnerContext } from './context.js';
import { createCaller } from './create-caller.js';

// Issue 13, finding 2: the wait for a pooled connection is bounded (503 beyond it), and health has
// a connection of its own. (Request order itself is tested in the db package's driver test.)
describe('publicProcedure and the connection pool', () => {
  it('refuses a request beyond the queue with SERVICE_UNAVAILABLE while health still answers', async () => {
    const { db, health } = await openServedDatabase(':memory:', { poolSize: 1, maxQueued: 1 });
    const caller = createCaller(
      createInnerContext({ db, healthDb: health, dbPath: ':memory:', cache: null }),
    );
    try {
      // Every pooled connection busy: a transaction holds the only one.
      const trx = await db.startTransaction().execute();
      const queued = caller.regions.children({});
      const refused = await caller.regions.children({}).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TRPCError);
      expect((refused as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
      expect((refused as TRPCError).message).toBe(
        'the server is busy (its queue of 1 waiting requests is full); try again shortly',
      );
      // Health has a connection of its own; framework.get reads no database.
      expect((await caller.health()).file).toBe(':memory:');
      expect(await caller.framework.get()).toBeTruthy();
      await trx.commit().execute();
      expect(await queued).toEqual([]);
    } finally {
      await health.destroy();
      await db.destroy();
    }
  });

  it('answers SERVICE_UNAVAILABLE, not an internal error, once the database is closing', async () => {
    const controller = new AbortController();
    const { db, health } = await openServedDatabase(':memory:', { signal: controller.signal });
    const caller = createCaller(createInnerContext({ db, dbPath: ':memory:', cache: null }));
    try {
      controller.abort();
      const error = await caller.regions.children({}).catch((e: unknown) => e);
      expect((error as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
      expect((error as TRPCError).message).toBe('the server is shutting down; try again shortly');
    } finally {
      await health.destroy();
      await db.destroy();
    }
  });
});
