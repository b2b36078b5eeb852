import { describe, expect, it } from 'vitest';
import type { MentoringImpact } from '$lib/api-types.js';
import { formatPValue } from '$lib/p-value.js';
import { formatEventTime, preTrendText } from './event-study-view.js';

const withPreTrend = (preTrend: MentoringImpact['preTrend']) =>
  ({ preTrend, estimate: 0.0463 }) as MentoringImpact;

describe('the event study in words', () => {
  it('states the pre-trend verdict in both languages', () => {
    const pass = withPreTrend({
      passes: true,
      placebos: 2,
      minPValue: 0.41,
      largestPlacebo: 0.0017,
    });
    expect(preTrendText(pass, 'id')).toBe(
      'Uji tren sebelum pendampingan: lolos. Tak satu pun dari 2 tahun plasebo berbeda dari nol (p terkecil 0,410): sebelum pendampingan, desa yang didampingi bergerak seperti pembandingnya.',
    );
    expect(preTrendText(pass, 'en')).toMatch(/^Pre-trend check: passes\. .*smallest p 0\.410/);
    const fail = withPreTrend({
      passes: false,
      placebos: 2,
      minPValue: 0.0001,
      largestPlacebo: -0.0019,
    });
    expect(preTrendText(fail, 'en')).toMatch(
      /^Pre-trend check: fails\. .*smallest p < 0\.001; largest placebo difference -0\.002, against the headline 0\.046\)/,
    );
    expect(preTrendText(fail, 'id')).toMatch(/^Uji tren sebelum pendampingan: tidak lolos\./);
    const none = withPreTrend({
      passes: false,
      placebos: 0,
      minPValue: null,
      largestPlacebo: null,
    });
    expect(preTrendText(none, 'en')).toBe(
      'The pre-trend check cannot be made: the data hold no placebo year.',
    );
  });

  it('writes event times and p-values as a reader reads them', () => {
    expect([-3, 0, 2].map(formatEventTime)).toEqual(['\u22123', '0', '+2']);
    expect(formatPValue(0.0004, 'id')).toBe('< 0,001');
    expect(formatPValue(0.0504, 'en')).toBe('0.050');
    expect(formatPValue(null, 'en')).toBe('–');
  });
});
