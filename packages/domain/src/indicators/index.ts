export * from './framework.js';
export * from './measure.js';
export * from './observation.js';
