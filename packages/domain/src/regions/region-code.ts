import { z } from 'zod';
import { InvalidRegionCodeError } from './invalid-region-code-error.js';

/** Digits per segment: province `PP`, regency/city `RR`, district `DD`, village `VVVV`. */
const SEGMENT_WIDTHS = [2, 2, 2, 4] as const;

/**
 * Why an already trimmed string is not a region code, or `undefined` when it is one. The schema,
 * the parser and the guard all ask this one function, so they cannot disagree.
 */
function regionCodeProblem(code: string): string | undefined {
  if (code === '') return 'is empty';
  // [0-9], not \d: other scripts' digits (e.g. Arabic-Indic) are not part of the code system.
  const stray = /[^0-9.]/.exec(code);
  if (stray) {
    return `unexpected character ${JSON.stringify(stray[0])} at position ${stray.index + 1}; a region code is digits separated by dots`;
  }
  const segments = code.split('.');
  if (segments.length > SEGMENT_WIDTHS.length) {
    return `has ${segments.length} segments, expected 1 to 4 (PP, PP.RR, PP.RR.DD or PP.RR.DD.VVVV)`;
  }
  for (const [i, segment] of segments.entries()) {
    const width = SEGMENT_WIDTHS[i];
    if (segment.length !== width) return `segment ${i + 1} must be ${width} digits`;
  }
  return undefined;
}

/**
 * A Kemendagri region code: `PP` (province), `PP.RR` (regency or city), `PP.RR.DD` (district) or
 * `PP.RR.DD.VVVV` (village), digits only, dot-separated. The schema trims surrounding whitespace
 * (codes pasted from spreadsheets often carry a trailing space or a non-breaking space) and rejects
 * everything else: letters, other separators, missing or extra digits, empty strings.
 *
 * Validation is syntactic: `'99.99'` is well formed but names no regency. Whether a code exists is
 * a question for the region data, not for this type.
 *
 * The output is branded, so a function that takes a `RegionCode` cannot be handed an unchecked
 * string by mistake.
 *
 * @example
 * ```ts
 * RegionCode.parse(' 35.05 '); // '35.05'
 * RegionCode.safeParse('35-05').success; // false
 * ```
 */
export const RegionCode = z
  .string()
  .trim()
  .superRefine((code, ctx) => {
    const problem = regionCodeProblem(code);
    if (problem) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid region code ${JSON.stringify(code)}: ${problem}`,
        // Stop here: refinements chained after this one (VillageCode's) may assume a valid code.
        continue: false,
      });
    }
  })
  .brand<'RegionCode'>();
export type RegionCode = z.infer<typeof RegionCode>;

/**
 * Parse a Kemendagri region code of any level. Surrounding whitespace is trimmed; anything else
 * that is not `PP`, `PP.RR`, `PP.RR.DD` or `PP.RR.DD.VVVV` throws.
 *
 * @throws {InvalidRegionCodeError} naming the input and the reason.
 * @example
 * ```ts
 * parseRegionCode('35.05.04.2014'); // '35.05.04.2014' as RegionCode
 * parseRegionCode('35.5'); // throws: invalid region code "35.5": segment 2 must be 2 digits
 * ```
 */
export function parseRegionCode(code: string): RegionCode {
  // Callers from plain JavaScript (or JSON) can hand us a number such as 35.
  if (typeof code !== 'string') {
    throw new InvalidRegionCodeError(String(code), `expected a string, got ${typeof code}`);
  }
  const trimmed = code.trim();
  const problem = regionCodeProblem(trimmed);
  if (problem) throw new InvalidRegionCodeError(code, problem);
  // regionCodeProblem is the same check the schema runs, so branding here is sound.
  return trimmed as RegionCode;
}

/**
 * Whether a value already is a region code in canonical form. Unlike the parser it does **not**
 * trim: `' 35'` is not a region code, though `parseRegionCode(' 35')` returns one.
 *
 * @example
 * ```ts
 * isRegionCode('35.05'); // true
 * isRegionCode('35.05 '); // false
 * isRegionCode(35); // false
 * ```
 */
export function isRegionCode(value: unknown): value is RegionCode {
  return typeof value === 'string' && regionCodeProblem(value) === undefined;
}

/**
 * Build a region code from its numeric segments, zero-padding each to its width: useful when a
 * table stores province, regency, district and village numbers in separate columns.
 *
 * @throws {InvalidRegionCodeError} if a segment is not a non-negative integer or does not fit its
 * width, or if there are not 1 to 4 segments.
 * @example
 * ```ts
 * formatRegionCode([35, 5, 4, 2014]); // '35.05.04.2014'
 * formatRegionCode([35, 5]); // '35.05'
 * formatRegionCode([35, 123]); // throws: invalid region code "35.123": segment 2 must fit in 2 digits, got 123
 * ```
 */
export function formatRegionCode(segments: readonly number[]): RegionCode {
  const input = segments.join('.');
  if (segments.length === 0 || segments.length > SEGMENT_WIDTHS.length) {
    throw new InvalidRegionCodeError(
      input,
      `has ${segments.length} segments, expected 1 to 4 (PP, PP.RR, PP.RR.DD or PP.RR.DD.VVVV)`,
    );
  }
  const padded = segments.map((segment, i) => {
    if (!Number.isSafeInteger(segment) || segment < 0) {
      throw new InvalidRegionCodeError(
        input,
        `segment ${i + 1} must be a non-negative integer, got ${segment}`,
      );
    }
    const width = SEGMENT_WIDTHS[i] ?? 0;
    const digits = String(segment);
    if (digits.length > width) {
      throw new InvalidRegionCodeError(
        input,
        `segment ${i + 1} must fit in ${width} digits, got ${segment}`,
      );
    }
    return digits.padStart(width, '0');
  });
  // Every segment is now exactly its width in digits, which is all regionCodeProblem checks.
  return padded.join('.') as RegionCode;
}
