import { sql, type RawBuilder } from 'kysely';
import { INDEX_MEASURES, type IndexMeasure } from '@pandu/domain';
import { QueryInputError } from '../queries/query-input-error.js';

/** The measure a query reads when none is given. */
export const DEFAULT_MEASURE: IndexMeasure = 'skills_index';

/**
 * The `village_index` column of a measure (measure names are the column names), `skills_index`
 * when undefined. The name is checked against the domain's `INDEX_MEASURES` here too, not only by
 * the input schema: `sql.ref` quotes it, but an unchecked `'year'` or `'kind'` would still name a
 * real column and average it.
 *
 * @example
 * ```ts
 * sql`select avg(${measureColumn('digital_safety')}) from village_index`;
 * ```
 */
export function measureColumn(measure: IndexMeasure | undefined): RawBuilder<number> {
  const name = measure ?? DEFAULT_MEASURE;
  if (!(INDEX_MEASURES as readonly unknown[]).includes(name)) {
    throw new QueryInputError(
      'measure',
      `unknown measure ${JSON.stringify(name)}; expected one of ${INDEX_MEASURES.join(', ')}`,
    );
  }
  return sql.ref(name) as unknown as RawBuilder<number>;
}
