export * from './invalid-region-code-error.js';
export * from './region-code.js';
export * from './village-code.js';
export * from './region-level.js';
export * from './parent-code.js';
export * from './village-kind.js';
export * from './province-in-2021-borders.js';
export * from './region.js';
