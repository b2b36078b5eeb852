import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { InvalidRegionCodeError } from '@pandu/domain';
import { openDatabase } from '../open-database.js';
import type { Database } from '../schema/database.js';
import { codeWithin, codeWithinOrAbove, regionScope } from './region-scope.js';
import { trustedSql } from './trusted-sql.js';

const CODES = ['35', '35.05', '35.05.04', '35.05.04.2014', '35.050', '35.06', '36', '3'];

describe('region scope: the query shape and the export shape agree', () => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
  });
  afterAll(async () => {
    await db.destroy();
  });

  async function kept(predicate: string): Promise<string[]> {
    const { rows } = await sql<{ code: string }>`
      select code from (select unnest(from_json(${JSON.stringify(CODES)}, '["VARCHAR"]')) as code)
      where ${trustedSql(predicate)} order by code`.execute(db);
    return rows.map((r) => r.code);
  }

  it('codeWithin keeps the region and what is under it, not a sibling sharing its prefix', async () => {
    expect(await kept(codeWithin('code', '35.05'))).toEqual(['35.05', '35.05.04', '35.05.04.2014']);
    expect(await kept(codeWithinOrAbove('code', '35.05.04'))).toEqual([
      '35',
      '35.05',
      '35.05.04',
      '35.05.04.2014',
    ]);
  });

  it('regionScope.villagesWhere keeps the same villages as codeWithin', async () => {
    const regions = CODES.filter((c) => c.split('.').length === 4);
    for (const code of ['35', '35.05', '35.05.04', '35.05.04.2014']) {
      const viaScope = await sql<{ code: string }>`
        select code from (
          select code, 'village' as level, substr(code, 1, 2) as province_code,
            substr(code, 1, 5) as regency_code, substr(code, 1, 8) as district_code
          from (select unnest(from_json(${JSON.stringify(regions)}, '["VARCHAR"]')) as code)
        ) where ${regionScope(code).villagesWhere} order by code`.execute(db);
      const viaRange = await kept(codeWithin('code', code));
      expect(viaScope.rows.map((r) => r.code)).toEqual(viaRange.filter((c) => regions.includes(c)));
    }
  });

  it('hostile codes stay one literal in the export shape, or are refused', async () => {
    for (const code of ["35' or true or '", "35'; drop table regions; --", '35\\', '35/*']) {
      expect(await kept(codeWithin('code', code))).toEqual([]);
      // Ancestors are read from the code's segments, so a malformed code is refused outright.
      expect(() => codeWithinOrAbove('code', code)).toThrow(InvalidRegionCodeError);
    }
  });
});
