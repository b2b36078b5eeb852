import type { z } from 'zod';

/**
 * An input schema that also accepts older names of some of its fields, so no URL or client written
 * against them breaks: `{ pillar }` is read as `{ measure }`, `{ parent }` as `{ code }`. The old
 * name has the new field's schema (a bad value is an error naming the old field, the one the client
 * sent); giving both with different values is an error; the procedure sees only the new names, so
 * routers pass inputs through untouched and the cache keys both spellings alike.
 *
 * @example
 * ```ts
 * const Input = withDeprecatedAliases(z.object({ measure: IndexMeasure.optional() }), { pillar: 'measure' });
 * Input.parse({ pillar: 'access_index' }); // { measure: 'access_index' }
 * ```
 */
export function withDeprecatedAliases<
  Shape extends Record<string, z.ZodType>,
  const Aliases extends Record<string, keyof Shape & string>,
>(schema: z.ZodObject<Shape>, aliases: Aliases) {
  const entries = Object.entries(aliases) as Array<[string, keyof Shape & string]>;
  const oldFields = Object.fromEntries(
    entries.map(([old, current]) => [
      old,
      (schema.shape[current] as z.ZodType).describe(`deprecated: the old name of ${current}`),
    ]),
  ) as { [Old in keyof Aliases]: Shape[Aliases[Old]] };
  return schema
    .extend(oldFields)
    .superRefine((value, ctx) => {
      const record = value as Record<string, unknown>;
      for (const [old, current] of entries) {
        const given = record[old];
        if (given !== undefined && record[current] !== undefined && given !== record[current]) {
          ctx.addIssue({
            code: 'custom',
            path: [old],
            message: `is the old name of ${current}; give only ${current}`,
          });
        }
      }
    })
    .transform((value) => {
      const record: Record<string, unknown> = { ...value };
      for (const [old, current] of entries) {
        if (record[current] === undefined && record[old] !== undefined)
          record[current] = record[old];
        delete record[old];
      }
      return record as z.output<z.ZodObject<Shape>>;
    });
}
