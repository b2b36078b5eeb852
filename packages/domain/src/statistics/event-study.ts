import {
  differenceInDifferences,
  type DidEstimate,
  type DidUnit,
} from './difference-in-differences.js';
import { DivideInputError } from './divide-input-error.js';

/**
 * The base year of the event study, as an offset from the year g of the first event: every
 * estimate is a change from g - 1, the last year before the event (the event year itself can
 * already hold part of the effect).
 */
export const EVENT_STUDY_BASE_OFFSET = -1;

/**
 * The event times the event study estimates, in years from the first event g: two placebo
 * (pre-event) years, -3 and -2, where a difference would betray different trends before
 * mentoring, then the event year 0 and the three years after it. The headline figure is k = 1.
 */
export const EVENT_TIMES = [-3, -2, 0, 1, 2, 3] as const;
export type EventTime = (typeof EVENT_TIMES)[number];

/** The headline event time: the first full year after the event, ATT(g, g + 1). */
export const HEADLINE_EVENT_TIME = 1;

/** One event time k of an event study: ATT(g, g + k) on the base g - 1, pooled over cohorts g. */
export interface EventTimeEstimate extends DidEstimate {
  /** Years from the first event: negative for a placebo (pre-event) year. */
  eventTime: number;
  /** Cohorts (first-event years) with at least one comparison at this event time. */
  cohorts: number;
}

/**
 * Whether the villages mentored later moved like their controls before mentoring. The rule:
 * every placebo's 95 % interval covers 0 (equivalently, each p >= 0.05). With two placebos that
 * rejects a true parallel trend about 1 time in 10 (more with correlated placebos, less than a
 * joint test would); it is a screen, stated as such, not a proof of parallel trends.
 */
export interface PreTrend {
  /** True when at least one placebo was estimated and every placebo interval covers 0. */
  passes: boolean;
  /** Placebo event times that had a comparison (their estimates are in the event study). */
  placebos: number;
  /** The smallest placebo p-value; null when no placebo has one. */
  minPValue: number | null;
  /**
   * The placebo estimate farthest from 0 (signed), to set beside the effect: with tens of
   * thousands of villages a placebo difference far too small to matter can still be significant.
   * Null without a placebo.
   */
  largestPlacebo: number | null;
}

/**
 * The pre-trend check of an event study's estimates: every placebo (negative event time)
 * interval covers 0. No placebo, no pass.
 *
 * @example
 * ```ts
 * preTrendOf(eventStudy(units).estimates).passes; // true on parallel trends, mostly
 * ```
 */
export function preTrendOf(estimates: readonly EventTimeEstimate[]): PreTrend {
  const placebos = estimates.filter((e) => e.eventTime < 0);
  const pValues = placebos.flatMap((e) => (e.pValue === null ? [] : [e.pValue]));
  const largest = placebos.reduce<EventTimeEstimate | null>(
    (a, e) => (a === null || Math.abs(e.estimate) > Math.abs(a.estimate) ? e : a),
    null,
  );
  return {
    passes: placebos.length > 0 && placebos.every((e) => e.ci95[0] <= 0 && e.ci95[1] >= 0),
    placebos: placebos.length,
    minPValue: pValues.length === 0 ? null : Math.min(...pValues),
    largestPlacebo: largest?.estimate ?? null,
  };
}

/** Result of {@link eventStudy}. */
export interface EventStudy {
  /** One estimate per event time that had a comparison, in event-time order. */
  estimates: EventTimeEstimate[];
  preTrend: PreTrend;
}

/**
 * An event study of a staggered treatment, within groups, with not-yet-treated controls: for each
 * event time k in {@link EVENT_TIMES}, ATT(g, g + k) = the mean change of y from g - 1 to g + k in
 * the units first treated in g, minus the same mean over units of the same group not treated by
 * the later of g and g + k; cells pooled over groups and cohorts weighted by treated counts, SE
 * clustered by unit, Satterthwaite t ({@link differenceInDifferences} with the window (-1, k)).
 * An event time no cohort can reach (its years are outside the data) is left out.
 *
 * @example
 * ```ts
 * const study = eventStudy(units);
 * study.estimates.find((e) => e.eventTime === 1)?.estimate; // the headline ATT(g, g + 1)
 * study.preTrend.passes;
 * ```
 */
export function eventStudy(
  units: readonly DidUnit[],
  eventTimes: readonly number[] = EVENT_TIMES,
): EventStudy {
  const estimates: EventTimeEstimate[] = [];
  for (const k of [...eventTimes].sort((a, b) => a - b)) {
    if (!Number.isInteger(k) || k === EVENT_STUDY_BASE_OFFSET) {
      throw new DivideInputError('eventStudy', `invalid event time ${k} (the base year is -1)`);
    }
    let did;
    try {
      did = differenceInDifferences(units, { from: EVENT_STUDY_BASE_OFFSET, to: k });
    } catch (e) {
      // No comparison at this event time (the window is valid, so the only error without a
      // value to blame): it is left out, as the database's answer leaves it out.
      if (e instanceof DivideInputError && e.index === undefined) continue;
      throw e;
    }
    estimates.push({
      eventTime: k,
      estimate: did.estimate,
      standardError: did.standardError,
      ci95: did.ci95,
      degreesOfFreedom: did.degreesOfFreedom,
      pValue: did.pValue,
      nTreated: did.nTreated,
      nControl: did.nControl,
      cohorts: did.cohorts.length,
    });
  }
  return { estimates, preTrend: preTrendOf(estimates) };
}
