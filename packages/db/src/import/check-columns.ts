import type { Rejection } from './import-types.js';

/**
 * Check a file's header against a format: every required column present (with a hint when only
 * the case or spacing differs), no unknown column, none twice. A header with none of the required
 * names is another kind of file altogether, said once rather than once per column.
 *
 * @example
 * ```ts
 * checkColumns(['Village_Code', 'year'], { required: ['village_code', 'year'], optional: [], kind: 'an observations file' });
 * // [{ column: 'village_code', reason: 'column village_code is missing; did you mean "Village_Code"? ...' }, ...]
 * ```
 */
export function checkColumns(
  columns: readonly string[],
  format: { required: readonly string[]; optional: readonly string[]; kind: string },
): Rejection[] {
  const { required, optional, kind } = format;
  if (!required.some((c) => columns.includes(c))) {
    return [
      {
        row: null,
        column: null,
        value: columns.join(','),
        reason: `this is not ${kind}: its first line is not the header ${required.join(',')}`,
      },
    ];
  }
  const known = new Set<string>([...required, ...optional]);
  const expected = `expected ${required.join(', ')} (optional: ${optional.join(', ')}); found ${columns.join(', ')}`;
  const out: Rejection[] = [];
  for (const c of required) {
    if (columns.includes(c)) continue;
    const near = columns.find((f) => f.trim().toLowerCase() === c);
    out.push({
      row: null,
      column: c,
      value: null,
      reason: near
        ? `column ${c} is missing; did you mean ${JSON.stringify(near)}? Names are exact and lower-case (${expected})`
        : `column ${c} is missing (${expected})`,
    });
  }
  for (const c of columns) {
    if (!known.has(c)) {
      out.push({ row: null, column: c, value: null, reason: `unknown column (${expected})` });
    }
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c))
      out.push({ row: null, column: c, value: null, reason: 'column appears twice' });
    seen.add(c);
  }
  return out;
}
