import type { z } from 'zod';
import { QueryInputError } from './query-input-error.js';

// Every query exports its input schema (composed from the domain's schemas) and parses its input
// with it here, so a caller other than the server (a script, another package, plain JavaScript)
// gets the same answer as the API: an error naming the field. A measure or a kind ends up in SQL
// as an identifier or a filter, so it is checked, not trusted.

/**
 * `input` parsed by `schema`; throws {@link QueryInputError} naming the first bad field, what is
 * wrong and the value given, with the `ZodError` as `cause`.
 *
 * @example
 * ```ts
 * parseQueryInput(LorenzInput, { year: 20244 });
 * // throws: invalid year: Too big: expected number to be <=2100, got 20244
 * ```
 */
export function parseQueryInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  const field = path.length === 0 ? 'input' : path.map(String).join('.');
  let value: unknown = input;
  for (const key of path) {
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<PropertyKey, unknown>)[key]
        : undefined;
  }
  const got = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  throw new QueryInputError(field, `${issue?.message ?? 'invalid'}, got ${got}`, {
    cause: parsed.error,
  });
}
