import { describe, expect, it } from 'vitest';
import { CATEGORICAL, INK, INK_MUTED, contrast, sequential, textOn } from './palette.js';

describe('palette', () => {
  it('keeps every series colour at 3:1 or more against white (WCAG 1.4.11)', () => {
    for (const color of CATEGORICAL)
      expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(3);
  });

  it('keeps text at 4.5:1 or more against white (WCAG 1.4.3)', () => {
    for (const color of [INK, INK_MUTED])
      expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(4.5);
  });

  it('labels every tile colour of the sequential scale at 4.5:1 or more', () => {
    for (let i = 0; i <= 100; i++) {
      const fill = sequential(i / 100);
      expect(contrast(fill, textOn(fill)), fill).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('gets darker as the value falls, so order survives without hue', () => {
    const lum = (t: number) => contrast(sequential(t), '#000000');
    for (let i = 1; i <= 10; i++) expect(lum(i / 10)).toBeGreaterThan(lum((i - 1) / 10));
  });

  it('computes the known contrast of black on white', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
