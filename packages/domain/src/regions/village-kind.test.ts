import { describe, expect, it } from 'vitest';
import type { VillageKind } from './village-kind.js';
import { villageKind } from './village-kind.js';
import { VILLAGE_KINDS } from './village-kinds.js';

describe('villageKind', () => {
  const cases: [code: string, kind: VillageKind][] = [
    ['35.05.04.2014', 'desa'], // Plosorejo
    ['35.05.04.1001', 'kelurahan'],
    ['91.03.01.3007', 'desa_adat'], // Desa Adat Yoboi, Kabupaten Jayapura
    ['35.05.04.1999', 'kelurahan'],
    [' 35.05.04.2014 ', 'desa'],
  ];
  for (const [code, kind] of cases) {
    it(`${JSON.stringify(code)} is a ${kind}`, () => {
      expect(villageKind(code)).toBe(kind);
    });
  }

  for (const digit of ['0', '4', '5', '6', '7', '8', '9']) {
    it(`rejects a village segment starting with ${digit}`, () => {
      expect(() => villageKind(`35.05.04.${digit}001`)).toThrow(
        `invalid village code "35.05.04.${digit}001": village segment ${digit}001 must start with 1 (kelurahan), 2 (desa) or 3 (desa adat)`,
      );
    });
  }

  const notVillages: [code: string, message: string][] = [
    ['35.05.04', 'invalid village code "35.05.04": is a district code'],
    ['35', 'invalid village code "35": is a province code'],
    ['35.05.04.20', 'invalid region code "35.05.04.20": segment 4 must be 4 digits'],
  ];
  for (const [code, message] of notVillages) {
    it(`rejects ${code}`, () => {
      expect(() => villageKind(code)).toThrow(message);
    });
  }
});

describe('VILLAGE_KINDS', () => {
  it('is in code-digit order', () => {
    expect(VILLAGE_KINDS).toEqual(['kelurahan', 'desa', 'desa_adat']);
  });
});
