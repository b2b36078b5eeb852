import { z } from 'zod';
import { VillageCode } from '../regions/village-code.js';
import { FRAMEWORK, IndicatorId } from './framework.js';
import { OBSERVATION_SOURCES } from './observation-sources.js';

/** First and last year the framework accepts observations for. */
export const OBSERVATION_YEARS = { min: 2000, max: 2100 } as const;

/**
 * A year an observation may have: an integer in {@link OBSERVATION_YEARS}.
 *
 * @example
 * ```ts
 * ObservationYear.parse(2024); // 2024
 * ObservationYear.safeParse(20244).success; // false
 * ```
 */
export const ObservationYear = z
  .number()
  .int()
  .min(OBSERVATION_YEARS.min)
  .max(OBSERVATION_YEARS.max);
export type ObservationYear = z.infer<typeof ObservationYear>;

/**
 * Where an observation comes from, one of {@link OBSERVATION_SOURCES}.
 *
 * @example
 * ```ts
 * ObservationSource.parse('published'); // 'published'
 * ```
 */
export const ObservationSource = z.enum(OBSERVATION_SOURCES);
export type ObservationSource = z.infer<typeof ObservationSource>;

const byId = new Map<string, (typeof FRAMEWORK.indicators)[number]>(
  FRAMEWORK.indicators.map((i) => [i.id, i]),
);

/**
 * One measured value: a village, a year, an indicator, a value. Validation rejects an unknown
 * indicator (naming it) and a value outside that indicator's valid range (naming the indicator,
 * the value and the range).
 *
 * @example
 * ```ts
 * Observation.parse({ villageCode: '35.05.04.2014', year: 2021, indicator: 'digital_skills', value: 3.4 });
 * Observation.safeParse({ villageCode: '35.05.04.2014', year: 2021, indicator: 'digital_skills', value: 7 }).success;
 * // false: "digital_skills must be between 1 and 5 (score_1_5), got 7"
 * ```
 */
export const Observation = z
  .object({
    // VillageCode decides validity (and trims); the message stays the one callers already show.
    villageCode: z.string().transform((code, ctx) => {
      const parsed = VillageCode.safeParse(code);
      if (parsed.success) return parsed.data;
      ctx.addIssue({
        code: 'custom',
        message: 'villageCode must look like PP.RR.DD.VVVV, e.g. 35.05.04.2014',
      });
      return z.NEVER;
    }),
    year: ObservationYear,
    indicator: z.string().refine((s) => IndicatorId.safeParse(s).success, {
      error: (issue) =>
        `unknown indicator: ${String(issue.input)} (known: ${IndicatorId.options.join(', ')})`,
    }),
    value: z.number().finite(),
  })
  .superRefine((obs, ctx) => {
    const indicator = byId.get(obs.indicator);
    if (!indicator) return;
    const { min, max } = indicator.range;
    if (obs.value < min || obs.value > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${indicator.id} must be between ${min} and ${max} (${indicator.unit}), got ${obs.value}`,
      });
    }
  })
  .transform((obs) => ({ ...obs, indicator: obs.indicator as IndicatorId }));
export type Observation = z.infer<typeof Observation>;
