import { describe, expect, it } from 'vitest';
import { placeTip, tipLines, type Box } from './chart-tooltip.js';

const viewport = { width: 800, height: 600 };
const tip = { width: 120, height: 40 };
const overlaps = (a: Box, b: Box) =>
  a.left < b.left + b.width &&
  b.left < a.left + a.width &&
  a.top < b.top + b.height &&
  b.top < a.top + a.height;

describe('placeTip', () => {
  it('goes above the mark, centred on it', () => {
    expect(placeTip({ left: 100, top: 200, width: 20, height: 40 }, tip, viewport)).toEqual({
      left: 50,
      top: 154,
      side: 'above',
    });
  });

  it('goes below a mark at the top of the viewport, and slides inside the left edge', () => {
    const placed = placeTip({ left: 0, top: 10, width: 10, height: 10 }, tip, viewport);
    expect(placed).toEqual({ left: 4, top: 26, side: 'below' });
  });

  it('goes beside a mark as tall as the viewport, never over it', () => {
    const mark = { left: 700, top: 0, width: 20, height: 600 };
    const placed = placeTip(mark, tip, viewport);
    expect(placed.side).toBe('left');
    expect(overlaps({ ...placed, ...tip }, mark)).toBe(false);
  });

  it('never covers the mark nor leaves the viewport, wherever the mark is', () => {
    for (let left = 0; left <= 780; left += 60) {
      for (let top = 0; top <= 580; top += 58) {
        const mark = { left, top, width: 20, height: 20 };
        const placed = placeTip(mark, tip, viewport);
        const box = { ...placed, ...tip };
        expect(overlaps(box, mark), `${left},${top}`).toBe(false);
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.left + box.width).toBeLessThanOrEqual(viewport.width);
        expect(box.top + box.height).toBeLessThanOrEqual(viewport.height);
      }
    }
  });
});

describe('tipLines', () => {
  it("puts the mark's words first, then the chart's context, without blank lines", () => {
    expect(tipLines(' Kabupaten Blitar: 3,65 ', 'Indeks kecakapan digital (1-5), 2025')).toEqual([
      'Kabupaten Blitar: 3,65',
      'Indeks kecakapan digital (1-5), 2025',
    ]);
    expect(tipLines('Kota Blitar: 3,90', '  ')).toEqual(['Kota Blitar: 3,90']);
  });
});
