import { describe, expect, it } from 'vitest';
import { expectSvgSnapshot } from '../../../test/svg-snapshot.js';
import { NO_DATA_FILL, sequential, sequentialPublished } from './palette.js';
import { PROVINCE_TILES, TILE_COLUMNS, TILE_ROWS } from './province-tiles.js';
import { tileMap, tileMapHeight, type TileMapOptions } from './tile-map.js';

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

// IP-TIK 2024 as the nation page shows it: Papua (91) and Papua Barat (92) as published, the
// four provinces split off in 2022 with their parent's figure and a note; 0-10 scale.
const published: TileMapOptions = {
  ...base,
  id: 'iptik',
  title: 'IP-TIK 2024 (BPS, published) by province',
  domain: [0, 10],
  color: sequentialPublished,
  values: [
    { code: '31', name: 'DKI Jakarta', value: 7.88 },
    { code: '35', name: 'Jawa Timur', value: 6.07, href: '/wilayah/35' },
    { code: '91', name: 'Papua', value: 3.56 },
    { code: '92', name: 'Papua Barat', value: 5.61 },
    ...['93', '94', '95'].map((code) => ({
      code,
      name: `Province ${code}`,
      value: 3.56,
      note: 'figure of Papua before the 2022 split',
    })),
    {
      code: '96',
      name: 'Papua Barat Daya',
      value: 5.61,
      note: 'figure of Papua Barat before the 2022 split',
    },
    { code: '53', name: 'Nusa Tenggara Timur', value: null },
  ],
  labels: {
    noData: 'No data',
    legend: 'IP-TIK 2024 (BPS, published)',
    note: "parent province's figure, before the 2022 split",
  },
  highlight: undefined,
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
    expect(svg).toContain('<title>Nusa Tenggara Timur (53): No data</title>');
    expect(svg).toMatch(/^<svg[^>]+role="group"/);
  });

  it('labels tiles with short names at 360 px too, never a bare code; the code is in the tooltip', async () => {
    const svg = tileMap({ ...base, width: 360 });
    await expectSvgSnapshot('tile-map-narrow', svg);
    expect(svg).toContain('>Jatim<');
    expect(svg).not.toMatch(/>\d\d</);
    expect(svg).toContain('<title>Jawa Timur (35): 5.93</title>');
    // Every label fits its tile and the gap beside it (25.5 px here; estimated as the chart does),
    // cut with a dot when it must be.
    const labels = [...svg.matchAll(/font-size="([\d.]+)" font-weight="600"[^>]*>([^<]+)</g)];
    expect(labels.length).toBe(38);
    for (const [, size, text] of labels) {
      expect(Number(size) * text!.length * 0.58, text).toBeLessThanOrEqual(25.5);
    }
    expect(svg).toContain('>Goron.<');
  });

  it('draws one region and no data without dividing by zero', () => {
    const one = tileMap({ ...base, values: [{ code: '35', name: 'Jawa Timur', value: 3.7 }] });
    expect(one).not.toContain('NaN');
    const none = tileMap({ ...base, values: [], highlight: undefined });
    expect(none).not.toContain('NaN');
    expect(none.match(/stroke-dasharray="3 2"/g)?.length).toBe(39); // 38 tiles + legend swatch
  });

  it('outlines the selected provinces and fades the others, each tile keeping its page', async () => {
    const svg = tileMap({
      ...base,
      highlight: undefined,
      selected: ['34', '91'],
      selectedWord: 'selected',
      values: base.values.map((v) => ({
        ...v,
        href: `/?pilih=${v.code}`,
        drill: `/wilayah/${v.code}`,
      })),
    });
    await expectSvgSnapshot('tile-map-selected', svg);
    expect(svg).toContain('aria-label="Papua: 3.56 (selected)"');
    expect(svg.match(/data-selected="true"/g)).toHaveLength(2);
    // Every other tile of the 38 is faded, those without data too, its label dark on the pale fill.
    expect(svg.match(/fill-opacity="0.35"/g)).toHaveLength(36);
    const jakarta = svg.slice(
      svg.indexOf('data-code="31"'),
      svg.indexOf('</g>', svg.indexOf('data-code="31"')),
    );
    expect(jakarta).toContain('fill="#1a1a1a"');
    expect(jakarta).not.toContain('fill="#ffffff"');
    expect(svg).toContain('data-drill="/wilayah/35"');
  });

  it('refuses an unknown province', () => {
    expect(() => tileMap({ ...base, values: [{ code: '99', name: 'X', value: 1 }] })).toThrow(
      'unknown province code: 99',
    );
  });

  it('draws published figures on their own scale, starring the split provinces', async () => {
    const svg = tileMap(published);
    await expectSvgSnapshot('tile-map-published', svg);
    expect(svg).toContain(
      '<title>Papua Barat Daya (96): 5.61 (figure of Papua Barat before the 2022 split)</title>',
    );
    expect(svg).toContain('<title>Papua (91): 3.56</title>');
    expect(svg).toContain('aria-label="Jawa Timur: 6.07"');
    expect(svg.match(/>3\.56\*</g)).toHaveLength(3);
    expect(svg).toContain('>5.61*<');
    expect(svg).toContain('* parent province&#39;s figure, before the 2022 split');
    // The province without a figure stays grey and says so.
    expect(svg).toContain('<title>Nusa Tenggara Timur (53): No data</title>');
    // Coloured on the published scale over 0-10, not on the village data's scale.
    expect(svg).toContain(`fill="${sequentialPublished(0.607)}"`);
    expect(svg).not.toContain(`fill="${sequential(0.607)}"`);
    // The legend runs 0 to 10 whatever the values.
    expect(svg).toContain('>0.00<');
    expect(svg).toContain('>10.00<');
    expect(svg).toMatch(new RegExp(`height="${tileMapHeight(640, 1)}"`));
  });

  it('draws no footnote when no tile has a note, or when there are no words for it', () => {
    const plain = tileMap(base);
    expect(plain).not.toContain('*');
    expect(plain).toMatch(new RegExp(`height="${tileMapHeight(640)}"`));
    const unexplained = tileMap({
      ...base,
      values: [{ code: '96', name: 'Papua Barat Daya', value: 5.61, note: 'of Papua Barat' }],
    });
    expect(unexplained).toContain('<title>Papua Barat Daya (96): 5.61 (of Papua Barat)</title>');
    expect(tileMapHeight(640, 1)).toBeGreaterThan(tileMapHeight(640));
    expect(unexplained).toMatch(new RegExp(`height="${tileMapHeight(640)}"`));
  });

  it('keeps a noted tile without a value grey', () => {
    const svg = tileMap({
      ...base,
      values: [{ code: '94', name: 'Papua Tengah', value: null, note: 'figure of Papua' }],
      labels: { ...base.labels, note: 'parent figure' },
    });
    expect(svg).toContain('<title>Papua Tengah (94): No data (figure of Papua)</title>');
    expect(svg).toContain('>–*<');
    expect(svg.match(new RegExp(`fill="${NO_DATA_FILL}"`, 'g'))?.length).toBe(39);
  });

  it('gives "no data" a row of its own when a long legend title leaves it no room', async () => {
    // The page's Indonesian words, whose title is the longest.
    const svg = tileMap({
      ...published,
      width: 360,
      labels: {
        noData: 'Tidak ada data',
        legend: 'IP-TIK 2024, skala 0-10 (BPS, dipublikasikan)',
        note: 'angka provinsi induk sebelum pemekaran 2022',
      },
    });
    await expectSvgSnapshot('tile-map-published-narrow', svg);
    // Two rows below the colour scale: "no data", then the footnote.
    expect(svg).toMatch(new RegExp(`height="${tileMapHeight(360, 2)}"`));
    const noData = /<g transform="translate\(([\d.]+),([\d.]+)\)"><rect width="14"/.exec(svg);
    const footnote = /<text x="3" y="([\d.]+)"[^>]*>\* /.exec(svg);
    expect(noData?.[1]).toBe('3');
    expect(Number(footnote?.[1])).toBeGreaterThan(Number(noData?.[2]) + 9);
    // The short title of the wide map keeps "no data" beside it.
    expect(tileMap(base)).toMatch(
      /<g transform="translate\((?!3,)[\d.]+,[\d.]+\)"><rect width="14"/,
    );
  });
});
