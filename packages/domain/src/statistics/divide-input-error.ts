/**
 * Thrown by every divide metric for input it cannot measure: no values, a value that is not a
 * finite number, a negative value where the metric needs a ratio scale, weights that do not match.
 * The message names the function and the problem (`gini: negative value -3 at index 2`) so a
 * caller several layers up can still tell what was wrong; `fn` and `index` carry the same facts for
 * code that maps errors (the server turns this class into a BAD_REQUEST).
 *
 * @example
 * ```ts
 * try {
 *   gini([1, -3]);
 * } catch (e) {
 *   if (e instanceof DivideInputError) e.message; // 'gini: negative value -3 at index 1'
 * }
 * ```
 */
export class DivideInputError extends Error {
  override readonly name = 'DivideInputError';
  /** The metric that refused its input, e.g. `'gini'`. */
  readonly fn: string;
  /** Position of the offending value or weight, when one value is to blame. */
  readonly index: number | undefined;

  constructor(fn: string, problem: string, index?: number) {
    super(`${fn}: ${problem}`);
    this.fn = fn;
    this.index = index;
  }
}
