// The region functions against the real Kemendagri codes in idn-area-data (data under the ODbL).
// The package itself does no I/O; reading the CSVs here is the test's business only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parentCode } from './parent-code.js';
import { provinceIn2021Borders, PROVINCES_SPLIT_IN_2022 } from './province-in-2021-borders.js';
import { parseRegionCode } from './region-code.js';
import type { RegionLevel } from './region-level.js';
import { regionLevel } from './region-level.js';
import { Region } from './region.js';
import type { VillageKind } from './village-kind.js';
import { villageKind } from './village-kind.js';

const dataDir = join(
  dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')),
  'data',
);

/**
 * One CSV line into fields: commas separate, a field may be double-quoted, `""` inside quotes is a
 * literal quote. The files have no line breaks inside fields (checked: every line has the header's
 * number of fields), so a line is a record.
 */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) throw new Error(`unterminated quote in CSV line: ${line}`);
  fields.push(field);
  return fields;
}

interface Row {
  code: string;
  parent: string | null;
  name: string;
}

function readLevel(file: string, header: string): Row[] {
  const lines = readFileSync(join(dataDir, file), 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  expect(lines[0]).toBe(header);
  const width = header.split(',').length;
  return lines.slice(1).map((line) => {
    const fields = splitCsvLine(line);
    if (fields.length !== width) throw new Error(`${file}: ${width} fields expected: ${line}`);
    const [code = '', second = '', third = ''] = fields;
    return width === 2
      ? { code, parent: null, name: second }
      : { code, parent: second, name: third };
  });
}

describe('splitCsvLine', () => {
  const cases: [line: string, fields: string[]][] = [
    ['11.01,11,Kabupaten Aceh Selatan', ['11.01', '11', 'Kabupaten Aceh Selatan']],
    [
      '12.07.28.1007,12.07.28,"Lubuk Pakam I,II"',
      ['12.07.28.1007', '12.07.28', 'Lubuk Pakam I,II'],
    ],
    ['35.13.15.2017,35.13.15,"Soka""an"', ['35.13.15.2017', '35.13.15', 'Soka"an']],
    ['a,,b', ['a', '', 'b']],
  ];
  for (const [line, fields] of cases) {
    it(line, () => expect(splitCsvLine(line)).toEqual(fields));
  }
  it('rejects an unterminated quote', () => {
    expect(() => splitCsvLine('a,"b')).toThrow('unterminated quote');
  });
});

describe('idn-area-data', () => {
  const levels: { level: RegionLevel; rows: Row[] }[] = [];
  const byLevel = (level: RegionLevel): Row[] => levels.find((l) => l.level === level)?.rows ?? [];

  beforeAll(() => {
    levels.push(
      { level: 'province', rows: readLevel('provinces.csv', 'code,name') },
      { level: 'regency', rows: readLevel('regencies.csv', 'code,province_code,name') },
      { level: 'district', rows: readLevel('districts.csv', 'code,regency_code,name') },
      { level: 'village', rows: readLevel('villages.csv', 'code,district_code,name') },
    );
  });

  it('has 38 provinces, 514 regencies, 7,285 districts and 83,762 villages', () => {
    expect(levels.map((l) => [l.level, l.rows.length])).toEqual([
      ['province', 38],
      ['regency', 514],
      ['district', 7285],
      ['village', 83762],
    ]);
  });

  it('every code parses, unchanged, at the level of its file, with no duplicates', () => {
    // Collect mismatches and assert once: ninety thousand expect() calls take seconds.
    for (const { level, rows } of levels) {
      const wrong = rows.filter(
        ({ code }) => parseRegionCode(code) !== code || regionLevel(code) !== level,
      );
      expect(wrong, level).toEqual([]);
      expect(new Set(rows.map((r) => r.code)).size, level).toBe(rows.length);
    }
  });

  it('every parent column equals parentCode and exists one level up', () => {
    for (const [i, { rows }] of levels.entries()) {
      const above = new Set(levels[i - 1]?.rows.map((r) => r.code));
      const wrong = rows.filter(
        (row) =>
          row.parent !== (parentCode(row.code) ?? null) ||
          (row.parent !== null && !above.has(row.parent)),
      );
      expect(wrong).toEqual([]);
    }
  });

  it('every region above the villages has children (no empty regions)', () => {
    for (const [i, { level, rows }] of levels.slice(0, -1).entries()) {
      const parents = new Set(levels[i + 1]?.rows.map((r) => r.parent));
      const childless = rows.filter((r) => !parents.has(r.code)).map((r) => r.code);
      expect(childless, level).toEqual([]);
    }
  });

  it('every row is a valid Region', () => {
    for (const { level, rows } of levels) {
      const invalid = rows.filter(
        (row) =>
          !Region.safeParse({ code: row.code, name: row.name, level, parentCode: row.parent })
            .success,
      );
      expect(invalid, level).toEqual([]);
    }
  });

  it('has 8,496 kelurahan, 75,252 desa and 14 desa adat, all desa adat in Kabupaten Jayapura', () => {
    const kinds: Record<VillageKind, number> = { kelurahan: 0, desa: 0, desa_adat: 0 };
    const adat: string[] = [];
    for (const { code, name } of byLevel('village')) {
      const kind = villageKind(code);
      kinds[kind]++;
      if (kind === 'desa_adat') adat.push(`${code} ${name}`);
    }
    expect(kinds).toEqual({ kelurahan: 8496, desa: 75252, desa_adat: 14 });
    for (const village of adat) expect(village).toMatch(/^91\.03\.\d{2}\.3\d{3} Desa Adat /);
  });

  it('places Plosorejo (35.05.04.2014) in Kademangan, Kabupaten Blitar, Jawa Timur', () => {
    const name = (level: RegionLevel, code: string) =>
      byLevel(level).find((r) => r.code === code)?.name;
    expect(name('village', '35.05.04.2014')).toBe('Plosorejo');
    expect(name('district', '35.05.04')).toBe('Kademangan');
    expect(name('regency', '35.05')).toBe('Kabupaten Blitar');
    expect(name('province', '35')).toBe('Jawa Timur');
  });

  it('counts 11 villages named Plosorejo, one of them written in lowercase', () => {
    const plosorejo = byLevel('village').filter((r) => r.name.toLowerCase() === 'plosorejo');
    expect(plosorejo).toHaveLength(11);
    expect(plosorejo.filter((r) => r.name === 'plosorejo').map((r) => r.code)).toEqual([
      '33.16.13.2008',
    ]);
  });

  it('gives Kabupaten Blitar 22 districts, 220 desa and 28 kelurahan', () => {
    const districts = byLevel('district').filter((r) => r.parent === '35.05');
    const villages = byLevel('village').filter((r) => r.code.startsWith('35.05.'));
    expect(districts).toHaveLength(22);
    expect(villages.filter((r) => villageKind(r.code) === 'desa')).toHaveLength(220);
    expect(villages.filter((r) => villageKind(r.code) === 'kelurahan')).toHaveLength(28);
  });

  it('has 98 cities (kota), all with regency segment 71 or above', () => {
    const kota = byLevel('regency').filter((r) => r.name.startsWith('Kota '));
    expect(kota).toHaveLength(98);
    for (const { code } of byLevel('regency')) {
      expect(Number(code.slice(3)) >= 71, code).toBe(kota.some((k) => k.code === code));
    }
  });

  it('folds today’s 38 provinces into the 34 of the BPS series', () => {
    const provinces = byLevel('province');
    const old = new Set(provinces.map((r) => provinceIn2021Borders(r.code)));
    expect(old.size).toBe(34);
    const names = Object.fromEntries(provinces.map((r) => [r.code, r.name]));
    expect(Object.keys(PROVINCES_SPLIT_IN_2022).map((code) => names[code])).toEqual([
      'Papua Selatan',
      'Papua Tengah',
      'Papua Pegunungan',
      'Papua Barat Daya',
    ]);
    expect(names['91']).toBe('Papua');
    expect(names['92']).toBe('Papua Barat');
  });
});
