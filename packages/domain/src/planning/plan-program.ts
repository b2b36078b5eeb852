import type { PlanModel } from './plan-model.js';
import type { LinearProgram, PlanSolver } from './plan-solver.js';

/** A part of the model solved on its own: the candidates (indices into `model.candidates`). */
export interface PlanComponent {
  candidates: number[];
  program: LinearProgram;
}

/** The plan as events per candidate, with how it was solved. */
export interface SolvedModel {
  /** Events assigned to each candidate, in `model.candidates` order (whole numbers). */
  events: Int32Array;
  objective: number;
  /** Programs solved (one per travel area without an equity rule, else one). */
  programs: number;
  /** Largest program solved: columns and rows. */
  largest: { columns: number; rows: number };
  status: 'optimal' | 'infeasible' | 'failed';
  detail: string;
}

/**
 * The program of a set of candidates. Columns: events per (unit, sector) candidate, between 0 and
 * its cap, whole numbers. Rows: each pool's events at most its capacity; each unit's events at
 * most its cap; with an equity rule, `sum (groupShare - minShare) x >= 0`, i.e. at least
 * `minShare` of the events in the group.
 *
 * Without the equity row the matrix is the incidence matrix of a bipartite graph (pools x units),
 * totally unimodular: the linear relaxation already has whole-number optima, and HiGHS proves
 * optimality at the root. The equity row breaks that, so the columns are declared integer always.
 *
 * @example
 * ```ts
 * const { program } = planProgram(model, model.candidates.map((_, i) => i));
 * program.numCols; // model.candidates.length
 * ```
 */
export function planProgram(model: PlanModel, members: readonly number[]): PlanComponent {
  const poolRow = new Map<number, number>();
  const unitRow = new Map<number, number>();
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const c of members) {
    const cand = model.candidates[c]!;
    if (!poolRow.has(cand.pool)) {
      poolRow.set(cand.pool, rowLower.length);
      rowLower.push(-Infinity);
      rowUpper.push(model.pools[cand.pool]!.capacity);
    }
  }
  for (const c of members) {
    const cand = model.candidates[c]!;
    if (!unitRow.has(cand.unit)) {
      unitRow.set(cand.unit, rowLower.length);
      rowLower.push(-Infinity);
      rowUpper.push(model.units[cand.unit]!.cap);
    }
  }
  const equity = model.request.equity;
  const equityRow = equity ? rowLower.length : -1;
  if (equity) {
    rowLower.push(0);
    rowUpper.push(Infinity);
  }
  const n = members.length;
  const colCost = new Float64Array(n);
  const colUpper = new Float64Array(n);
  const starts = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  members.forEach((c, j) => {
    const cand = model.candidates[c]!;
    colCost[j] = cand.coefficient;
    colUpper[j] = cand.cap;
    indices.push(poolRow.get(cand.pool)!, unitRow.get(cand.unit)!);
    values.push(1, 1);
    if (equity) {
      const a = cand.groupShare - equity.minShare;
      if (a !== 0) {
        indices.push(equityRow);
        values.push(a);
      }
    }
    starts[j + 1] = indices.length;
  });
  return {
    candidates: [...members],
    program: {
      numCols: n,
      numRows: rowLower.length,
      colCost,
      colUpper,
      rowLower: Float64Array.from(rowLower),
      rowUpper: Float64Array.from(rowUpper),
      starts,
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
      integer: true,
    },
  };
}

/**
 * The components solved separately: without an equity rule, every travel area on its own (no
 * pool or unit spans two areas, so the areas' programs are independent and their optima add up to
 * the whole model's); with one, a single program (the rule counts events across the scope).
 */
export function planComponents(model: PlanModel): PlanComponent[] {
  if (model.request.equity) {
    return [
      planProgram(
        model,
        model.candidates.map((_, i) => i),
      ),
    ];
  }
  const byArea = new Map<string, number[]>();
  model.candidates.forEach((cand, i) => {
    const area = model.pools[cand.pool]!.area;
    const list = byArea.get(area);
    if (list) list.push(i);
    else byArea.set(area, [i]);
  });
  return [...byArea.keys()].sort().map((area) => planProgram(model, byArea.get(area)!));
}

/**
 * Solves the model: builds each component's program, solves it and collects the events per
 * candidate. Values are rounded to whole numbers (the solver returns them within its tolerance).
 *
 * @example
 * ```ts
 * const solved = solvePlanModel(model, await loadHighsSolver());
 * solved.status; // 'optimal'
 * ```
 */
export function solvePlanModel(model: PlanModel, solver: PlanSolver): SolvedModel {
  const events = new Int32Array(model.candidates.length);
  let objective = 0;
  let programs = 0;
  const largest = { columns: 0, rows: 0 };
  for (const component of planComponents(model)) {
    const { program } = component;
    programs++;
    if (program.numCols > largest.columns) {
      largest.columns = program.numCols;
      largest.rows = program.numRows;
    }
    // The linear relaxation first: without the equity row its optimal vertex is integral (the
    // matrix is totally unimodular) and simplex is ten times faster than branch and cut here. Only
    // when a value comes back fractional (the equity row) is the integer program solved.
    let solution = solver.solve({ ...program, integer: false });
    if (solution.status === 'optimal' && !isIntegral(solution.x)) {
      solution = solver.solve(program);
    }
    if (solution.status !== 'optimal') {
      return {
        events,
        objective: Number.NaN,
        programs,
        largest,
        status: solution.status,
        detail: solution.detail,
      };
    }
    component.candidates.forEach((c, j) => {
      events[c] = Math.max(0, Math.round(solution.x[j] ?? 0));
    });
    objective += solution.objective;
  }
  return { events, objective, programs, largest, status: 'optimal', detail: 'optimal' };
}

function isIntegral(x: Float64Array): boolean {
  for (const v of x) if (Math.abs(v - Math.round(v)) > 1e-6) return false;
  return true;
}
