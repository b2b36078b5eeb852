// The console's quick chart: two columns of an answer as points (both numeric) or bars (a label
// and a number), drawn by the dashboard's own chart functions (scatterPlot, barChart).

/** The part of a console answer the chart reads. */
export interface ChartableAnswer {
  columns: readonly { name: string; type: string }[];
  rows: readonly (readonly unknown[])[];
}

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\))$/;

/** Whether a DuckDB type holds numbers. */
export function isNumericType(type: string): boolean {
  return NUMERIC.test(type);
}

/** Most bars drawn; the table holds the rest. */
export const MAX_BARS = 40;

export type QueryChart =
  | { kind: 'points'; points: { label: string; x: number; y: number }[] }
  | { kind: 'bars'; bars: { label: string; value: number | null }[]; omitted: number }
  | { kind: 'none'; reason: 'columns' | 'y-not-numeric' | 'no-rows' };

/**
 * What the quick chart of columns `x` and `y` (indexes) draws: points when both are numeric,
 * bars (label from x, the first {@link MAX_BARS} rows) when only y is, nothing when y is not
 * numeric. Rows whose values are not finite numbers are left out of points.
 *
 * @example
 * ```ts
 * queryChart({ columns: [{ name: 'name', type: 'VARCHAR' }, { name: 'n', type: 'BIGINT' }],
 *   rows: [['Blitar', 248]] }, 0, 1); // { kind: 'bars', bars: [{ label: 'Blitar', value: 248 }], omitted: 0 }
 * ```
 */
export function queryChart(answer: ChartableAnswer, x: number, y: number): QueryChart {
  const xc = answer.columns[x];
  const yc = answer.columns[y];
  if (!xc || !yc || x === y) return { kind: 'none', reason: 'columns' };
  if (!isNumericType(yc.type)) return { kind: 'none', reason: 'y-not-numeric' };
  if (answer.rows.length === 0) return { kind: 'none', reason: 'no-rows' };
  const num = (v: unknown): number | null => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : null;
  };
  if (isNumericType(xc.type)) {
    const points: { label: string; x: number; y: number }[] = [];
    for (const row of answer.rows) {
      const px = num(row[x]);
      const py = num(row[y]);
      if (px !== null && py !== null) points.push({ label: `${px}, ${py}`, x: px, y: py });
    }
    return { kind: 'points', points };
  }
  const shown = answer.rows.slice(0, MAX_BARS);
  return {
    kind: 'bars',
    bars: shown.map((row) => ({ label: String(row[x] ?? ''), value: num(row[y]) })),
    omitted: answer.rows.length - shown.length,
  };
}
