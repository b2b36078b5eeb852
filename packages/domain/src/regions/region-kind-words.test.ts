import { describe, expect, it } from 'vitest';
import { REGION_KIND_WORDS, regencyKind, regionIsKind } from './region-kind-words.js';

describe('REGION_KIND_WORDS', () => {
  it('reads the kind abbreviations of the issue: kab, kota, kec, desa, kel', () => {
    const word = (w: string) => {
      const k = REGION_KIND_WORDS[w];
      if (!k) throw new Error(`no kind word ${w}`);
      return k;
    };
    expect(regionIsKind(word('kab'), 'regency', null, 'Kabupaten Blitar')).toBe(true);
    expect(regionIsKind(word('kab'), 'regency', null, 'Kota Blitar')).toBe(false);
    expect(regionIsKind(word('kota'), 'regency', null, 'Kota Malang')).toBe(true);
    expect(regionIsKind(word('kota'), 'regency', null, 'Kota Administrasi Jakarta Pusat')).toBe(
      true,
    );
    expect(regionIsKind(word('kota'), 'village', 'kelurahan', 'Kota Baru')).toBe(false);
    expect(regionIsKind(word('kec'), 'district', null, 'Kademangan')).toBe(true);
    expect(regionIsKind(word('desa'), 'village', 'desa', 'Plosorejo')).toBe(true);
    expect(regionIsKind(word('desa'), 'village', 'desa_adat', 'Kampung Adat')).toBe(true);
    expect(regionIsKind(word('desa'), 'village', 'kelurahan', 'Kepanjen')).toBe(false);
    expect(regionIsKind(word('kel'), 'village', 'kelurahan', 'Kepanjen')).toBe(true);
    expect(regionIsKind(word('prov'), 'province', null, 'Jawa Timur')).toBe(true);
  });

  it('tells a kota from a kabupaten by the first word of its name only', () => {
    expect(regencyKind('Kabupaten Kotabaru')).toBe('kabupaten');
    expect(regencyKind('Kota Administrasi Jakarta Barat')).toBe('kota');
    expect(regencyKind('kota blitar')).toBe('kota');
  });
});
