/**
 * What the console shows of an answer, from the URL: the page of the result table (`hal`) and the
 * quick chart's columns (`x`, `y`). Read by the page itself, not the server's load, so turning a
 * page or choosing an axis never runs the query again (the load depends on `q` alone).
 *
 * @example
 * ```ts
 * consoleView(new URLSearchParams('q=select+1&hal=2&x=0')); // { page: 2, x: 0, y: null }
 * ```
 */
export function consoleView(params: URLSearchParams): {
  page: number;
  x: number | null;
  y: number | null;
} {
  const column = (name: string) => {
    const v = params.get(name);
    return v === null || !/^\d+$/.test(v) ? null : Number(v);
  };
  return {
    page: Math.max(1, Math.trunc(Number(params.get('hal')) || 1)),
    x: column('x'),
    y: column('y'),
  };
}
