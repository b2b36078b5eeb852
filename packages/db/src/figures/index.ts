export { refreshFigures, type FiguresProgress } from './refresh-figures.js';
export { figuresFresh } from './figures-fresh.js';
export { refreshScopeFigures } from './scope-figures.js';
export { storedDivideSummary } from './stored-divide-summary.js';
export { storedIndexByRegion } from './stored-index-by-region.js';
export { storedTimeseries, storedYearCoverage } from './stored-timeseries.js';
export { storedLorenz, storedDistribution } from './stored-shapes.js';
export { storedConvergence } from './stored-convergence.js';
export { storedChildConvergence } from './stored-child-convergence.js';
