import { DivideInputError } from './divide-input-error.js';

// Internal to statistics/: the barrel does not export these. One place decides what "valid input"
// means, so every metric words the same problem the same way.

export interface CheckValuesOptions {
  /** Refuse negative values: inequality measures (Gini, Theil, CV, Palma) need a ratio scale. */
  nonNegative?: boolean;
  /** Appended to messages, e.g. `of group "35"`, when the values are one part of a larger input. */
  where?: string;
}

/** Throws unless `values` is non-empty and every value is finite (and >= 0 when asked). */
export function checkValues(
  fn: string,
  values: readonly number[],
  options: CheckValuesOptions = {},
): void {
  const where = options.where ? ` ${options.where}` : '';
  if (values.length === 0) throw new DivideInputError(fn, `needs at least one value${where}`);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      throw new DivideInputError(fn, `non-finite value ${v} at index ${i}${where}`, i);
    }
    if (options.nonNegative && v < 0) {
      throw new DivideInputError(fn, `negative value ${v} at index ${i}${where}`, i);
    }
  });
}

/**
 * Throws unless there is one finite, non-negative weight per value and they sum to more than 0.
 * Returns the sum, which every weighted metric needs next.
 */
export function checkWeights(fn: string, weights: readonly number[], valueCount: number): number {
  if (weights.length !== valueCount) {
    throw new DivideInputError(fn, `${weights.length} weights for ${valueCount} values`);
  }
  let total = 0;
  weights.forEach((w, i) => {
    if (!Number.isFinite(w))
      throw new DivideInputError(fn, `non-finite weight ${w} at index ${i}`, i);
    if (w < 0) throw new DivideInputError(fn, `negative weight ${w} at index ${i}`, i);
    total += w;
  });
  if (total === 0) throw new DivideInputError(fn, 'weights sum to 0');
  return total;
}

/** Reads a year given as a record key or a field; throws unless it is a finite number. */
export function checkYear(fn: string, year: number | string): number {
  const y = typeof year === 'number' ? year : year.trim() === '' ? Number.NaN : Number(year);
  if (!Number.isFinite(y))
    throw new DivideInputError(fn, `year ${JSON.stringify(year)} is not a number`);
  return y;
}
