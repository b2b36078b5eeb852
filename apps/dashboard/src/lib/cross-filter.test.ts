import { describe, expect, it } from 'vitest';
import {
  MAX_SELECTED,
  parseSelection,
  rangeAfterClick,
  rangeIncludesTo,
  selectionHref,
  selectionOf,
  toggleCode,
} from './cross-filter.js';
import { parseFilters } from './filters.js';

const params = (query: string) => new URLSearchParams(query);

describe('parseSelection', () => {
  it('reads codes in the order chosen and a range', () => {
    expect(parseSelection(params('pilih=35,33&rentang=1.5-2'))).toEqual({
      codes: ['35', '33'],
      range: { from: 1.5, to: 2 },
    });
  });

  it('leaves out malformed parts, repeats and codes past the limit', () => {
    expect(parseSelection(params('pilih=35,x,35,3.5&rentang=2-1'))).toEqual({
      codes: ['35'],
      range: null,
    });
    const many = Array.from({ length: 9 }, (_, i) => String(11 + i));
    const parsed = parseSelection(params(`pilih=${many.join(',')}`));
    // Read whole; the page keeps its children among them, at most six (selectionOf).
    expect(parsed.codes).toHaveLength(9);
    expect(selectionOf(parsed, many).codes).toHaveLength(MAX_SELECTED);
    expect(parseSelection(params('rentang=abc')).range).toBeNull();
  });
});

describe('selectionHref', () => {
  const filters = parseFilters(params('year=2024&lang=en'));
  it('writes the selection after the filters, commas unescaped', () => {
    expect(selectionHref('/', filters, { codes: ['35', '33'], range: { from: 1, to: 1.5 } })).toBe(
      '/?year=2024&lang=en&pilih=35,33&rentang=1-1.5',
    );
    expect(selectionHref('/', parseFilters(params('')), { codes: ['35'], range: null })).toBe(
      '/?pilih=35',
    );
    expect(selectionHref('/', filters, { codes: [], range: null })).toBe('/?year=2024&lang=en');
  });

  it('round-trips through parseSelection, bin edges exactly', () => {
    const range = { from: 0.30000000000000004, to: 0.7 };
    const href = selectionHref('/', filters, { codes: ['35.05'], range });
    expect(parseSelection(new URL(href, 'http://x').searchParams)).toEqual({
      codes: ['35.05'],
      range,
    });
  });
});

describe('toggleCode and selectionOf', () => {
  it('adds at the end and takes a selected code out', () => {
    const s = { codes: ['35'], range: null };
    expect(toggleCode(s, '33').codes).toEqual(['35', '33']);
    expect(toggleCode(s, '35').codes).toEqual([]);
  });

  it('drops the earliest past the limit', () => {
    const codes = ['11', '12', '13', '14', '15', '16'];
    expect(toggleCode({ codes, range: null }, '17').codes).toEqual([...codes.slice(1), '17']);
  });

  it('keeps only the page’s children, then at most six of them', () => {
    expect(selectionOf({ codes: ['35', '99'], range: null }, ['33', '35']).codes).toEqual(['35']);
    // Six codes that are not children do not push out the one that is.
    const url = new URLSearchParams('pilih=91,92,93,94,95,96,35');
    expect(selectionOf(parseSelection(url), ['35']).codes).toEqual(['35']);
  });

  it('keeps a range only when its ends are edges of the histogram shown', () => {
    const bins = [
      { x0: 2.5, x1: 3 },
      { x0: 3, x1: 3.5 },
    ];
    const range = { from: 2.5, to: 3 };
    expect(selectionOf({ codes: [], range }, [], bins).range).toEqual(range);
    // A range of another measure (0-100) or another year's edges is dropped.
    expect(selectionOf({ codes: [], range: { from: 40, to: 50 } }, [], bins).range).toBeNull();
    expect(selectionOf({ codes: [], range: { from: 2.6, to: 3 } }, [], bins).range).toBeNull();
    expect(selectionOf({ codes: [], range }, []).range).toBeNull();
  });
});

describe('rangeAfterClick', () => {
  const bin = (x0: number) => ({ x0, x1: x0 + 0.5 });
  it('selects a bin, grows to one outside, narrows at an end, and empties', () => {
    let r = rangeAfterClick(null, bin(1));
    expect(r).toEqual({ from: 1, to: 1.5 });
    r = rangeAfterClick(r, bin(2));
    expect(r).toEqual({ from: 1, to: 2.5 });
    r = rangeAfterClick(r, bin(0));
    expect(r).toEqual({ from: 0, to: 2.5 });
    r = rangeAfterClick(r, bin(2));
    expect(r).toEqual({ from: 0, to: 2 });
    r = rangeAfterClick(r, bin(0));
    expect(r).toEqual({ from: 0.5, to: 2 });
    expect(rangeAfterClick(r, bin(1))).toEqual({ from: 1, to: 1.5 });
    expect(rangeAfterClick({ from: 1, to: 1.5 }, bin(1))).toBeNull();
  });

  it('holds the top edge only when the range reaches the last bin', () => {
    const bins = [bin(1), bin(1.5), bin(2)];
    expect(rangeIncludesTo({ from: 1.5, to: 2.5 }, bins)).toBe(true);
    expect(rangeIncludesTo({ from: 1, to: 2 }, bins)).toBe(false);
  });
});
