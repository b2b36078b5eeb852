import highsModule, { type Highs } from 'highs';
import type { LinearProgram, LinearProgramSolution, PlanSolver } from './plan-solver.js';

// The package's types are CommonJS-shaped (the loader under `.default`) while Node resolves the
// ESM build, whose default export is the loader itself: take whichever the runtime gives.
const loadHighs = ((highsModule as unknown as { default?: unknown }).default ??
  highsModule) as unknown as typeof highsModule.default;

let loading: Promise<Highs> | undefined;

/**
 * The planner's solver: HiGHS compiled to WebAssembly (npm `highs`), loaded once per process.
 * The wasm file ships inside the npm package, so nothing is downloaded at run time. The build is
 * single-threaded and a solve blocks the event loop: the planner keeps programs small by solving
 * one travel area at a time when no equity rule couples them.
 *
 * This is the one module of the domain that does I/O (reading the wasm file); it is a subpath
 * export (`@pandu/domain/planning-solver`) so the pure barrel never pulls it into a browser bundle.
 *
 * @example
 * ```ts
 * const solver = await loadHighsSolver();
 * const plan = createPlan(data, { code: '35.05', horizon: { year: 2026 } }, solver);
 * ```
 */
export async function loadHighsSolver(): Promise<PlanSolver> {
  loading ??= loadHighs();
  const highs = await loading;
  const version = `HiGHS ${highs.version.string} (wasm)`;
  return {
    name: version,
    solve(program: LinearProgram): LinearProgramSolution {
      if (program.numCols === 0) {
        return { status: 'optimal', objective: 0, x: new Float64Array(0), detail: 'empty' };
      }
      return highs.withModel(
        {
          numCols: program.numCols,
          numRows: program.numRows,
          sense: highs.constants.objectiveSense.maximize,
          colCost: program.colCost,
          colLower: new Float64Array(program.numCols),
          colUpper: program.colUpper,
          rowLower: program.rowLower.map((v) => (v === -Infinity ? -highs.infinity : v)),
          rowUpper: program.rowUpper.map((v) => (v === Infinity ? highs.infinity : v)),
          matrix: {
            format: 'csc',
            numRows: program.numRows,
            numCols: program.numCols,
            starts: program.starts,
            indices: program.indices,
            values: program.values,
          },
          ...(program.integer
            ? {
                integrality: new Int32Array(program.numCols).fill(
                  highs.constants.variableType.integer,
                ),
              }
            : {}),
        },
        (model) => {
          model.options.set({ output_flag: false, mip_rel_gap: 0 });
          model.run();
          const status = model.getModelStatus();
          const codes = highs.constants.modelStatus;
          if (status === codes.optimal) {
            return {
              status: 'optimal' as const,
              objective: model.getObjectiveValue(),
              x: Float64Array.from(model.getSolution().colValue),
              detail: 'optimal',
            };
          }
          const name =
            Object.entries(codes).find(([, code]) => code === status)?.[0] ?? String(status);
          return {
            status: status === codes.infeasible ? ('infeasible' as const) : ('failed' as const),
            objective: Number.NaN,
            x: new Float64Array(program.numCols),
            detail: name,
          };
        },
      );
    },
  };
}
