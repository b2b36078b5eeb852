import type { MentoringImpact } from '$lib/api-types.js';
import { formatPValue } from '$lib/p-value.js';
import { formatNumber, t, type Lang } from '$lib/i18n/index.js';

/** What the event-study chart and its table show of one event time. */
export interface EventStudyRow {
  eventTime: number;
  estimate: number;
  low: number;
  high: number;
  pValue: number | null;
  nTreated: number;
  nControl: number;
  cohorts: number;
}

/**
 * The event study of an impact answer as chart points, in event-time order.
 *
 * @example
 * ```ts
 * eventStudyRows(impact).map((r) => r.eventTime); // [-3, -2, 0, 1, 2, 3]
 * ```
 */
export function eventStudyRows(impact: MentoringImpact): EventStudyRow[] {
  return impact.eventStudy.map((e) => ({
    eventTime: e.eventTime,
    estimate: e.estimate,
    low: e.ci95[0],
    high: e.ci95[1],
    pValue: e.pValue,
    nTreated: e.nTreated,
    nControl: e.nControl,
    cohorts: e.cohorts,
  }));
}

/**
 * An event time as the axis writes it: `+1` after the event, `-2` before it, `0` the event year.
 *
 * @example
 * ```ts
 * formatEventTime(2); // '+2'
 * ```
 */
export function formatEventTime(k: number): string {
  return k > 0 ? `+${k}` : k < 0 ? `\u2212${-k}` : '0';
}

/**
 * The pre-trend verdict in words, in `lang`.
 *
 * @example
 * ```ts
 * preTrendText(impact, 'en'); // 'Pre-trend check: passes. None of the 2 placebo years ...'
 * ```
 */
export function preTrendText(impact: MentoringImpact, lang: Lang): string {
  const { passes, placebos, minPValue, largestPlacebo } = impact.preTrend;
  if (placebos === 0) return t('mentoring.preTrendNone', lang);
  const three = (v: number | null) => formatNumber(v, lang, { minDigits: 3, maxDigits: 3 });
  const values = {
    placebos: formatNumber(placebos, lang),
    p: formatPValue(minPValue, lang),
    largest: three(largestPlacebo),
    headline: three(impact.estimate),
  };
  return t(passes ? 'mentoring.preTrendPasses' : 'mentoring.preTrendFails', lang, values);
}
