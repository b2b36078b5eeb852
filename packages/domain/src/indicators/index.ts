export * from './framework.js';
export * from './measure.js';
export * from './measure-scales.js';
export * from './observation.js';
