// Deployment planning (issue 15): where the next Pandu Digital volunteers go. The model and its
// explanation are pure; the HiGHS solver is loaded from the subpath export
// `@pandu/domain/planning-solver` so this barrel stays free of I/O and of the wasm runtime.
export * from './plan-options.js';
export * from './plan-request.js';
export * from './plan-data.js';
export * from './plan-errors.js';
export * from './plan-solver.js';
export * from './plan-model.js';
export * from './plan-program.js';
export * from './rule-based-plan.js';
export * from './create-plan.js';
