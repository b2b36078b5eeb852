/**
 * The highest and lowest of a ranked list as words for a chart's text alternative: `Sutojayan
 * 3,87`. `ranked` runs from the highest value down, without rows that have none; an empty list
 * gives `missing` for both.
 *
 * @example
 * ```ts
 * extremesText([{ label: 'DKI', value: 7.88 }, { label: 'Papua', value: 3.56 }], String, '-');
 * // { max: 'DKI 7.88', min: 'Papua 3.56' }
 * ```
 */
export function extremesText(
  ranked: readonly { label: string; value: number | null }[],
  format: (value: number) => string,
  missing: string,
): { max: string; min: string } {
  const text = (row: { label: string; value: number | null } | undefined) =>
    row && row.value !== null ? `${row.label} ${format(row.value)}` : missing;
  return { max: text(ranked[0]), min: text(ranked.at(-1)) };
}
