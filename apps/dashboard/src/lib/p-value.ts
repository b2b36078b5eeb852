import { formatNumber, type Lang } from './i18n/index.js';

/** Below this a p-value is written "< 0.001": its true value underflows for many villages. */
const SMALLEST = 0.001;

/**
 * A p-value as a number, in one precision everywhere it is shown (tables, sentences): three
 * decimals, "< 0.001" below that, a dash when there is none.
 *
 * @example
 * ```ts
 * formatPValue(0.0504, 'en'); // '0.050'
 * formatPValue(0.0004, 'id'); // '< 0,001'
 * ```
 */
export function formatPValue(p: number | null, lang: Lang): string {
  if (p === null) return formatNumber(null, lang);
  const digits = { minDigits: 3, maxDigits: 3 };
  return p < SMALLEST ? `< ${formatNumber(SMALLEST, lang, digits)}` : formatNumber(p, lang, digits);
}
