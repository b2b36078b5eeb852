import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { PROVINCE_TILES, TILE_COLUMNS, TILE_ROWS } from './province-tiles.js';
import { tileMap, type TileMapOptions } from './tile-map.js';

// IP-TIK 2024 of a few provinces (reference/iptik-province-2024.csv), the rest without data.
const base: TileMapOptions = {
  id: 'map',
  width: 640,
  title: 'IP-TIK 2024 by province',
  desc: 'Tile map',
  values: [
    { code: '31', name: 'DKI Jakarta', value: 7.88, href: '/wilayah/31' },
    { code: '34', name: 'DI Yogyakarta', value: 7.3, href: '/wilayah/34' },
    { code: '35', name: 'Jawa Timur', value: 5.93, href: '/wilayah/35' },
    { code: '91', name: 'Papua', value: 3.56, href: '/wilayah/91' },
    { code: '53', name: 'Nusa Tenggara Timur', value: null },
  ],
  format: (v) => v.toFixed(2),
  labels: { noData: 'No data', legend: 'IP-TIK' },
  highlight: '35',
};

describe('PROVINCE_TILES', () => {
  it('has the 38 provinces once each, on distinct cells', () => {
    expect(PROVINCE_TILES).toHaveLength(38);
    expect(new Set(PROVINCE_TILES.map((t) => t.code)).size).toBe(38);
    expect(new Set(PROVINCE_TILES.map((t) => `${t.col},${t.row}`)).size).toBe(38);
    for (const t of PROVINCE_TILES) {
      expect(t.col).toBeLessThan(TILE_COLUMNS);
      expect(t.row).toBeLessThan(TILE_ROWS);
    }
  });
});

describe('tileMap', () => {
  it('colours provinces with data, greys the rest, links and outlines', async () => {
    const svg = tileMap(base);
    await expectSvgSnapshot('tile-map', svg);
    expect(svg.match(/<a /g)).toHaveLength(4);
    expect(svg).toContain('aria-label="Jawa Timur: 5.93"');
    expect(svg).toContain('<title>Nusa Tenggara Timur: No data</title>');
    expect(svg).toMatch(/^<svg[^>]+role="group"/);
  });

  it('labels tiles with codes at 360 px', async () => {
    const svg = tileMap({ ...base, width: 360 });
    await expectSvgSnapshot('tile-map-narrow', svg);
    expect(svg).not.toContain('>JATIM<');
    expect(svg).toContain('>35<');
  });

  it('draws one region and no data without dividing by zero', () => {
    const one = tileMap({ ...base, values: [{ code: '35', name: 'Jawa Timur', value: 3.7 }] });
    expect(one).not.toContain('NaN');
    const none = tileMap({ ...base, values: [], highlight: undefined });
    expect(none).not.toContain('NaN');
    expect(none.match(/stroke-dasharray="3 2"/g)?.length).toBe(39); // 38 tiles + legend swatch
  });

  it('refuses an unknown province', () => {
    expect(() => tileMap({ ...base, values: [{ code: '99', name: 'X', value: 1 }] })).toThrow(
      'unknown province code: 99',
    );
  });
});
