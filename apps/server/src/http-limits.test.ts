import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTimeoutError } from '@pandu/db';
import {
  createApiServer,
  DEFAULT_LIMITS,
  type ContextSource,
  type HttpLimits,
} from './http-server.js';
import { emptyApiTestContext } from '@pandu/api/testing';

// A statement DuckDB would run for hours: it only stops when interrupted.
const RUNAWAY = sql`select count(*) as n from range(1000000000000) t(x) where hash(x) = 0`;
// Long enough that the health requests below finish first even on a loaded CI machine: the
// tests check the order of events and the messages, never how long something took.
const QUERY_TIMEOUT_MS = 3000;

describe('time limits and the event loop', () => {
  let t: Awaited<ReturnType<typeof emptyApiTestContext>>;
  const servers: Server[] = [];
  const listen = async (limits: HttpLimits = DEFAULT_LIMITS, contexts: ContextSource = t.ctx) => {
    const server = createApiServer(contexts, limits);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  beforeAll(async () => {
    t = await emptyApiTestContext({ queryTimeoutMs: QUERY_TIMEOUT_MS });
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await t?.cleanup();
  });

  it('answers health while a heavy query runs, and the heavy query is interrupted', async () => {
    const base = await listen();
    let heavySettled = false;
    const heavy = RUNAWAY.execute(t.db).finally(() => {
      heavySettled = true;
    });
    heavy.catch(() => undefined);
    await sleep(200);
    const [live, health] = await Promise.all([
      fetch(`${base}/health`),
      fetch(`${base}/trpc/health`),
    ]);
    expect(live.status).toBe(200);
    expect(health.status).toBe(200);
    // Both answered while the runaway query was still running: DuckDB works on its own threads
    // and the event loop stayed free.
    expect(heavySettled).toBe(false);
    await expect(heavy).rejects.toBeInstanceOf(QueryTimeoutError);
  });

  it('stops a runaway query of a procedure: 408 TIMEOUT, no SQL, and the pool keeps serving', async () => {
    const base = await listen();
    // Plant the runaway behind a table `health` counts.
    await sql`drop table planted_effects`.execute(t.db);
    await sql`create view planted_effects as
      select 'umkm' as sector, 'digital_skills' as indicator, 0.0 as effect
      from range(1000000000000) t(x) where hash(x) = 0`.execute(t.db);
    try {
      const res = await fetch(`${base}/trpc/health`);
      expect(res.status).toBe(408);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({
        error: {
          data: { code: 'TIMEOUT' },
          message: expect.stringContaining(`${QUERY_TIMEOUT_MS} ms`),
        },
      });
      expect(text).not.toMatch(/select|range|hash|planted_effects|\bat /i);

      // A request deadline shorter than the query timeout answers first; the request holds its
      // database version until its query has stopped, not only until it is answered.
      let held = 0;
      const quick = await listen({ ...DEFAULT_LIMITS, requestTimeoutMs: 300 }, () => {
        held++;
        return { ctx: t.ctx, release: () => held-- };
      });
      const cut = await fetch(`${quick}/trpc/health`);
      expect(cut.status).toBe(408);
      expect(((await cut.json()) as { error: { message: string } }).error.message).toBe(
        'request not answered within 300 ms',
      );
      expect(held, 'released while its query still ran').toBe(1);
      for (let i = 0; i < 100 && held > 0; i++) await sleep(QUERY_TIMEOUT_MS / 20);
      expect(held).toBe(0);
    } finally {
      await sleep(QUERY_TIMEOUT_MS);
      await sql`drop view planted_effects`.execute(t.db);
      await sql`create table planted_effects (sector varchar not null, indicator varchar not null, effect double not null)`.execute(
        t.db,
      );
    }
    // Every connection of the pool is free again.
    const after = await Promise.all(Array.from({ length: 6 }, () => fetch(`${base}/trpc/health`)));
    expect(after.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });
});
