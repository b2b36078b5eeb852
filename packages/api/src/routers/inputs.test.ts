import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './_app.js';
import { apiTestContext } from '../testing/api-test-context.js';

describe('procedure inputs', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext();
  });
  afterAll(() => t?.cleanup());

  // Issue 13, finding 8: `GET /trpc/regions.children` without `input` was a 400 although every
  // field is optional. Derived from the router, so a new procedure is covered too.
  it('takes no input at all wherever every field is optional', () => {
    const procedures = Object.entries(appRouter._def.procedures as unknown as object) as Array<
      [string, { _def: { inputs: z.ZodType[] } }]
    >;
    const omittable = procedures.filter(([, p]) =>
      p._def.inputs.every((schema) => schema.safeParse({}).success),
    );
    expect(omittable.map(([path]) => path)).toEqual(
      expect.arrayContaining(['regions.children', 'published.list', 'index.timeseries']),
    );
    for (const [path, p] of omittable) {
      for (const schema of p._def.inputs) {
        const none = schema.safeParse(undefined);
        expect(none.success, path).toBe(true);
        expect(none.data, path).toEqual(schema.parse({}));
      }
    }
  });

  it('answers regions.children and published.list called without an argument', async () => {
    expect(await t.caller.regions.children()).toEqual(await t.caller.regions.children({}));
    expect(await t.caller.published.list()).toEqual(await t.caller.published.list({}));
  });
});
