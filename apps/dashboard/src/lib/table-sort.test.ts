import { describe, expect, it } from 'vitest';
import { nextSort, parseSort, sortHref, type TableSort } from './table-sort.js';

const KEYS = ['name', 'value', 'change'] as const;
type Key = (typeof KEYS)[number];
const DEFAULT: TableSort<Key> = { key: 'value', descending: true };

describe('table sort in the URL', () => {
  it('reads a column and its direction, and the default for anything else', () => {
    expect(parseSort('-change', KEYS, DEFAULT)).toEqual({ key: 'change', descending: true });
    expect(parseSort('name', KEYS, DEFAULT)).toEqual({ key: 'name', descending: false });
    expect(parseSort('-villages', KEYS, DEFAULT)).toEqual(DEFAULT);
    expect(parseSort(null, KEYS, DEFAULT)).toEqual(DEFAULT);
  });

  it('reverses the same column; a new one starts A to Z for names, largest first for numbers', () => {
    expect(nextSort(DEFAULT, 'value', ['name'])).toEqual({ key: 'value', descending: false });
    expect(nextSort(DEFAULT, 'name', ['name'])).toEqual({ key: 'name', descending: false });
    expect(nextSort(DEFAULT, 'change', ['name'])).toEqual({ key: 'change', descending: true });
  });

  it('writes the sort into the URL, keeping the other parameters, and leaves the default out', () => {
    const url = new URL('http://x/wilayah/35?year=2023&urut=name');
    expect(sortHref(url, { key: 'change', descending: true }, DEFAULT)).toBe(
      '/wilayah/35?year=2023&urut=-change',
    );
    expect(sortHref(url, DEFAULT, DEFAULT)).toBe('/wilayah/35?year=2023');
  });
});
