import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { planTiles, planTilesHeight, type PlanTilesOptions } from './plan-tiles.js';

// Six districts of Kabupaten Blitar with made-up event counts, one with none.
const base: PlanTilesOptions = {
  id: 'plan-map',
  width: 640,
  title: 'Events planned by district',
  desc: 'Kademangan 12 events, ...',
  tiles: [
    { code: '35.05.01', name: 'Bakung', events: 3 },
    { code: '35.05.02', name: 'Wonotirto', events: 0 },
    { code: '35.05.03', name: 'Panggungrejo', events: 7 },
    { code: '35.05.04', name: 'Kademangan', events: 12, detail: 'gain 0.41' },
    { code: '35.05.05', name: 'Sutojayan', events: 1 },
    { code: '35.05.06', name: 'Kesamben & a very long district name', events: 5 },
  ],
  format: (v) => String(v),
  labels: { legend: 'Events', none: 'no events', empty: 'No plan' },
};

describe('planTiles', () => {
  it('draws the districts coloured by events (snapshot)', async () => {
    await expectSvgSnapshot('plan-tiles', planTiles(base));
  });

  it('wraps to a narrow screen and says when there is nothing to draw (snapshots)', async () => {
    await expectSvgSnapshot('plan-tiles-narrow', planTiles({ ...base, width: 320 }));
    await expectSvgSnapshot('plan-tiles-empty', planTiles({ ...base, tiles: [] }));
  });

  it('names every tile with its count for screen readers', () => {
    const svg = planTiles(base);
    expect(svg).toContain('aria-label="Kademangan: 12 (gain 0.41)"');
    expect(svg).toContain('aria-label="Wonotirto: no events"');
    expect(svg.match(/role="listitem"/g)).toHaveLength(6);
  });

  it('grows a row per wrap and refuses bad counts', () => {
    expect(planTilesHeight(640, 6)).toBe(planTilesHeight(640, 1));
    expect(planTilesHeight(320, 6)).toBeGreaterThan(planTilesHeight(640, 6));
    expect(() =>
      planTiles({ ...base, tiles: [{ code: '35.05.01', name: 'Bakung', events: 1.5 }] }),
    ).toThrow('invalid events for 35.05.01: 1.5');
  });
});
