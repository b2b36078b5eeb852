// The statistical building blocks: the divide metrics (how unequal villages are, and whether that
// is shrinking), the Student-t quantile and the difference in differences behind the mentoring
// impact. The db package computes several of these in DuckDB and tests its SQL equal to them.
// Every function is pure, never reorders its input, and throws DivideInputError (naming itself)
// for input it cannot measure (the t quantile, a RangeError). The check-values and ranked-sum
// helpers stay internal.
export { DivideInputError } from './divide-input-error.js';
export { mean } from './mean.js';
export { quantile } from './quantile.js';
export { gini, weightedGini } from './gini.js';
export { theil, theilDecomposition } from './theil.js';
export type { TheilDecomposition, TheilGroup, TheilGroupsInput } from './theil.js';
export { coefficientOfVariation, williamson } from './coefficient-of-variation.js';
export { palmaRatio } from './palma-ratio.js';
export { quintileGap } from './quintile-gap.js';
export type { Gap } from './quintile-gap.js';
export { maxMinGap } from './max-min-gap.js';
export { shareBelow } from './share-below.js';
export { lorenzCurve } from './lorenz-curve.js';
export type { LorenzPoint } from './lorenz-curve.js';
export { linearTrend } from './linear-trend.js';
export type { LinearTrend } from './linear-trend.js';
export { yearReaching } from './year-reaching.js';
export type { YearValueSeries } from './year-reaching.js';
export { sigmaConvergence } from './sigma-convergence.js';
export type { SigmaConvergence, SigmaYear, YearValuesSeries } from './sigma-convergence.js';
export { betaConvergence } from './beta-convergence.js';
export type { BetaConvergence } from './beta-convergence.js';
export { studentTQuantile975 } from './student-t-quantile.js';
export {
  differenceInDifferences,
  didEstimate,
  didPValue,
  controlUntilOffset,
  DID_DEFAULT_WINDOW,
} from './difference-in-differences.js';
export type {
  DidWindow,
  DidCohort,
  DidEstimate,
  DidUnit,
  DifferenceInDifferences,
} from './difference-in-differences.js';
export { studentTPValue } from './student-t-p-value.js';
export { olsInference } from './ols-inference.js';
export type { OlsInference } from './ols-inference.js';
// CONV: convergence that says how sure it is (issue 12).
export { olsInferenceFromSums } from './ols-inference.js';
export type { SlopeInference } from './ols-inference.js';
export { absoluteBetaConvergence, betaSpeed } from './beta-convergence.js';
export {
  CONVERGENCE_MIN_VILLAGES,
  CONVERGENCE_SIGNIFICANCE,
  CONVERGENCE_VERDICTS,
  convergenceVerdict,
} from './convergence-verdict.js';
export type { ConvergenceVerdict, SlopeTest } from './convergence-verdict.js';
export {
  SHARE_BELOW_PROJECTION_LEVEL,
  empiricalLogit,
  shareBelowProjection,
} from './share-below-projection.js';
export type { BelowCount, ShareBelowProjection } from './share-below-projection.js';
// PEOPLE: weighting figures by residents (issue 12).
export { FigureWeight, DEFAULT_FIGURE_WEIGHT } from './figure-weight.js';
export { weightedMean } from './weighted-mean.js';
export { weightedQuantile } from './weighted-quantile.js';
export { weightedTheil } from './weighted-theil.js';
export {
  eventStudy,
  preTrendOf,
  EVENT_TIMES,
  EVENT_STUDY_BASE_OFFSET,
  HEADLINE_EVENT_TIME,
} from './event-study.js';
export type { EventStudy, EventTime, EventTimeEstimate, PreTrend } from './event-study.js';
