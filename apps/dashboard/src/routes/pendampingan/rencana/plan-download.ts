import { parquetWriteBuffer } from 'hyparquet-writer';
import type { DeploymentPlan, PlanAssignment } from '@pandu/domain';
import { toCsv, type CsvColumn } from '$lib/server/csv.js';

// The plan's assignments as a file: one row per (village or district, sector), with the why in
// columns (gap, access, history, effect and its interval, expected gain and its interval), the
// volunteers as `id:tier:events` joined by spaces, and the travel scope. CSV and Parquet carry the
// same columns; the Parquet file is written in JavaScript (hyparquet-writer), as the dashboard
// holds no DuckDB.

type Value = string | number | null;

interface Column {
  name: string;
  type: 'STRING' | 'DOUBLE' | 'INT32';
  value: (a: PlanAssignment) => Value;
}

const COLUMNS: readonly Column[] = [
  { name: 'code', type: 'STRING', value: (a) => a.code },
  { name: 'name', type: 'STRING', value: (a) => a.name },
  { name: 'level', type: 'STRING', value: (a) => a.level },
  { name: 'kind', type: 'STRING', value: (a) => a.kind },
  { name: 'district_code', type: 'STRING', value: (a) => a.district.code },
  { name: 'district_name', type: 'STRING', value: (a) => a.district.name },
  { name: 'regency_code', type: 'STRING', value: (a) => a.regency.code },
  { name: 'regency_name', type: 'STRING', value: (a) => a.regency.name },
  { name: 'sector', type: 'STRING', value: (a) => a.sector },
  { name: 'events', type: 'INT32', value: (a) => a.events },
  { name: 'skills_index', type: 'DOUBLE', value: (a) => a.skillsIndex },
  { name: 'target', type: 'DOUBLE', value: (a) => a.target },
  { name: 'gap', type: 'DOUBLE', value: (a) => a.gap },
  { name: 'access_index', type: 'DOUBLE', value: (a) => a.accessIndex },
  { name: 'last_mentored_in_sector', type: 'INT32', value: (a) => a.lastMentoredInSector },
  { name: 'mentored_in', type: 'STRING', value: (a) => a.mentoredIn.join(' ') },
  { name: 'favoured', type: 'INT32', value: (a) => (a.favoured ? 1 : 0) },
  { name: 'effect', type: 'DOUBLE', value: (a) => a.effect.estimate },
  { name: 'effect_low', type: 'DOUBLE', value: (a) => a.effect.ci95[0] },
  { name: 'effect_high', type: 'DOUBLE', value: (a) => a.effect.ci95[1] },
  { name: 'expected_gain', type: 'DOUBLE', value: (a) => a.expectedGain.estimate },
  { name: 'expected_gain_low', type: 'DOUBLE', value: (a) => a.expectedGain.low },
  { name: 'expected_gain_high', type: 'DOUBLE', value: (a) => a.expectedGain.high },
  {
    name: 'volunteers',
    type: 'STRING',
    value: (a) => a.volunteers.map((v) => `${v.id}:${v.tier}:${v.events}`).join(' '),
  },
  { name: 'travel_rule', type: 'STRING', value: (a) => a.travel.rule },
  { name: 'travel_area', type: 'STRING', value: (a) => a.travel.area },
  { name: 'reason', type: 'STRING', value: (a) => a.reason },
];

/** The column names of the download, in order. */
export const PLAN_COLUMNS: readonly string[] = COLUMNS.map((c) => c.name);

/** The plan's assignments as CSV. */
export function planCsv(plan: Pick<DeploymentPlan, 'assignments'>): string {
  const columns: CsvColumn<PlanAssignment>[] = COLUMNS.map((c) => ({
    header: c.name,
    value: c.value,
  }));
  return toCsv(plan.assignments, columns);
}

/** The plan's assignments as a Parquet file. */
export function planParquet(plan: Pick<DeploymentPlan, 'assignments'>): ArrayBuffer {
  const buffer = parquetWriteBuffer({
    columnData: COLUMNS.map((c) => ({
      name: c.name,
      type: c.type,
      data: plan.assignments.map((a) => c.value(a)),
    })),
  });
  return buffer;
}

/** The file name of a download: `rencana-35.05-2026.csv`. */
export function planFileName(plan: Pick<DeploymentPlan, 'scope' | 'request'>, ext: string): string {
  const h = plan.request.horizon;
  return `rencana-${plan.scope.code ?? 'nasional'}-${h.year}${h.quarter ? `-q${h.quarter}` : ''}.${ext}`;
}
