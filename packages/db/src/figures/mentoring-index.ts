// The stored mentoring figures' public reads, one line in the package index (the FIGURES helper's
// reads have their own): each returns what the on-demand query returns, or null.
export { storedMentoringCoverage } from './mentoring-coverage-figures.js';
export { storedMentoringImpact } from './mentoring-impact-figures.js';
export { storedMentoringPriorities } from './mentoring-priority-figures.js';
export { refreshMentoringFigures, type MentoringFiguresTimings } from './mentoring-figures.js';
