import { describe, expect, it } from 'vitest';
import {
  CATEGORICAL,
  INK,
  INK_MUTED,
  contrast,
  sequential,
  sequentialPublished,
  textOn,
} from './palette.js';

describe('palette', () => {
  it('keeps every series colour at 3:1 or more against white (WCAG 1.4.11)', () => {
    for (const color of CATEGORICAL)
      expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(3);
  });

  it('gives six series six different colours and dashes (a comparison of six regions)', async () => {
    const { categorical, dash } = await import('./palette.js');
    const styles = [0, 1, 2, 3, 4, 5].map((i) => `${categorical(i)} ${dash(i)}`);
    expect(new Set(styles).size).toBe(6);
    expect(new Set(styles.map((s) => s.split(' ')[0])).size).toBe(6);
  });

  it('keeps text at 4.5:1 or more against white (WCAG 1.4.3)', () => {
    for (const color of [INK, INK_MUTED])
      expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(4.5);
  });

  it.each([
    ['sequential', sequential],
    ['sequentialPublished', sequentialPublished],
  ])('labels every tile colour of %s at 4.5:1 or more', (_, scale) => {
    for (let i = 0; i <= 100; i++) {
      const fill = scale(i / 100);
      expect(contrast(fill, textOn(fill)), fill).toBeGreaterThanOrEqual(4.5);
    }
  });

  it.each([
    ['sequential', sequential],
    ['sequentialPublished', sequentialPublished],
  ])('%s gets darker as the value falls, so order survives without hue', (_, scale) => {
    const lum = (t: number) => contrast(scale(t), '#000000');
    for (let i = 1; i <= 10; i++) expect(lum(i / 10)).toBeGreaterThan(lum((i - 1) / 10));
  });

  it('gives published figures other colours than the village data at the same position', () => {
    for (const t of [0, 0.5]) expect(sequentialPublished(t)).not.toBe(sequential(t));
  });

  it('computes the known contrast of black on white', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
