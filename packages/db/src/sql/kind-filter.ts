import { sql, type RawBuilder } from 'kysely';
import { KIND_FILTERS, type KindFilter } from '@pandu/domain';
import { QueryInputError } from '../queries/query-input-error.js';

/**
 * `village_index` filter for a kind (the domain's `KindFilter`). `desa` means every non-kelurahan
 * village (desa and desa adat). Throws {@link QueryInputError} for anything else even though the
 * query's input schema has checked it: an unknown kind must never silently become a filter.
 *
 * @example
 * ```ts
 * sql`select count(*) from village_index where ${kindFilter('desa')}`; // ... where kind <> 'kelurahan'
 * ```
 */
export function kindFilter(kind: KindFilter | undefined): RawBuilder<boolean> {
  switch (kind ?? 'all') {
    case 'all':
      return sql<boolean>`true`;
    case 'kelurahan':
      return sql<boolean>`kind = 'kelurahan'`;
    case 'desa':
      return sql<boolean>`kind <> 'kelurahan'`;
    case 'desa_adat':
      return sql<boolean>`kind = 'desa_adat'`;
    default:
      throw new QueryInputError(
        'kind',
        `unknown kind ${JSON.stringify(kind)}; expected one of ${KIND_FILTERS.join(', ')}`,
      );
  }
}
