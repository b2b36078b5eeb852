import { describe, expect, it } from 'vitest';
import type { RegionIndexRow } from '$lib/api-types.js';
import { mergeChildren } from './national-page.js';

const jatim: RegionIndexRow = {
  code: '35',
  name: 'Jawa Timur',
  level: 'province',
  villages: 8398,
  missing: 96,
  value: 3.72,
  change: 0.05,
  digitalSkills: null,
  digitalEthics: null,
  digitalSafety: null,
  digitalCulture: null,
  skillsIndex: 3.72,
  skillsIndexGeometric: null,
  accessIndex: null,
  outcomesIndex: null,
};

describe('mergeChildren', () => {
  it('keeps every child, with nulls where the index has no row', () => {
    const merged = mergeChildren(
      [
        { code: '33', name: 'Jawa Tengah', villages: 8563 },
        { code: '35', name: 'Jawa Timur', villages: 8494 },
      ],
      [jatim],
    );
    expect(merged).toEqual([
      { code: '33', name: 'Jawa Tengah', value: null, change: null, villages: 0, missing: 8563 },
      { code: '35', name: 'Jawa Timur', value: 3.72, change: 0.05, villages: 8398, missing: 96 },
    ]);
  });

  it('still shows an index row the children list lacks', () => {
    expect(mergeChildren([], [jatim]).map((p) => p.code)).toEqual(['35']);
  });
});
