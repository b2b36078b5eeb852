/**
 * @pandu/domain: the vocabulary of Pandu. Pure TypeScript, no I/O.
 *
 * @example
 * ```ts
 * import { parseRegionCode, gini, FRAMEWORK, SECTORS } from '@pandu/domain';
 * ```
 * @packageDocumentation
 */
export * from './regions/index.js';
export * from './sectors.js';
export * from './sector-codes.js';
export * from './export-formats.js';
export * from './export-format.js';
export * from './indicators/index.js';
export * from './composite.js';
export * from './statistics/index.js';
export * from './mentoring.js';
export * from './users/index.js';
export * from './planning/index.js';
export * from './sql-console.js';
export * from './methods/index.js';
