import { describe, expect, it } from 'vitest';
import { extremesText } from './extremes-text.js';

describe('extremesText', () => {
  const format = (v: number) => v.toFixed(2).replace('.', ',');
  it('names the first row as the highest and the last as the lowest', () => {
    expect(
      extremesText(
        [
          { label: 'Sutojayan', value: 3.871 },
          { label: 'Garum', value: 3.77 },
          { label: 'Wates', value: 3.5 },
        ],
        format,
        'no data',
      ),
    ).toEqual({ max: 'Sutojayan 3,87', min: 'Wates 3,50' });
  });
  it('says missing for an empty list, and one row is both', () => {
    expect(extremesText([], format, 'no data')).toEqual({ max: 'no data', min: 'no data' });
    expect(extremesText([{ label: 'Jawa Timur', value: 3.77 }], format, '-')).toEqual({
      max: 'Jawa Timur 3,77',
      min: 'Jawa Timur 3,77',
    });
  });
});
