import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidRegionCodeError } from './invalid-region-code-error.js';
import { RegionCode, formatRegionCode, isRegionCode, parseRegionCode } from './region-code.js';

const WIDTHS = [2, 2, 2, 4];

/** Segments of a code of depth 1 to 4, each within its width. */
const segmentsArb = fc
  .integer({ min: 1, max: 4 })
  .chain((depth) =>
    fc.tuple(...WIDTHS.slice(0, depth).map((w) => fc.integer({ min: 0, max: 10 ** w - 1 }))),
  );

function reasonOf(input: string): string {
  try {
    parseRegionCode(input);
  } catch (error) {
    if (error instanceof InvalidRegionCodeError) return error.reason;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseRegionCode', () => {
  const valid: [input: string, code: string][] = [
    ['35', '35'],
    ['35.05', '35.05'],
    ['35.05.04', '35.05.04'],
    ['35.05.04.2014', '35.05.04.2014'],
    ['00.00.00.0000', '00.00.00.0000'],
    [' 35.05 ', '35.05'],
    ['\t11\n', '11'],
    ['\u00a035.05.04.2014', '35.05.04.2014'], // non-breaking space from a spreadsheet
  ];
  for (const [input, code] of valid) {
    it(`accepts ${JSON.stringify(input)} as ${code}`, () => {
      expect(parseRegionCode(input)).toBe(code);
    });
  }

  const invalid: [input: string, reason: string][] = [
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['35.5', 'segment 2 must be 2 digits'],
    ['3', 'segment 1 must be 2 digits'],
    ['350', 'segment 1 must be 2 digits'],
    ['3505042014', 'segment 1 must be 2 digits'],
    ['35.05.4', 'segment 3 must be 2 digits'],
    ['35.05.04.201', 'segment 4 must be 4 digits'],
    ['35.05.04.20140', 'segment 4 must be 4 digits'],
    ['35.', 'segment 2 must be 2 digits'],
    ['.35', 'segment 1 must be 2 digits'],
    ['35..05', 'segment 2 must be 2 digits'],
    ['35.05.04.2014.01', 'has 5 segments, expected 1 to 4 (PP, PP.RR, PP.RR.DD or PP.RR.DD.VVVV)'],
    ['35-05', 'unexpected character "-" at position 3; a region code is digits separated by dots'],
    ['35/05', 'unexpected character "/" at position 3; a region code is digits separated by dots'],
    ['35,05', 'unexpected character "," at position 3; a region code is digits separated by dots'],
    ['3a.05', 'unexpected character "a" at position 2; a region code is digits separated by dots'],
    ['35. 05', 'unexpected character " " at position 4; a region code is digits separated by dots'],
    ['-35', 'unexpected character "-" at position 1; a region code is digits separated by dots'],
    ['٣٥', 'unexpected character "٣" at position 1; a region code is digits separated by dots'],
    [
      'Jawa Timur',
      'unexpected character "J" at position 1; a region code is digits separated by dots',
    ],
  ];
  for (const [input, reason] of invalid) {
    it(`rejects ${JSON.stringify(input)}: ${reason}`, () => {
      expect(reasonOf(input)).toBe(reason);
    });
  }

  it('puts the input and the reason in the message', () => {
    expect(() => parseRegionCode('35.5')).toThrow(
      new InvalidRegionCodeError('35.5', 'segment 2 must be 2 digits'),
    );
    expect(() => parseRegionCode('35.5')).toThrow(
      'invalid region code "35.5": segment 2 must be 2 digits',
    );
  });

  it('keeps the untrimmed input on the error', () => {
    try {
      parseRegionCode(' 35.5 ');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRegionCodeError);
      expect(error).toBeInstanceOf(Error);
      const e = error as InvalidRegionCodeError;
      expect(e.name).toBe('InvalidRegionCodeError');
      expect(e.input).toBe(' 35.5 ');
      expect(e.expected).toBe('region');
      expect(e.message).toBe('invalid region code " 35.5 ": segment 2 must be 2 digits');
    }
  });

  it('rejects a number from an untyped caller instead of crashing', () => {
    expect(() => parseRegionCode(35 as unknown as string)).toThrow(
      'invalid region code "35": expected a string, got number',
    );
  });
});

describe('RegionCode schema', () => {
  it('trims and accepts like the parser', () => {
    expect(RegionCode.parse(' 35.05 ')).toBe('35.05');
  });

  it('reports the same message as the parser', () => {
    const result = RegionCode.safeParse('35.5');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'invalid region code "35.5": segment 2 must be 2 digits',
    ]);
  });

  it('rejects non-strings', () => {
    expect(RegionCode.safeParse(35).success).toBe(false);
    expect(RegionCode.safeParse(null).success).toBe(false);
  });
});

describe('isRegionCode', () => {
  const cases: [value: unknown, expected: boolean][] = [
    ['35', true],
    ['35.05.04.2014', true],
    [' 35', false], // canonical form only: the guard does not trim
    ['35.5', false],
    ['', false],
    [35, false],
    [undefined, false],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} -> ${expected}`, () => {
      expect(isRegionCode(value)).toBe(expected);
    });
  }
});

describe('formatRegionCode', () => {
  const cases: [segments: number[], code: string][] = [
    [[35], '35'],
    [[35, 5], '35.05'],
    [[35, 5, 4], '35.05.04'],
    [[35, 5, 4, 2014], '35.05.04.2014'],
    [[11, 1, 1, 1], '11.01.01.0001'],
  ];
  for (const [segments, code] of cases) {
    it(`${JSON.stringify(segments)} -> ${code}`, () => {
      expect(formatRegionCode(segments)).toBe(code);
    });
  }

  const invalid: [segments: number[], message: string][] = [
    [[], 'invalid region code "": has 0 segments, expected 1 to 4'],
    [[35, 5, 4, 2014, 1], 'invalid region code "35.5.4.2014.1": has 5 segments'],
    [[35, 123], 'invalid region code "35.123": segment 2 must fit in 2 digits, got 123'],
    [
      [35, 5, 4, 20140],
      'invalid region code "35.5.4.20140": segment 4 must fit in 4 digits, got 20140',
    ],
    [[35, -5], 'segment 2 must be a non-negative integer, got -5'],
    [[35, 1.5], 'segment 2 must be a non-negative integer, got 1.5'],
    [[Number.NaN], 'segment 1 must be a non-negative integer, got NaN'],
  ];
  for (const [segments, message] of invalid) {
    it(`rejects ${JSON.stringify(segments)}`, () => {
      expect(() => formatRegionCode(segments)).toThrow(InvalidRegionCodeError);
      expect(() => formatRegionCode(segments)).toThrow(message);
    });
  }
});

describe('region code laws', () => {
  it('parse(format(segments)) round-trips, and the segments read back', () => {
    fc.assert(
      fc.property(segmentsArb, (segments) => {
        const code = formatRegionCode(segments);
        expect(parseRegionCode(code)).toBe(code);
        expect(isRegionCode(code)).toBe(true);
        expect(code.split('.').map(Number)).toEqual(segments);
      }),
    );
  });

  it('parser, schema and guard agree on any string', () => {
    const nearCodes = fc.stringMatching(/^[\s0-9.a-]{0,16}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), nearCodes), (input) => {
        let parsed: string | undefined;
        try {
          parsed = parseRegionCode(input);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidRegionCodeError);
        }
        const schema = RegionCode.safeParse(input);
        expect(schema.success).toBe(parsed !== undefined);
        if (schema.success) expect(schema.data).toBe(parsed);
        expect(isRegionCode(input)).toBe(parsed === input);
        if (parsed !== undefined) expect(parsed).toMatch(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/);
      }),
      { numRuns: 2000 },
    );
  });
});
