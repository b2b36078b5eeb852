export * from './framework.js';
export * from './observation.js';
