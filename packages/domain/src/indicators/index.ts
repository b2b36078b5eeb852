export * from './framework.js';
export * from './measure.js';
export * from './index-measures.js';
export * from './measure-scales.js';
export * from './observation.js';
export * from './observation-sources.js';
