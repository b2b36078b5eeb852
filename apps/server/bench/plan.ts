// `pnpm --filter @pandu/server bench:plan [--db FILE] [--runs N] [--year 2026]`: how long a
// deployment plan (issue 15, `mentoring.plan`) takes for Kabupaten Blitar (35.05), Jawa Timur (35)
// and the nation, with default inputs: reading the inputs (villages, history, volunteers, four
// impact estimates) and solving (HiGHS wasm, one program per travel area), timed apart, N runs
// each (default 3; the first also loads the solver). Also the province travel rule and an equity
// rule (one program for the whole scope) for Jawa Timur. Prints; asserts nothing. The issue's
// goal: the national plan solves in <= 10 s on 2 cores. Without --db the national dataset is
// seeded in a temporary directory (about 20 s); PANDU_BENCH_DB is the same as --db.
import { parseArgs } from 'node:util';
import { openDatabase, planInputs } from '@pandu/db';
import { createPlan, type PlanRequest } from '@pandu/domain';
import { loadHighsSolver } from '@pandu/domain/planning-solver';
import { benchData } from './bench-data.js';
import { describeMachine } from './http-load.js';

// A bench script, not the product: its own knobs are read here (src/env.ts is the product's).
const benchEnv = process.env;
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: benchEnv.PANDU_BENCH_DB },
    runs: { type: 'string', default: '3' },
    year: { type: 'string', default: '2026' },
  },
});
const RUNS = Number(args.runs);
const YEAR = Number(args.year);

const CASES: { label: string; request: PlanRequest }[] = [
  { label: 'Kabupaten Blitar 35.05', request: { code: '35.05', horizon: { year: YEAR } } },
  { label: 'Jawa Timur 35', request: { code: '35', horizon: { year: YEAR } } },
  {
    label: 'Jawa Timur 35, province travel',
    request: { code: '35', horizon: { year: YEAR }, travel: 'province' },
  },
  {
    label: 'Jawa Timur 35, equity 90% desa',
    request: { code: '35', horizon: { year: YEAR }, equity: { group: 'desa', minShare: 0.9 } },
  },
  { label: 'nation', request: { horizon: { year: YEAR } } },
];

const data = await benchData(args.db);
const db = await openDatabase(data.db, { readOnly: true });
try {
  console.log(`bench:plan  ${describeMachine()}  db ${data.db}  horizon ${YEAR}, ${RUNS} runs`);
  const t0 = performance.now();
  const solver = await loadHighsSolver();
  console.log(`solver ${solver.name} loaded in ${(performance.now() - t0).toFixed(0)} ms`);
  for (const { label, request } of CASES) {
    const inputs: number[] = [];
    const solves: number[] = [];
    let summary = '';
    for (let run = 0; run < RUNS; run++) {
      const a = performance.now();
      const planData = await planInputs(db, request);
      const b = performance.now();
      const plan = createPlan(planData, request, solver);
      const c = performance.now();
      inputs.push(b - a);
      solves.push(c - b);
      const rule = plan.comparisons.find((x) => x.label === 'rule_based');
      summary =
        `${plan.villagesWithData} villages, ${plan.volunteers} volunteers, ` +
        `${plan.solver.programs} programs (largest ${plan.solver.largest.columns} cols x ${plan.solver.largest.rows} rows), ` +
        `${plan.outcome.events}/${plan.capacity} events, gain ${plan.outcome.expectedGain.estimate.toFixed(3)} ` +
        `vs rule ${rule?.expectedGain.estimate.toFixed(3)} (margin ${rule?.margin.toFixed(3)}, ` +
        `${rule && rule.expectedGain.estimate > 0 ? ((100 * rule.margin) / rule.expectedGain.estimate).toFixed(0) : '-'}%)` +
        `${plan.equity ? `, equity cost ${plan.equity.cost.toFixed(3)}` : ''}`;
    }
    const fmt = (xs: number[]) =>
      `min ${Math.min(...xs).toFixed(0)} / max ${Math.max(...xs).toFixed(0)} ms`;
    console.log(`${label}\n  inputs ${fmt(inputs)}; model + solve + explain ${fmt(solves)}`);
    console.log(`  ${summary}`);
  }
  console.log('goal: the national plan (model + solve) <= 10 s on 2 cores');
} finally {
  await db.destroy();
  await data.cleanup();
}
