import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidRegionCodeError } from './invalid-region-code-error.js';
import { ancestorCodes, parentCode } from './parent-code.js';
import { formatRegionCode } from './region-code.js';
import { regionLevel } from './region-level.js';
import { REGION_LEVELS } from './region-levels.js';

const WIDTHS = [2, 2, 2, 4];
const segment = (i: number) => fc.integer({ min: 0, max: 10 ** (WIDTHS[i] ?? 0) - 1 });

/** A code of depth 1 to 3 (something that can have children) and one child segment. */
const parentAndChildArb = fc
  .integer({ min: 1, max: 3 })
  .chain((depth) =>
    fc.tuple(fc.tuple(...WIDTHS.slice(0, depth).map((_, i) => segment(i))), segment(depth)),
  );

describe('parentCode', () => {
  const cases: [code: string, parent: string | undefined][] = [
    ['35.05.04.2014', '35.05.04'],
    ['35.05.04', '35.05'],
    ['35.05', '35'],
    ['35', undefined],
    [' 35.05 ', '35'],
  ];
  for (const [code, parent] of cases) {
    it(`${JSON.stringify(code)} -> ${String(parent)}`, () => {
      expect(parentCode(code)).toBe(parent);
    });
  }

  it('throws on a malformed code', () => {
    expect(() => parentCode('35.05.4')).toThrow(InvalidRegionCodeError);
  });
});

describe('ancestorCodes', () => {
  const cases: [code: string, ancestors: string[]][] = [
    ['35.05.04.2014', ['35', '35.05', '35.05.04']],
    ['35.05.04', ['35', '35.05']],
    ['35.05', ['35']],
    ['35', []],
  ];
  for (const [code, ancestors] of cases) {
    it(`${code} -> [${ancestors.join(', ')}]`, () => {
      expect(ancestorCodes(code)).toEqual(ancestors);
    });
  }

  it('throws on a malformed code', () => {
    expect(() => ancestorCodes('')).toThrow('invalid region code "": is empty');
  });
});

describe('hierarchy laws', () => {
  it('the parent of a generated child is the parent, one level up', () => {
    fc.assert(
      fc.property(parentAndChildArb, ([parentSegments, child]) => {
        const parent = formatRegionCode(parentSegments);
        const code = formatRegionCode([...parentSegments, child]);
        expect(parentCode(code)).toBe(parent);
        expect(REGION_LEVELS.indexOf(regionLevel(code))).toBe(
          REGION_LEVELS.indexOf(regionLevel(parent)) + 1,
        );
      }),
    );
  });

  it('a code has depth - 1 ancestors: its parent and the parent’s ancestors, province first', () => {
    fc.assert(
      fc.property(parentAndChildArb, ([parentSegments, child]) => {
        const parent = formatRegionCode(parentSegments);
        const code = formatRegionCode([...parentSegments, child]);
        const ancestors = ancestorCodes(code);
        expect(ancestors).toHaveLength(code.split('.').length - 1);
        expect(ancestors).toEqual([...ancestorCodes(parent), parent]);
        expect(ancestors[0]).toBe(code.slice(0, 2));
        for (const ancestor of ancestors) expect(code.startsWith(`${ancestor}.`)).toBe(true);
      }),
    );
  });
});
