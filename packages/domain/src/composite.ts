import { z } from 'zod';
import { SKILL_PILLARS } from './indicators/framework.js';
import type { Direction, SkillPillar } from './indicators/framework.js';

// Building a composite index the OECD/JRC handbook way: normalise each indicator, then aggregate
// with explicit weights and an explicit aggregation. Two rules run through this file:
// - a missing value is `null` (or `undefined`) and stays visible: normalisers pass it through,
//   aggregators report it, and nothing is averaged away unless the caller asked for it;
// - a relative normaliser given data it cannot scale (all values equal) throws rather than invent
//   a number, because any constant it returned would move every village's composite.

/**
 * Thrown for input a normaliser or an aggregator cannot use. The message names the function and,
 * where one is to blame, the component: `compositeIndex: geometric aggregation needs positive
 * values, component "access" is 0`.
 *
 * @example
 * ```ts
 * try {
 *   compositeIndex({ a: 0, b: 1 }, { weights: { a: 1, b: 1 }, aggregation: 'geometric' });
 * } catch (e) {
 *   if (e instanceof CompositeInputError) e.component; // 'a'
 * }
 * ```
 */
export class CompositeInputError extends Error {
  override readonly name = 'CompositeInputError';
  /** The function that refused its input, e.g. `'compositeIndex'`. */
  readonly fn: string;
  /** The component (or pillar) to blame, when there is one. */
  readonly component: string | undefined;

  constructor(fn: string, problem: string, component?: string) {
    super(`${fn}: ${problem}`);
    this.fn = fn;
    this.component = component;
  }
}

/** Output scale of a normaliser: [0, 1] or [0, 100]. */
export type Scale = 1 | 100;

type Maybe = number | null | undefined;

function checkScale(fn: string, scale: number): void {
  if (scale !== 1 && scale !== 100)
    throw new CompositeInputError(fn, `scale must be 1 or 100, got ${scale}`);
}

// Present values with their positions; throws on NaN/Infinity, which are bugs, not missing data.
function presentValues(fn: string, values: readonly Maybe[]): number[] {
  const present: number[] = [];
  values.forEach((v, i) => {
    if (v === null || v === undefined) return;
    if (!Number.isFinite(v)) {
      throw new CompositeInputError(
        fn,
        `non-finite value ${v} at index ${i}; use null for a missing value`,
      );
    }
    present.push(v);
  });
  return present;
}

/** Options of {@link minMax}. */
export interface MinMaxOptions {
  /** Lower goalpost; default the smallest present value. */
  min?: number;
  /** Upper goalpost; default the largest present value. */
  max?: number;
  /** 1 for [0, 1] (default), 100 for [0, 100]. */
  scale?: Scale;
  /** `lower_is_better` maps the lower goalpost to the top of the scale. Default `higher_is_better`. */
  direction?: Direction;
  /** Clamp results outside the goalposts to the scale's ends. Default false: they show as < 0 or > scale. */
  clamp?: boolean;
}

/**
 * Min-max normalisation: (v - min) / (max - min) times `scale`, or (max - v) / (max - min) for a
 * `lower_is_better` indicator. `null`/`undefined` pass through as `null`; they are not counted in
 * the observed min and max.
 *
 * **Goalposts:** `min` and `max` default to the observed range, which makes scores relative to this
 * year's villages: a village can improve and still score lower next year. To follow the divide
 * over time pass fixed goalposts, e.g. the indicator's range: `minMax(v, { ...indicator.range,
 * direction: indicator.direction })`. Values outside given goalposts are kept (below 0, above
 * `scale`) unless `clamp` is set.
 *
 * **Constant input:** when every present value is equal and no goalposts are given, min == max and
 * there is nothing to scale; this **throws** {@link CompositeInputError} instead of returning 0s,
 * which would silently sink every village in an arithmetic composite and make a geometric one fail.
 * Pass goalposts for such an indicator. Also throws when given `min >= max` or a non-finite value.
 * An empty array gives `[]`; all values missing gives all `null`.
 *
 * The lowest value maps to exactly 0, which a geometric {@link compositeIndex} refuses: for geometric
 * aggregation use goalposts below the observed minimum, or {@link distanceToReference}.
 *
 * @example
 * ```ts
 * minMax([20, 60, 100]); // [0, 0.5, 1]
 * minMax([1, 3, null, 5], { min: 1, max: 5, scale: 100 }); // [0, 50, null, 100]
 * minMax([10, 30], { min: 0, max: 40, direction: 'lower_is_better' }); // [0.75, 0.25]
 * ```
 */
export function minMax(values: readonly number[], options?: MinMaxOptions): number[];
export function minMax(values: readonly Maybe[], options?: MinMaxOptions): Array<number | null>;
export function minMax(
  values: readonly Maybe[],
  options: MinMaxOptions = {},
): Array<number | null> {
  const fn = 'minMax';
  const scale = options.scale ?? 1;
  checkScale(fn, scale);
  const present = presentValues(fn, values);
  for (const [name, goal] of [
    ['min', options.min],
    ['max', options.max],
  ] as const) {
    if (goal !== undefined && !Number.isFinite(goal)) {
      throw new CompositeInputError(fn, `${name} must be a finite number, got ${goal}`);
    }
  }
  if (present.length === 0) return values.map(() => null);
  let lo = options.min ?? Infinity;
  let hi = options.max ?? -Infinity;
  // Loops, not Math.min(...present): spreading tens of thousands of villages overflows the stack.
  if (options.min === undefined) for (const v of present) lo = Math.min(lo, v);
  if (options.max === undefined) for (const v of present) hi = Math.max(hi, v);
  if (lo === hi && options.min === undefined && options.max === undefined) {
    throw new CompositeInputError(
      fn,
      `all values equal ${lo} (min == max), nothing to scale; pass min and max, e.g. the indicator's range`,
    );
  }
  if (!(lo < hi)) throw new CompositeInputError(fn, `min ${lo} must be below max ${hi}`);
  const lowerIsBetter = options.direction === 'lower_is_better';
  return values.map((v) => {
    if (v === null || v === undefined) return null;
    let r = lowerIsBetter ? (hi - v) / (hi - lo) : (v - lo) / (hi - lo);
    if (options.clamp) r = Math.min(1, Math.max(0, r));
    return r * scale;
  });
}

/** Options of {@link zScore}. */
export interface ZScoreOptions {
  /** `lower_is_better` flips the sign so higher is always better. Default `higher_is_better`. */
  direction?: Direction;
}

/**
 * Standardisation: (v - mean) / sd with the **population** standard deviation (the present values
 * are all the villages, not a sample; the same choice as {@link coefficientOfVariation}).
 * `null`/`undefined` pass through as `null` and are left out of the mean and sd.
 * `lower_is_better` negates the result.
 *
 * **Constant input** (sd 0, including a single present value) **throws** {@link CompositeInputError}:
 * a z-score of an indicator with no spread is 0/0. A non-finite value throws too. An empty array
 * gives `[]`; all values missing gives all `null`.
 *
 * @example
 * ```ts
 * zScore([2, 4, 4, 4, 5, 5, 7, 9]); // mean 5, sd 2: [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]
 * ```
 */
export function zScore(values: readonly number[], options?: ZScoreOptions): number[];
export function zScore(values: readonly Maybe[], options?: ZScoreOptions): Array<number | null>;
export function zScore(
  values: readonly Maybe[],
  options: ZScoreOptions = {},
): Array<number | null> {
  const fn = 'zScore';
  const present = presentValues(fn, values);
  if (present.length === 0) return values.map(() => null);
  let sum = 0;
  for (const v of present) sum += v;
  const m = sum / present.length;
  let squares = 0;
  for (const v of present) squares += (v - m) ** 2;
  const sd = Math.sqrt(squares / present.length);
  if (sd === 0) {
    throw new CompositeInputError(
      fn,
      `all values equal ${m} (standard deviation 0), nothing to standardise`,
    );
  }
  const sign = options.direction === 'lower_is_better' ? -1 : 1;
  return values.map((v) => (v === null || v === undefined ? null : (sign * (v - m)) / sd));
}

/** Options of {@link distanceToReference}. */
export interface DistanceToReferenceOptions {
  /** Cap results at 1 (times `scale`), as ITU's IDI does for values beyond the reference. Default true. */
  cap?: boolean;
  /** 1 for [0, 1] (default), 100 for [0, 100]. */
  scale?: Scale;
}

/**
 * Distance to a reference value, ITU's IDI method (and so BPS's IP-TIK): value / reference, times
 * `scale`. By default capped at 1, because ITU caps an indicator at its reference (mobile
 * subscriptions per 100 people can pass the reference of 120; more is not better for the index);
 * pass `cap: false` to keep values above the reference.
 *
 * Unlike {@link minMax} the result does not depend on the other villages, so a score means the same
 * thing every year, and 0 only for a true 0. Defined for indicators where more is better; for a
 * `lower_is_better` indicator use minMax with `direction`.
 *
 * `reference` must be a positive number; values must be finite and non-negative (`null`/`undefined`
 * pass through). Otherwise throws {@link CompositeInputError}.
 *
 * @example
 * ```ts
 * distanceToReference([60, 120, 150], 120); // [0.5, 1, 1]
 * distanceToReference([60, 150], 120, { cap: false, scale: 100 }); // [50, 125]
 * ```
 */
export function distanceToReference(
  values: readonly number[],
  reference: number,
  options?: DistanceToReferenceOptions,
): number[];
export function distanceToReference(
  values: readonly Maybe[],
  reference: number,
  options?: DistanceToReferenceOptions,
): Array<number | null>;
export function distanceToReference(
  values: readonly Maybe[],
  reference: number,
  options: DistanceToReferenceOptions = {},
): Array<number | null> {
  const fn = 'distanceToReference';
  const scale = options.scale ?? 1;
  checkScale(fn, scale);
  if (!(Number.isFinite(reference) && reference > 0)) {
    throw new CompositeInputError(fn, `reference must be a positive number, got ${reference}`);
  }
  presentValues(fn, values);
  values.forEach((v, i) => {
    if (typeof v === 'number' && v < 0)
      throw new CompositeInputError(fn, `negative value ${v} at index ${i}`);
  });
  const cap = options.cap ?? true;
  return values.map((v) => {
    if (v === null || v === undefined) return null;
    const r = v / reference;
    return (cap ? Math.min(1, r) : r) * scale;
  });
}

/**
 * How components are combined. `arithmetic` (weighted mean) is compensatory: a high pillar makes up
 * for a low one. `geometric` (weighted product of powers) penalises imbalance and needs positive
 * values. The choice changes how villages rank, so it is always stated, never defaulted, in
 * {@link compositeIndex}.
 *
 * @example
 * ```ts
 * Aggregation.parse('geometric'); // 'geometric'
 * ```
 */
export const Aggregation = z.enum(['arithmetic', 'geometric']);
export type Aggregation = z.infer<typeof Aggregation>;

/**
 * What {@link compositeIndex} does when a component is missing: `null` (the default) gives no
 * value; `reweight` aggregates the present components with their weights rescaled to sum to 1 and
 * reports the share of weight that was used.
 *
 * @example
 * ```ts
 * OnMissing.parse('reweight'); // 'reweight'
 * ```
 */
export const OnMissing = z.enum(['null', 'reweight']);
export type OnMissing = z.infer<typeof OnMissing>;

/**
 * Options of {@link compositeIndex}. `weights` name the components (a score for any other name is
 * an error) and are relative: `{ a: 2, b: 1 }` is the same as `{ a: 2/3, b: 1/3 }`. A component of
 * weight 0 is left out entirely, so it is never counted as missing (handy for sensitivity runs).
 * `minComponents` (default 1) is the fewest present components `reweight` will aggregate.
 *
 * @example
 * ```ts
 * CompositeOptions.parse({ weights: { access: 0.4, use: 0.4, skills: 0.2 }, aggregation: 'arithmetic' });
 * ```
 */
export const CompositeOptions = z.object({
  weights: z
    .record(z.string(), z.number().nonnegative())
    .refine((w) => Object.values(w).some((v) => v > 0), {
      message: 'weights need at least one positive weight',
    }),
  aggregation: Aggregation,
  onMissing: OnMissing.optional(),
  minComponents: z.number().int().positive().optional(),
});
export type CompositeOptions = z.infer<typeof CompositeOptions>;

/** Component scores for {@link compositeIndex}; `null` or `undefined` (or no key) is missing. */
export type ComponentScores = Readonly<Record<string, number | null | undefined>>;

/** Result of {@link compositeIndex} and {@link skillsIndex}. */
export interface CompositeResult {
  /** The composite; null when a component is missing (default) or too few are present (`reweight`). */
  value: number | null;
  /** Number of components that had a value. */
  used: number;
  /** Names of the components without a value, in the order of `weights`. */
  missing: string[];
  /** Share of the total weight carried by the present components, in [0, 1]. */
  weightUsed: number;
}

/**
 * Aggregates component scores into one composite with explicit weights and aggregation:
 * - arithmetic: sum_c w_c x_c / sum_c w_c;
 * - geometric: prod_c x_c^(w_c / sum w), computed as exp(sum w ln x / sum w).
 * The geometric mean is never above the arithmetic one, equal only when all components are equal.
 *
 * **Missing values are never averaged away silently.** A component is missing when its score is
 * `null`, `undefined` or absent. With `onMissing: 'null'` (default) any missing component gives
 * `value: null`. With `onMissing: 'reweight'` the present components are aggregated with their
 * weights rescaled to sum to 1, as long as at least `minComponents` (default 1) are present; the
 * result always says how many were `used`, which are `missing` and the `weightUsed`.
 *
 * Throws {@link CompositeInputError} for: a score naming a component that has no weight (a typo
 * would otherwise vanish), a NaN or infinite score (use null for missing), a negative or
 * non-finite weight, weights without a positive one, `minComponents` above the number of
 * weighted components, and - for geometric aggregation - any score <= 0, naming the component
 * (min-max scores reach 0 at the worst village: see {@link minMax}).
 *
 * @example
 * ```ts
 * const weights = { access: 0.4, use: 0.4, skills: 0.2 }; // ITU IDI / BPS IP-TIK
 * compositeIndex({ access: 5.81, use: 5.91, skills: 6.04 }, { weights, aggregation: 'arithmetic' });
 * // { value: 5.896, used: 3, missing: [], weightUsed: 1 } (IP-TIK 2023: 5.90)
 * compositeIndex({ access: 5.81, use: null, skills: 6.04 }, { weights, aggregation: 'arithmetic' });
 * // { value: null, used: 2, missing: ['use'], weightUsed: 0.6 }
 * compositeIndex({ access: 5.81, use: null, skills: 6.04 }, {
 *   weights, aggregation: 'arithmetic', onMissing: 'reweight',
 * }); // { value: (0.4 * 5.81 + 0.2 * 6.04) / 0.6 = 5.887, used: 2, missing: ['use'], weightUsed: 0.6 }
 * ```
 */
export function compositeIndex(
  scores: ComponentScores,
  options: CompositeOptions,
): CompositeResult {
  return aggregate('compositeIndex', scores, options);
}

// compositeIndex with the caller's name in errors, so skillsIndex's errors name skillsIndex.
function aggregate(
  fn: string,
  scores: ComponentScores,
  options: CompositeOptions,
): CompositeResult {
  const { weights, aggregation } = options;
  if (!Aggregation.safeParse(aggregation).success) {
    throw new CompositeInputError(
      fn,
      `unknown aggregation: ${String(aggregation)} (known: arithmetic, geometric)`,
    );
  }
  const onMissing = options.onMissing ?? 'null';
  if (!OnMissing.safeParse(onMissing).success) {
    throw new CompositeInputError(
      fn,
      `unknown onMissing: ${String(onMissing)} (known: null, reweight)`,
    );
  }
  const names = Object.keys(weights);
  let totalWeight = 0;
  for (const name of names) {
    const w = weights[name];
    if (w === undefined || !Number.isFinite(w) || w < 0) {
      throw new CompositeInputError(
        fn,
        `weight of "${name}" must be a non-negative number, got ${w}`,
        name,
      );
    }
    totalWeight += w;
  }
  if (!(totalWeight > 0))
    throw new CompositeInputError(fn, 'weights need at least one positive weight');
  for (const name of Object.keys(scores)) {
    if (!Object.hasOwn(weights, name)) {
      throw new CompositeInputError(
        fn,
        `score for unknown component "${name}" (weights name: ${names.join(', ')})`,
        name,
      );
    }
  }
  const active = names.filter((name) => (weights[name] ?? 0) > 0);
  const minComponents = options.minComponents ?? 1;
  if (!(Number.isInteger(minComponents) && minComponents >= 1 && minComponents <= active.length)) {
    throw new CompositeInputError(
      fn,
      `minComponents must be an integer from 1 to ${active.length}, got ${minComponents}`,
    );
  }

  const missing: string[] = [];
  const present: Array<{ w: number; x: number }> = [];
  for (const name of active) {
    const x = scores[name];
    const w = weights[name] ?? 0;
    if (x === null || x === undefined) {
      missing.push(name);
      continue;
    }
    if (!Number.isFinite(x)) {
      throw new CompositeInputError(
        fn,
        `component "${name}" is ${x}; use null for a missing value`,
        name,
      );
    }
    if (aggregation === 'geometric' && x <= 0) {
      throw new CompositeInputError(
        fn,
        `geometric aggregation needs positive values, component "${name}" is ${x}`,
        name,
      );
    }
    present.push({ w, x });
  }
  let usedWeight = 0;
  for (const { w } of present) usedWeight += w;
  const result = { used: present.length, missing, weightUsed: usedWeight / totalWeight };
  if ((missing.length > 0 && onMissing === 'null') || present.length < minComponents) {
    return { value: null, ...result };
  }
  let acc = 0;
  if (aggregation === 'arithmetic') {
    for (const { w, x } of present) acc += (w / usedWeight) * x;
    return { value: acc, ...result };
  }
  for (const { w, x } of present) acc += (w / usedWeight) * Math.log(x);
  return { value: Math.exp(acc), ...result };
}

/** The four ILD pillar scores for {@link skillsIndex}, each on the 1-5 scale; missing is allowed. */
export type SkillPillarScores = Partial<Record<SkillPillar, number | null | undefined>>;

/** Options of {@link skillsIndex}; every one has the ILD's published method as default. */
export interface SkillsIndexOptions {
  /** Default `arithmetic`, which reproduces the published ILD. */
  aggregation?: Aggregation;
  /** Default equal weights, as the published ILD. */
  weights?: Readonly<Record<SkillPillar, number>>;
  /** Default `null`: a missing pillar gives no index. */
  onMissing?: OnMissing;
  /** Fewest pillars `reweight` will aggregate; default 1. */
  minComponents?: number;
}

/**
 * The Indeks Literasi Digital from its four pillars (digital skills, ethics, safety, culture), on
 * the survey's 1-5 scale. Default: the equal-weight arithmetic mean, which reproduces the
 * published national figures to their two decimals (2020: 3.34, 3.72, 3.24, 3.55 give 3.4625,
 * published 3.46; 2021: 3.4925 vs 3.49; 2022: 3.54 vs 3.54).
 *
 * Missing pillars follow {@link compositeIndex}: by default one missing pillar gives `value: null`.
 * That is deliberate: the 2023 release gives 3.65 with the culture pillar unpublished, and the mean
 * of the other three (3.593) would not reproduce it. Pass `onMissing: 'reweight'` to aggregate what
 * is there anyway, and `aggregation: 'geometric'` to penalise uneven pillars.
 *
 * Throws {@link CompositeInputError} for an unknown pillar name, a pillar score outside [1, 5] or
 * not finite (`skillsIndex: digital_skills must be between 1 and 5, got 7`), and for bad options.
 *
 * @example
 * ```ts
 * skillsIndex({ digital_skills: 3.52, digital_ethics: 3.68, digital_safety: 3.12, digital_culture: 3.84 });
 * // { value: 3.54, used: 4, missing: [], weightUsed: 1 } (ILD 2022)
 * skillsIndex({ digital_skills: 3.5, digital_ethics: 3.99, digital_safety: 3.29 }).value; // null
 * ```
 */
export function skillsIndex(
  pillars: SkillPillarScores,
  options: SkillsIndexOptions = {},
): CompositeResult {
  const fn = 'skillsIndex';
  const known = new Set<string>(SKILL_PILLARS);
  for (const [name, score] of Object.entries(pillars) as Array<[string, Maybe]>) {
    if (!known.has(name)) {
      throw new CompositeInputError(
        fn,
        `unknown pillar "${name}" (known: ${SKILL_PILLARS.join(', ')})`,
        name,
      );
    }
    if (score === null || score === undefined) continue;
    if (!(Number.isFinite(score) && score >= 1 && score <= 5)) {
      throw new CompositeInputError(fn, `${name} must be between 1 and 5, got ${score}`, name);
    }
  }
  const weights = options.weights ?? Object.fromEntries(SKILL_PILLARS.map((p) => [p, 1] as const));
  const composite: CompositeOptions = { weights, aggregation: options.aggregation ?? 'arithmetic' };
  if (options.onMissing !== undefined) composite.onMissing = options.onMissing;
  if (options.minComponents !== undefined) composite.minComponents = options.minComponents;
  return aggregate(fn, pillars, composite);
}
