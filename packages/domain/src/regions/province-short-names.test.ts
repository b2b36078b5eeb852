import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVINCE_SHORT_NAMES, provinceShortName } from './province-short-names.js';
import { REGION_KIND_WORDS } from './region-kind-words.js';

// The province list of idn-area-data (ODbL): code,name per line, no quoted fields in this file.
const provincesCsv = join(
  dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')),
  'data',
  'provinces.csv',
);
const PROVINCES = readFileSync(provincesCsv, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [code = '', name = ''] = line.split(',');
    return { code, name: name.trim() };
  });

describe('PROVINCE_SHORT_NAMES', () => {
  it('names each of the 38 provinces of idn-area-data once, in code order', () => {
    expect(PROVINCES).toHaveLength(38);
    expect(PROVINCE_SHORT_NAMES.map((p) => p.code)).toEqual(PROVINCES.map((p) => p.code));
  });

  it('gives no two provinces the same form, and no form is a kind word', () => {
    const forms = PROVINCE_SHORT_NAMES.flatMap((p) => [p.short, ...p.also]).map((f) =>
      f.toLowerCase(),
    );
    expect(new Set(forms).size).toBe(forms.length);
    for (const form of forms) expect(REGION_KIND_WORDS[form]).toBeUndefined();
  });

  it('keeps the name where nobody shortens it, and the press forms elsewhere', () => {
    for (const p of PROVINCE_SHORT_NAMES) {
      const name = PROVINCES.find((q) => q.code === p.code)?.name ?? '';
      // A one-word name is its own short form (Bali, Riau, Papua); a longer one is shortened.
      if (!name.includes(' ')) expect(p.short).toBe(name);
      else expect(p.short.length).toBeLessThan(name.length);
    }
    expect(
      ['35', '33', '32', '31', '34', '64', '52', '53', '73'].map((c) => provinceShortName(c)),
    ).toEqual(['Jatim', 'Jateng', 'Jabar', 'DKI', 'DIY', 'Kaltim', 'NTB', 'NTT', 'Sulsel']);
    expect(provinceShortName('99')).toBeUndefined();
  });
});
