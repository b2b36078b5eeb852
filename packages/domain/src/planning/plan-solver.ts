/**
 * A linear or mixed-integer program in the form every solver takes: maximise `cost . x` subject to
 * `rowLower <= A x <= rowUpper` and `0 <= x <= colUpper`, `A` in compressed sparse columns.
 */
export interface LinearProgram {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** CSC: column j's entries are `indices[starts[j]..starts[j+1])` (row numbers) and `values`. */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** Whether every column must be a whole number. */
  integer: boolean;
}

/** What a solver found. `x` is meaningful only when `status` is `optimal`. */
export interface LinearProgramSolution {
  status: 'optimal' | 'infeasible' | 'failed';
  objective: number;
  x: Float64Array;
  /** The solver's own status, for the message when it is not `optimal`. */
  detail: string;
}

/**
 * A solver the planner can use. The planner only builds programs and reads solutions, so a test
 * can put an exhaustive search in its place and compare, and another solver (glpk.js, yalps) fits
 * behind the same two members.
 */
export interface PlanSolver {
  /** Name and version, reported with the plan (`HiGHS 1.15.1 (wasm)`). */
  readonly name: string;
  /** Maximises; never throws for an infeasible program (the status says so). */
  solve(program: LinearProgram): LinearProgramSolution;
}
