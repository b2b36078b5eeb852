import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import type { PlanAssignment } from '@pandu/domain';
import { PLAN_COLUMNS, planCsv, planFileName, planParquet } from './plan-download.js';

const assignment: PlanAssignment = {
  code: '35.05.04.2014',
  name: 'Plosorejo',
  level: 'village',
  kind: 'desa',
  district: { code: '35.05.04', name: 'Kademangan' },
  regency: { code: '35.05', name: 'Kabupaten Blitar' },
  sector: 'umkm',
  events: 1,
  skillsIndex: 3.5,
  target: 3.9,
  gap: 0.4,
  accessIndex: 72.5,
  lastMentoredInSector: null,
  mentoredIn: ['pendidikan'],
  favoured: false,
  effect: { estimate: 0.05, ci95: [0.03, 0.07], source: 'test' },
  expectedGain: { estimate: 0.02, low: 0.012, high: 0.028 },
  volunteers: [{ id: 'pd-2021-00001', tier: 'purwa', sector: 'umkm', events: 1 }],
  travel: { rule: 'regency', area: '35.05', areaName: 'Kabupaten Blitar' },
  reason: 'Skills index 3.50, "behind", by 0.40.',
};

describe('the plan download', () => {
  it('CSV: one header row and a row per assignment, the why in columns', () => {
    const csv = planCsv({ assignments: [assignment] });
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header).toBe(PLAN_COLUMNS.join(','));
    expect(row).toContain('35.05.04.2014,Plosorejo,village,desa,35.05.04,Kademangan');
    expect(row).toContain(',pd-2021-00001:purwa:1,regency,35.05,');
    expect(row).toContain('"Skills index 3.50, ""behind"", by 0.40."');
  });

  it('Parquet: the same columns and values read back', async () => {
    const buffer = planParquet({
      assignments: [assignment, { ...assignment, code: '35.05.04.2001' }],
    });
    const rows = await parquetReadObjects({ file: buffer });
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0]!)).toEqual([...PLAN_COLUMNS]);
    expect(rows[0]).toMatchObject({
      code: '35.05.04.2014',
      events: 1,
      gap: 0.4,
      last_mentored_in_sector: null,
      expected_gain_low: 0.012,
      volunteers: 'pd-2021-00001:purwa:1',
    });
    expect(rows[1]!.code).toBe('35.05.04.2001');
  });

  it('names the file after the scope and horizon', () => {
    expect(
      planFileName(
        {
          scope: { code: '35.05', name: 'Kabupaten Blitar', level: 'regency' },
          request: { horizon: { year: 2026 } },
        } as never,
        'csv',
      ),
    ).toBe('rencana-35.05-2026.csv');
  });
});
