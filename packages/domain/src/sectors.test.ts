import { describe, expect, it } from 'vitest';
import { SECTORS, Sector, sectorLabel } from './sectors.js';

describe('Sector', () => {
  it('has the four sectors of the 2021 events', () => {
    expect(Sector.options).toEqual(['pendidikan', 'umkm', 'pertanian', 'desa_wisata_digital']);
  });

  for (const other of ['kesehatan', 'pariwisata', 'perikanan', 'UMKM', '']) {
    it(`rejects ${JSON.stringify(other)}`, () => {
      expect(Sector.safeParse(other).success).toBe(false);
    });
  }
});

describe('SECTORS', () => {
  it('lists every sector once, in Sector order', () => {
    expect(SECTORS.map((s) => s.code)).toEqual(Sector.options);
  });
});

describe('sectorLabel', () => {
  const cases: [code: Sector, id: string, en: string][] = [
    ['pendidikan', 'Pendidikan', 'Education'],
    ['umkm', 'UMKM', 'Micro, small and medium enterprises'],
    ['pertanian', 'Pertanian / Peternakan', 'Agriculture / livestock'],
    ['desa_wisata_digital', 'Desa Wisata dan Desa Digital', 'Tourism village and digital village'],
  ];
  for (const [code, id, en] of cases) {
    it(`${code}: ${id} / ${en}`, () => {
      expect(sectorLabel(code, 'id')).toBe(id);
      expect(sectorLabel(code, 'en')).toBe(en);
    });
  }

  it('defaults to Bahasa Indonesia', () => {
    expect(sectorLabel('pertanian')).toBe('Pertanian / Peternakan');
  });

  it('names an unknown sector from an untyped caller', () => {
    expect(() => sectorLabel('kesehatan' as Sector)).toThrow('unknown sector: kesehatan');
  });
});
