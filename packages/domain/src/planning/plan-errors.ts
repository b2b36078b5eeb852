/**
 * A plan that cannot be made as asked, with the reason in words (e.g. an equity rule no village
 * within reach can satisfy). Thrown instead of returning an empty plan, which would read as
 * "nothing to do".
 *
 * @example
 * ```ts
 * throw new PlanInfeasibleError('equity', 'no village below the threshold is within reach');
 * ```
 */
export class PlanInfeasibleError extends Error {
  override readonly name = 'PlanInfeasibleError';
  /** What made it infeasible: the `equity` rule, no `capacity`, or the `solver`. */
  readonly reason: 'equity' | 'capacity' | 'solver';

  constructor(cause: 'equity' | 'capacity' | 'solver', explanation: string) {
    super(`no plan: ${explanation}`);
    this.reason = cause;
  }
}
