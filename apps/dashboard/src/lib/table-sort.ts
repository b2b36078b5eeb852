/**
 * A table's sort in the URL: `?urut=value` sorts by a column ascending, `?urut=-value` descending,
 * so a sorted table is a link, and reloading it keeps the order.
 */

/** The URL parameter of a table's sort. */
export const SORT_PARAM = 'urut';

export interface TableSort<K extends string> {
  key: K;
  descending: boolean;
}

/**
 * The sort of `param` among `keys`; anything else is `fallback`.
 *
 * @example
 * ```ts
 * parseSort('-change', ['name', 'value', 'change'], { key: 'value', descending: true });
 * // { key: 'change', descending: true }
 * ```
 */
export function parseSort<K extends string>(
  param: string | null,
  keys: readonly K[],
  fallback: TableSort<K>,
): TableSort<K> {
  if (!param) return fallback;
  const descending = param.startsWith('-');
  const key = descending ? param.slice(1) : param;
  return (keys as readonly string[]).includes(key) ? { key: key as K, descending } : fallback;
}

/** The parameter's value for a sort. */
export function sortValue<K extends string>(sort: TableSort<K>): string {
  return `${sort.descending ? '-' : ''}${sort.key}`;
}

/**
 * The sort a click on a column's header asks for: the same column reversed, or a new column
 * (names A to Z, numbers largest first).
 */
export function nextSort<K extends string>(
  current: TableSort<K>,
  key: K,
  ascendingFirst: readonly K[],
): TableSort<K> {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: !ascendingFirst.includes(key) };
}

/** `url` with the sort set (or removed when it is the default), as a path and query. */
export function sortHref<K extends string>(
  url: URL,
  sort: TableSort<K>,
  fallback: TableSort<K>,
): string {
  const next = new URL(url);
  if (sort.key === fallback.key && sort.descending === fallback.descending) {
    next.searchParams.delete(SORT_PARAM);
  } else {
    next.searchParams.set(SORT_PARAM, sortValue(sort));
  }
  return `${next.pathname}${next.search}`;
}
