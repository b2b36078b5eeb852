import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestContext } from '../testing/api-test-context.js';

describe('published router', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext();
  });
  afterAll(() => t?.cleanup());

  it('lists the published IP-TIK 2024 provinces as stored, labelled published', async () => {
    const figures = await t.caller.published.list({
      dataset: 'iptik',
      year: 2024,
      scope: 'province',
    });
    const stored = await sql<{ region_code: string; value: number }>`
      select region_code, value from published_figures
      where dataset = 'iptik' and year = 2024 and region_code is not null order by region_code`.execute(
      t.db,
    );
    expect(figures.map((f) => [f.regionCode, f.value])).toEqual(
      stored.rows.map((r) => [r.region_code, r.value]),
    );
    expect(figures.every((f) => f.source === 'published' && f.citation.length > 0)).toBe(true);
  });

  it('rejects an unknown dataset naming the field', async () => {
    await expect(t.caller.published.list({ dataset: 'bps' as 'iptik' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('dataset'),
    });
  });
});
