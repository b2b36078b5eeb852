import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importObservations } from '@pandu/db';
import { createCaller } from '../create-caller.js';
import { apiTestContext } from '../testing/api-test-context.js';

// Issue 10's 2027 case through the API: one village's four skills pillars imported for 2027.
// Every procedure that returns years says 2027 is partial (`coverage`), and none takes it as its
// default or end year, or fits it, unless asked.
describe('partial years (one village imported for 2027)', () => {
  let t: Awaited<ReturnType<typeof apiTestContext>>;
  beforeAll(async () => {
    t = await apiTestContext({ writable: true });
    const file = join(t.dir, '2027.csv');
    await writeFile(
      file,
      ['village_code,year,indicator,value']
        .concat(
          ['digital_skills', 'digital_ethics', 'digital_safety', 'digital_culture'].map(
            (indicator) => `35.05.04.2014,2027,${indicator},3.5`,
          ),
        )
        .join('\n'),
    );
    await importObservations(t.db, file);
  });
  afterAll(() => t?.cleanup());

  it('health: 2027 is listed, partial, and the latest complete year stays 2025', async () => {
    const { years } = await t.caller.health();
    expect(years?.last).toBe(2027);
    expect(years?.complete).toBe(2025);
    expect(years?.completeCoverage).toBe(0.9);
    expect(years?.coverage.at(-1)).toMatchObject({ year: 2027, villages: 1, complete: false });
    expect(years?.byMeasure.digital_safety.complete).toBe(2025);
    expect(years?.byMeasure.access_index.coverage.at(-1)).toMatchObject({
      year: 2027,
      villages: 0,
    });
    expect(years?.lastPublished).toBe(2023);
    expect(years?.extrapolated).toEqual([2024, 2025]);
  });

  it('index.timeseries carries coverage per year and marks 2027', async () => {
    const series = await t.caller.index.timeseries({ code: '35' });
    expect(series.map((p) => [p.year, p.complete])).toEqual([
      [2020, true],
      [2021, true],
      [2022, true],
      [2023, true],
      [2024, true],
      [2025, true],
      [2027, false],
    ]);
    expect(series.at(-1)?.coverage).toBeGreaterThan(0);
    expect(series.at(-1)?.coverage).toBeLessThan(0.001);
  });

  it('divide.convergence fits the complete years and names the partial one it left out', async () => {
    const c = await t.caller.divide.convergence({ code: '35' });
    expect(c.fit.years.at(-1)).toBe(2025);
    expect(c.fit.partialExcluded).toEqual([2027]);
    expect(c.beta.lastYear).toBe(2025);
    expect(c.coverage.map((y) => y.year)).toEqual(c.sigma.years.map((y) => y.year));
    // The API passes includePartial through (with the old `pillar` name for the measure too).
    await expect(
      t.caller.divide.convergence({ code: '35', pillar: 'skills_index', includePartial: true }),
    ).rejects.toThrow(/in 2020 and 2027/);
  });

  it('divide.childConvergence ends at 2025 and mentoring.priorities ranks 2025', async () => {
    const child = await t.caller.divide.childConvergence({ code: '35' });
    expect([child.firstYear, child.lastYear]).toEqual([2020, 2025]);
    expect(child.partialExcluded).toEqual([2027]);
    expect(child.children.length).toBeGreaterThan(30);
    const village = await t.caller.villages.profile({ code: '35.05.04.2014' });
    expect(village.rank?.year).toBe(2025);
    const priorities = await t.caller.mentoring.priorities({ code: '35.05' });
    expect(priorities.year).toBe(2025);
    expect(priorities.coverage.complete).toBe(true);
  });

  it('takes the threshold from the context (the server passes PANDU_COMPLETE_COVERAGE)', async () => {
    const strict = createCaller(Object.assign({}, t.ctx, { completeCoverage: 1 }));
    const { years } = await strict.health();
    expect(years?.completeCoverage).toBe(1);
    expect(years?.complete).toBeNull();
    const lax = createCaller(Object.assign({}, t.ctx, { completeCoverage: 0.00001 }));
    expect((await lax.health()).years?.complete).toBe(2027);
  });
});
