/**
 * Thrown when a string is not a Kemendagri region code (or not the kind of code asked for). It
 * carries the offending `input` exactly as given and a short `reason`, so a caller can show either.
 *
 * @example
 * ```ts
 * try {
 *   parseRegionCode('35.5');
 * } catch (error) {
 *   if (error instanceof InvalidRegionCodeError) {
 *     error.message; // 'invalid region code "35.5": segment 2 must be 2 digits'
 *     error.input; // '35.5'
 *     error.reason; // 'segment 2 must be 2 digits'
 *   }
 * }
 * ```
 */
export class InvalidRegionCodeError extends Error {
  override readonly name = 'InvalidRegionCodeError';

  constructor(
    /** The value that was rejected, untrimmed. */
    readonly input: string,
    /** Why it was rejected, without the input (e.g. `segment 2 must be 2 digits`). */
    readonly reason: string,
    /** What was expected: any region code, or specifically a village code. */
    readonly expected: 'region' | 'village' = 'region',
  ) {
    // JSON.stringify quotes the input and makes stray whitespace or control characters visible.
    super(`invalid ${expected} code ${JSON.stringify(input)}: ${reason}`);
  }
}
