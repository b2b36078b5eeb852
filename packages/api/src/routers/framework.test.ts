import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIVIDE_LEVELS,
  Indicator,
  INDEX_MEASURES,
  IndicatorId,
  MEASURE_SCALES,
  SECTORS,
} from '@pandu/domain';
import { emptyApiTestContext } from '../testing/api-test-context.js';

describe('framework router', () => {
  let t: Awaited<ReturnType<typeof emptyApiTestContext>>;
  beforeAll(async () => {
    t = await emptyApiTestContext();
  });
  afterAll(() => t?.cleanup());

  it('serves the domain framework: every indicator valid, labelled in both languages', async () => {
    const framework = await t.caller.framework.get();
    expect(Object.keys(framework.levels)).toEqual([...DIVIDE_LEVELS]);
    expect(framework.indicators.map((i) => i.id)).toEqual(IndicatorId.options);
    for (const indicator of framework.indicators) {
      expect(Indicator.parse(indicator)).toEqual(indicator);
      expect(indicator.labels.id.length).toBeGreaterThan(0);
      expect(indicator.labels.en.length).toBeGreaterThan(0);
      expect(indicator.labels.id).not.toBe(indicator.labels.en);
    }
    expect(framework.indicators[0]?.labels).toEqual({ id: 'Sinyal 4G', en: '4G signal' });
  });

  it('lists the measures with their scales and the sectors, as plain JSON', async () => {
    const framework = await t.caller.framework.get();
    expect(framework.measures).toEqual(INDEX_MEASURES.map((id) => ({ id, ...MEASURE_SCALES[id] })));
    expect(framework.sectors).toEqual(SECTORS);
    // What a client without a transformer receives is what the procedure returned.
    expect(JSON.parse(JSON.stringify(framework))).toEqual(framework);
  });
});
