import { sql } from 'kysely';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { divideSummary, NoDataError, QueryTimeoutError, UnknownRegionError } from '@pandu/db';
import { createCaller } from './create-caller.js';
import { cachedResult, ResultCache } from './result-cache.js';
import { apiTestContext } from './testing/api-test-context.js';

describe('ResultCache', () => {
  it('keeps a failure only when told it is deterministic', async () => {
    const cache = new ResultCache(10);
    let runs = 0;
    const fail = (error: Error) => () => {
      runs++;
      return Promise.reject(error);
    };
    const keep = (error: unknown) => error instanceof NoDataError;
    for (let i = 0; i < 3; i++) {
      await expect(cache.get('a', fail(new NoDataError('no data')), keep)).rejects.toThrow();
    }
    expect(runs).toBe(1);
    for (let i = 0; i < 3; i++) {
      await expect(cache.get('b', fail(new Error('flaky')), keep)).rejects.toThrow();
    }
    expect(runs).toBe(4);
  });
});

// Issue 13, finding 7: a repeated no-data question re-ran its SQL every time, and any float (or
// key order) made a new cache key.
describe('the result cache of the procedures', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext({ cache: true, writable: true });
  });
  afterAll(() => t?.cleanup());
  const misses = () => t.cache?.misses ?? 0;

  it('caches a NOT_FOUND answer per data version, like a success', async () => {
    const before = misses();
    for (let i = 0; i < 3; i++) {
      await expect(t.caller.divide.summary({ code: '35.05', year: 2031 })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('2031') as string,
      });
      await expect(t.caller.regions.get({ code: '35.99' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'unknown region code: 35.99',
      });
    }
    expect(misses() - before).toBe(2);
    // A new data version (an import) asks again.
    await sql`update dataset_meta set value = '2' where key = 'data_version'`.execute(t.db);
    await expect(t.caller.regions.get({ code: '35.99' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(misses() - before).toBe(3);
  });

  it('does not cache a transient failure: a timeout or an internal error is asked again', async () => {
    for (const error of [
      new QueryTimeoutError(100),
      new Error('Catalog Error: table gone'),
      new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'busy' }),
    ]) {
      let runs = 0;
      const compute = () => {
        runs++;
        return Promise.reject(error);
      };
      await expect(
        cachedResult(t.ctx, 'test.transient', { e: error.message }, compute),
      ).rejects.toBe(error);
      await expect(
        cachedResult(t.ctx, 'test.transient', { e: error.message }, compute),
      ).rejects.toBe(error);
      expect(runs, error.message).toBe(2);
    }
    // A deterministic refusal is kept.
    let runs = 0;
    const unknown = () => {
      runs++;
      return Promise.reject(new UnknownRegionError('35.98'));
    };
    await expect(cachedResult(t.ctx, 'test.unknown', {}, unknown)).rejects.toThrow();
    await expect(cachedResult(t.ctx, 'test.unknown', {}, unknown)).rejects.toThrow();
    expect(runs).toBe(1);
  });

  it('keys inputs alike whatever their key order or the old field names', async () => {
    const before = misses();
    const a = await t.caller.divide.summary({
      code: '35.05',
      year: 2024,
      measure: 'digital_skills',
      kind: 'desa',
    });
    const b = await t.caller.divide.summary({
      kind: 'desa',
      pillar: 'digital_skills',
      year: 2024,
      code: '35.05',
    });
    expect(b).toEqual(a);
    expect(misses() - before).toBe(1);
  });

  it("rounds a threshold to its measure's step before keying, and answers for the rounded value", async () => {
    const before = misses();
    const near = await t.caller.divide.summary({ code: '35.05', year: 2024, threshold: 3.0000001 });
    const exact = await t.caller.divide.summary({ code: '35.05', year: 2024, threshold: 3 });
    expect(exact).toEqual(near);
    expect(near.threshold).toBe(3);
    expect(misses() - before).toBe(1);
    // The answer is the query's for the rounded threshold, not a neighbour's from the cache.
    const direct = await divideSummary(t.db, { code: '35.05', year: 2024, threshold: 3.49 });
    const rounded = await t.caller.divide.summary({ code: '35.05', year: 2024, threshold: 3.4949 });
    expect(rounded.threshold).toBe(3.49);
    expect(rounded.shareBelow).toBe(direct.shareBelow);
    // 0.1 on a 0-100 scale.
    const access = await t.caller.divide.summary({
      code: '35.05',
      year: 2024,
      measure: 'access_index',
      threshold: 49.96,
    });
    expect(access.threshold).toBe(50);
    const convergence = await t.caller.divide.convergence({ code: '35.05', threshold: 2.999 });
    expect(convergence.threshold).toBe(3);
    const m1 = misses();
    const p1 = await t.caller.mentoring.priorities({ code: '35.05', minAccess: 49.96 });
    const p2 = await t.caller.mentoring.priorities({ code: '35.05', minAccess: 50 });
    expect(p2).toEqual(p1);
    expect(misses() - m1).toBe(1);
  });

  it('keys by the store version when the context has one: a rollback repeats data_version', async () => {
    // Versions 2 and 4 of a store hold different data under one data_version (2 was an import,
    // 3 a rollback to 1, 4 another import): keyed by data_version, 4 would be answered 2's
    // results.
    const input = { code: '35.05' };
    const before = misses();
    const v2 = createCaller({ ...t.ctx, version: 2 });
    const v4 = createCaller({ ...t.ctx, version: 4 });
    await v2.regions.get(input);
    await v2.regions.get(input);
    expect(misses() - before).toBe(1);
    await v4.regions.get(input);
    expect(misses() - before).toBe(2);
    // The data_version is not what keys it: a changed one does not ask again.
    await sql`update dataset_meta set value = '99' where key = 'data_version'`.execute(t.db);
    await v4.regions.get(input);
    expect(misses() - before).toBe(2);
    // A context without a store version is keyed apart from one with: version 99 is not data_version 99.
    await createCaller({ ...t.ctx, version: 99 }).regions.get(input);
    await t.caller.regions.get(input);
    expect(misses() - before).toBe(4);
  });
});
