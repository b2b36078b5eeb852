/**
 * A query was given an input it cannot answer. `field` names the input and `problem` says what is
 * wrong with it, so the server can answer BAD_REQUEST naming the field without parsing the message.
 *
 * @example
 * ```ts
 * throw new QueryInputError('limit', 'must be an integer from 1 to 100, got 500');
 * // message: "invalid limit: must be an integer from 1 to 100, got 500"
 * ```
 */
export class QueryInputError extends Error {
  override readonly name = 'QueryInputError';
  constructor(
    readonly field: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`invalid ${field}: ${problem}`, options);
  }
}
