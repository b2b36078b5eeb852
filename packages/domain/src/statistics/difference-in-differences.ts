import { DivideInputError } from './divide-input-error.js';
import { studentTPValue } from './student-t-p-value.js';
import { studentTQuantile975 } from './student-t-quantile.js';

/** One unit (a village) of {@link differenceInDifferences}. */
export interface DidUnit {
  /** Treated units are compared only with control units of the same group (a regency). */
  group: string;
  /** The year the unit was first treated by anything (any sector); null when never. */
  firstTreated: number | null;
  /**
   * The year it received the treatment studied, which was its first: its cohort. Null when it is
   * not in a cohort (never treated, or first treated with something else).
   */
  cohort: number | null;
  /** The outcome by year; a year missing leaves the unit out of the cohorts that need it. */
  values: ReadonlyMap<number, number>;
}

/** An effect estimate with its uncertainty. */
export interface DidEstimate {
  /** Mean extra change of the outcome in treated units, in the outcome's unit. */
  estimate: number;
  standardError: number;
  /** 95% confidence interval: estimate -+ t(0.975, degreesOfFreedom) x standardError. */
  ci95: [number, number];
  /** Satterthwaite degrees of freedom; null when every change was equal (no spread to estimate). */
  degreesOfFreedom: number | null;
  /**
   * Two-sided p-value of estimate / standardError against Student's t with `degreesOfFreedom`
   * (the normal when those are null); null when the standard error is 0 (nothing to test).
   */
  pValue: number | null;
  /** Treated units compared (each in its cohort). */
  nTreated: number;
  /** Distinct control units they were compared with. */
  nControl: number;
}

/** The estimate for the units first treated in one year. */
export interface DidCohort extends DidEstimate {
  /**
   * The cohort's year g: the change is measured from g + `from` to g + `to` (from g to g + 1 by
   * default, see {@link DidWindow}).
   */
  year: number;
  /** Groups with at least one treated and two control units that year. */
  groups: number;
}

/** Result of {@link differenceInDifferences}: the pooled estimate and one per cohort. */
export interface DifferenceInDifferences extends DidEstimate {
  /** Units in a cohort, compared or not (`nTreated` were). */
  treatedUnits: number;
  /** Cohorts with at least one comparison, oldest first. */
  cohorts: DidCohort[];
}

/** What a cell (one group, one cohort) contributes; summed per cohort and overall. */
interface Sums {
  w: number;
  weightedDid: number;
  groups: number;
  /** Sum of squared influence terms (a lone treated unit contributes 0 here). */
  clustered: number;
  /** The control variance a lone treated unit borrows. */
  single: number;
  satt: number;
  sattDf: number;
}

const emptySums = (): Sums => ({
  w: 0,
  weightedDid: 0,
  groups: 0,
  clustered: 0,
  single: 0,
  satt: 0,
  sattDf: 0,
});

/** A unit's change of the outcome over a cohort's two years; `id` is its index in the input. */
interface Change {
  id: number;
  d: number;
}

const meanOf = (xs: readonly Change[]) => xs.reduce((s, x) => s + x.d, 0) / xs.length;
const varSamp = (xs: readonly Change[], m: number) =>
  xs.reduce((s, x) => s + (x.d - m) ** 2, 0) / (xs.length - 1);

/**
 * The two-sided p-value of a difference-in-differences estimate: Student's t with the
 * Satterthwaite degrees of freedom (the normal when they are null); null when the standard error
 * is 0 or not finite, where there is nothing to test.
 *
 * @example
 * ```ts
 * didPValue(0.3, 0.1, Infinity); // 0.0027: three standard errors from 0
 * ```
 */
export function didPValue(
  estimate: number,
  standardError: number,
  degreesOfFreedom: number | null,
): number | null {
  if (!(standardError > 0) || !Number.isFinite(standardError) || !Number.isFinite(estimate)) {
    return null;
  }
  return studentTPValue(estimate / standardError, degreesOfFreedom ?? Infinity);
}

/**
 * A difference-in-differences estimate from its sums: the estimate, its standard error and the
 * Satterthwaite degrees of freedom, with the 95 % interval and the p-value they give. Every
 * implementation (the domain's, the db package's on-demand query and its stored read) ends here,
 * so the derived fields are computed the same way from the same three numbers.
 *
 * @example
 * ```ts
 * didEstimate({ estimate: 0.3, standardError: 0.1, degreesOfFreedom: null, nTreated: 5, nControl: 9 });
 * ```
 */
export function didEstimate(e: {
  estimate: number;
  standardError: number;
  degreesOfFreedom: number | null;
  nTreated: number;
  nControl: number;
}): DidEstimate {
  const half = studentTQuantile975(e.degreesOfFreedom ?? Infinity) * e.standardError;
  return {
    estimate: e.estimate,
    standardError: e.standardError,
    ci95: [e.estimate - half, e.estimate + half],
    degreesOfFreedom: e.degreesOfFreedom,
    pValue: didPValue(e.estimate, e.standardError, e.degreesOfFreedom),
    nTreated: e.nTreated,
    nControl: e.nControl,
  };
}

function estimateOf(s: Sums, nControl: number): DidEstimate {
  return didEstimate({
    estimate: s.weightedDid / s.w,
    standardError: Math.sqrt(s.clustered + s.single) / s.w,
    degreesOfFreedom: s.sattDf > 0 ? s.satt ** 2 / s.sattDf : null,
    nTreated: s.w,
    nControl,
  });
}

/**
 * The two years a difference in differences compares, as offsets from the cohort year g: the
 * change is y[g + to] - y[g + from]. The default (0, 1) is the change over the first year after
 * the event year; the event study measures every event time k against the year before the
 * event, (-1, k).
 */
export interface DidWindow {
  from: number;
  to: number;
}

/** The change from the event year to the next: the difference in differences of old. */
export const DID_DEFAULT_WINDOW: DidWindow = { from: 0, to: 1 };

/**
 * The last offset from the cohort year g that a control must still be unmentored at: the later
 * of the window's years, and at least g itself (a village first mentored in g is a cohort
 * member or, first mentored in another sector, left out; never a control).
 *
 * @example
 * ```ts
 * controlUntilOffset({ from: -1, to: -2 }); // 0: a placebo's controls are unmentored through g
 * ```
 */
export function controlUntilOffset(window: DidWindow): number {
  return Math.max(0, window.from, window.to);
}

/**
 * A staggered difference in differences within groups, with not-yet-treated controls. For each
 * cohort y (units whose first treatment, the one studied, was in year y): the change of the
 * outcome from y to y + 1, minus the mean change over the same two years of the units of the same
 * group not treated by y + 1 (never treated, or first treated after y + 1; units treated earlier,
 * or first treated in y or y + 1 with something else, are neither). A group-cohort cell needs at
 * least one treated and two control units; cells are pooled weighted by their treated counts.
 *
 * `window` moves the two years compared: with `{ from: -1, to: k }` the change is from the year
 * before the event to g + k (the event study's ATT(g, g + k)), and controls must be unmentored
 * through the later of g and g + k ({@link controlUntilOffset}).
 *
 * The standard error comes from the influence function of the pooled estimator, clustered by unit
 * (a control unit's changes enter several cohorts), each cell's squared residuals scaled by
 * n/(n-1); a lone treated unit borrows its cell's control variance. The 95% interval uses
 * Student's t with Satterthwaite degrees of freedom, each cell's treated and control mean a
 * variance component with n - 1 degrees of freedom. Within one cohort each unit enters once, so
 * a cohort's standard error is the two-sample (Welch) one.
 *
 * This is the definition the db package's `mentoringImpact` computes in DuckDB (villages grouped
 * by regency); a test there holds the two equal.
 *
 * Errors are {@link DivideInputError}: a non-finite value, a cohort that is not the unit's first
 * treatment, or no cohort with a comparison.
 *
 * @example
 * ```ts
 * const v = (a: number, b: number) => new Map([[2021, a], [2022, b]]);
 * const did = differenceInDifferences([
 *   { group: 'A', firstTreated: 2021, cohort: 2021, values: v(3, 3.5) },
 *   { group: 'A', firstTreated: null, cohort: null, values: v(3, 3.1) },
 *   { group: 'A', firstTreated: null, cohort: null, values: v(3, 3.3) },
 * ]);
 * did.estimate; // 0.3: 0.5 against a mean control change of 0.2
 * ```
 */
export function differenceInDifferences(
  units: readonly DidUnit[],
  window: DidWindow = DID_DEFAULT_WINDOW,
): DifferenceInDifferences {
  const fn = 'differenceInDifferences';
  if (!Number.isInteger(window.from) || !Number.isInteger(window.to) || window.from === window.to) {
    throw new DivideInputError(fn, `invalid window: from ${window.from} to ${window.to}`);
  }
  const until = controlUntilOffset(window);
  units.forEach((u, i) => {
    if (u.cohort !== null && u.cohort !== u.firstTreated) {
      throw new DivideInputError(
        fn,
        `unit at index ${i} is in cohort ${u.cohort} but was first treated in ${u.firstTreated}`,
        i,
      );
    }
    for (const [year, value] of u.values) {
      if (!Number.isFinite(value)) {
        throw new DivideInputError(fn, `non-finite value ${value} in ${year} at index ${i}`, i);
      }
    }
  });
  const cohortYears = [...new Set(units.flatMap((u) => (u.cohort === null ? [] : [u.cohort])))];
  cohortYears.sort((a, b) => a - b);

  const total = emptySums();
  const controls = new Set<number>();
  /** Each unit's influence terms summed over the cohorts it enters: the clustering. */
  const influence = new Map<number, number>();
  const cohorts: DidCohort[] = [];
  for (const y of cohortYears) {
    /** Each unit's change from y to y + 1, by group and role; units are named by their index. */
    const cells = new Map<string, { treated: Change[]; control: Change[] }>();
    units.forEach((u, id) => {
      const a = u.values.get(y + window.from);
      const b = u.values.get(y + window.to);
      if (a === undefined || b === undefined) return;
      const treated = u.cohort === y;
      if (!treated && !(u.firstTreated === null || u.firstTreated > y + until)) return;
      const cell = cells.get(u.group) ?? { treated: [], control: [] };
      (treated ? cell.treated : cell.control).push({ id, d: b - a });
      cells.set(u.group, cell);
    });
    const sums = emptySums();
    const cohortControls = new Set<number>();
    for (const { treated, control } of cells.values()) {
      const nt = treated.length;
      const nc = control.length;
      if (nt < 1 || nc < 2) continue;
      const mt = meanOf(treated);
      const mc = meanOf(control);
      const vc = varSamp(control, mc);
      const vt = nt > 1 ? varSamp(treated, mt) : null;
      sums.w += nt;
      sums.weightedDid += nt * (mt - mc);
      sums.groups += 1;
      if (vt === null) sums.single += vc;
      // Satterthwaite components, the treated mean's (or the borrowed control variance) and the
      // control mean's, each scaled like the variance by W^2, which cancels in the ratio.
      const components: Array<[variance: number, df: number]> = [
        [nt * (vt ?? vc), nt > 1 ? nt - 1 : nc - 1],
        [(nt * nt * vc) / nc, nc - 1],
      ];
      for (const [v, df] of components) {
        sums.satt += v;
        sums.sattDf += (v * v) / df;
      }
      // z = W x (the unit's term of the influence function) in its cell.
      const add = (id: number, z: number) => {
        sums.clustered += z * z;
        influence.set(id, (influence.get(id) ?? 0) + z);
      };
      for (const { id, d } of treated)
        add(id, vt === null ? 0 : (d - mt) * Math.sqrt(nt / (nt - 1)));
      for (const { id, d } of control) {
        add(id, -(nt / nc) * (d - mc) * Math.sqrt(nc / (nc - 1)));
        cohortControls.add(id);
      }
    }
    if (sums.w === 0) continue;
    cohorts.push({ year: y, groups: sums.groups, ...estimateOf(sums, cohortControls.size) });
    for (const id of cohortControls) controls.add(id);
    total.w += sums.w;
    total.weightedDid += sums.weightedDid;
    total.groups += sums.groups;
    total.single += sums.single;
    total.satt += sums.satt;
    total.sattDf += sums.sattDf;
  }
  if (total.w === 0) {
    throw new DivideInputError(
      fn,
      'no cohort has a treated unit and two control units of its group in consecutive years',
    );
  }
  for (const z of influence.values()) total.clustered += z * z;
  return {
    ...estimateOf(total, controls.size),
    treatedUnits: units.filter((u) => u.cohort !== null).length,
    cohorts,
  };
}
