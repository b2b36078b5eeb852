import { describe, expect, it } from 'vitest';
import { safeNext } from './session-cookie.js';

describe('safeNext', () => {
  it('keeps paths of this site and turns anything else into the home page', () => {
    const cases: Array<[unknown, string]> = [
      ['/wilayah/35?lang=en', '/wilayah/35?lang=en'],
      ['/', '/'],
      ['//evil.example/x', '/'],
      ['/\\evil.example', '/'],
      ['https://evil.example', '/'],
      ['javascript:alert(1)', '/'],
      ['', '/'],
      [null, '/'],
      [`/${'a'.repeat(3000)}`, '/'],
    ];
    for (const [next, expected] of cases) expect(safeNext(next), String(next)).toBe(expected);
  });
});
