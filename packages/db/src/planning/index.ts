export { planInputs } from './plan-inputs.js';
