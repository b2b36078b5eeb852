export { refreshFigures, type FiguresProgress } from './refresh-figures.js';
export { figuresFresh } from './figures-fresh.js';
