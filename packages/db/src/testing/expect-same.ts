import { expect } from 'vitest';

// One deep equality for the tests that hold a stored figure against its on-demand query: the two
// sum in different orders, so floats agree to 1e-9 relative, never exactly.

/** Fields that are counts (or years): compared exactly, whatever their value. */
const COUNTS = new Set([
  'n',
  'missing',
  'villages',
  'groups',
  'year',
  'count',
  'excluded',
  'firstYear',
  'lastYear',
]);

/** Deep equality, floats to 1e-9 relative (1e-12 absolute near zero), counts and text exactly. */
export function expectSame(stored: unknown, reference: unknown, path = '$'): void {
  if (typeof reference === 'number' && typeof stored === 'number') {
    const key = path.split('.').at(-1) ?? '';
    if (
      COUNTS.has(key) ||
      (Number.isInteger(reference) && Number.isInteger(stored) && Math.abs(reference) > 1)
    ) {
      expect(stored, path).toBe(reference);
      return;
    }
    const tolerance = 1e-9 * Math.max(Math.abs(reference), Math.abs(stored)) + 1e-12;
    expect(Math.abs(stored - reference), `${path}: ${stored} vs ${reference}`).toBeLessThanOrEqual(
      tolerance,
    );
    return;
  }
  if (Array.isArray(reference)) {
    expect(Array.isArray(stored), path).toBe(true);
    expect((stored as unknown[]).length, `${path}.length`).toBe(reference.length);
    reference.forEach((r, i) => expectSame((stored as unknown[])[i], r, `${path}[${i}]`));
    return;
  }
  if (reference !== null && typeof reference === 'object') {
    expect(stored !== null && typeof stored === 'object', path).toBe(true);
    const s = stored as Record<string, unknown>;
    expect(Object.keys(s).sort(), path).toEqual(Object.keys(reference).sort());
    for (const [k, v] of Object.entries(reference)) expectSame(s[k], v, `${path}.${k}`);
    return;
  }
  expect(stored, path).toEqual(reference);
}
