import { describe, expect, it } from 'vitest';
import { InvalidRegionCodeError } from '@pandu/domain';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import type { Database } from '../schema/database.js';
import { convergence } from './convergence.js';
import { getRegion } from './get-region.js';
import { regionChildren } from './region-children.js';
import { villageProfile } from './village-profile.js';
import { distribution } from './distribution.js';
import { divideSummary } from './divide-summary.js';
import { indexByRegion } from './index-by-region.js';
import { lorenz } from './lorenz.js';
import { mentoringCoverage } from './mentoring-coverage.js';
import { mentoringImpact } from './mentoring-impact.js';
import { mentoringPriorities } from './mentoring-priorities.js';
import { publishedFigures } from './published-figures.js';
import { QueryInputError } from './query-input-error.js';
import { searchRegions } from './search-regions.js';
import { timeseries } from './timeseries.js';

// Every query parses its input with its exported schema before it asks the database anything, so
// a database that answers nothing is enough to see each one refuse a bad field by name.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

type Query = (db: Kysely<Database>, input: never) => Promise<unknown>;

const CASES: Array<[string, Query, Record<string, unknown>, string]> = [
  ['indexByRegion', indexByRegion, { year: 1999 }, 'year'],
  ['indexByRegion', indexByRegion, { year: 2024, measure: 'kind' }, 'measure'],
  ['indexByRegion', indexByRegion, { year: 2024, kind: 'kota' }, 'kind'],
  // Regression guard for the rename: an old caller's `parent` must not silently mean the nation.
  ['indexByRegion', indexByRegion, { parent: '35', year: 2024 }, 'parent'],
  ['timeseries', timeseries, { measure: 'year' }, 'measure'],
  ['timeseries', timeseries, { kind: 'urban' }, 'kind'],
  ['divideSummary', divideSummary, { year: 2024, threshold: Number.NaN }, 'threshold'],
  ['divideSummary', divideSummary, { year: 2101 }, 'year'],
  ['divideSummary', divideSummary, { year: 2024, kind: 'DESA' }, 'kind'],
  ['convergence', convergence, { threshold: Infinity }, 'threshold'],
  ['convergence', convergence, { measure: "skills_index'; --" }, 'measure'],
  ['lorenz', lorenz, { year: 2024.5 }, 'year'],
  ['lorenz', lorenz, { year: 2024, kind: 1 }, 'kind'],
  ['distribution', distribution, { year: 2024, bins: 1 }, 'bins'],
  ['distribution', distribution, { year: 2024, bins: 101 }, 'bins'],
  ['mentoringCoverage', mentoringCoverage, { sector: 'kesehatan' }, 'sector'],
  ['mentoringCoverage', mentoringCoverage, { from: 1999 }, 'from'],
  ['mentoringCoverage', mentoringCoverage, { from: 2024, to: 2022 }, 'to'],
  ['mentoringImpact', mentoringImpact, { measure: 'year' }, 'measure'],
  ['mentoringImpact', mentoringImpact, { sector: 'UMKM' }, 'sector'],
  // Issue 11: a threshold off the measure's scale was accepted silently (9 on the 1-5 index).
  ['divideSummary', divideSummary, { year: 2024, threshold: 9 }, 'threshold'],
  [
    'divideSummary',
    divideSummary,
    { year: 2024, measure: 'access_index', threshold: -1 },
    'threshold',
  ],
  ['convergence', convergence, { threshold: 9 }, 'threshold'],
  ['convergence', convergence, { measure: 'digital_safety', threshold: 0.5 }, 'threshold'],
  ['mentoringPriorities', mentoringPriorities, { limit: 0 }, 'limit'],
  ['mentoringPriorities', mentoringPriorities, { minAccess: 101 }, 'minAccess'],
  ['mentoringPriorities', mentoringPriorities, { minAccess: -1 }, 'minAccess'],
  ['searchRegions', searchRegions, { q: ' ' }, 'q'],
  ['searchRegions', searchRegions, { q: 'x'.repeat(101) }, 'q'],
  ['searchRegions', searchRegions, { q: 'blitar', limit: 2.5 }, 'limit'],
  ['publishedFigures', publishedFigures, { year: 20.5 }, 'year'],
  ['publishedFigures', publishedFigures, { dataset: 'bps' }, 'dataset'],
  ['publishedFigures', publishedFigures, { scope: 'world' }, 'scope'],
];

describe('every query refuses a bad field, naming it', () => {
  it.each(CASES)('%s %j: %s', async (_name, query, input, field) => {
    const error = await query(db, input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryInputError);
    expect((error as QueryInputError).field).toBe(field);
    expect((error as QueryInputError).message).toMatch(new RegExp(`^invalid ${field}: `));
  });
});

// The region in scope is `code` in every input; a malformed one throws the domain's error, which
// names the code and what is wrong with it (the server maps it to BAD_REQUEST like a field error).
const CODE_QUERIES: Array<[string, Query, Record<string, unknown>]> = [
  ['getRegion', getRegion, {}],
  ['regionChildren', regionChildren, {}],
  ['villageProfile', villageProfile, {}],
  ['indexByRegion', indexByRegion, { year: 2024 }],
  ['timeseries', timeseries, {}],
  ['divideSummary', divideSummary, { year: 2024 }],
  ['convergence', convergence, {}],
  ['lorenz', lorenz, { year: 2024 }],
  ['distribution', distribution, { year: 2024 }],
  ['mentoringCoverage', mentoringCoverage, {}],
  ['mentoringImpact', mentoringImpact, {}],
  ['mentoringPriorities', mentoringPriorities, {}],
];

describe('every query refuses a malformed code, naming it', () => {
  it.each(CODE_QUERIES)('%s', async (_name, query, rest) => {
    for (const code of ['35.5', "35'; --", '35\u0000']) {
      const error = await query(db, { ...rest, code } as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRegionCodeError);
      expect((error as Error).message).toContain(JSON.stringify(code.trim()));
    }
  });
});
