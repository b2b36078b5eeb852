import { describe, expect, it } from 'vitest';
import type { DivideSummary } from './api-types.js';
import type { FigureItem } from './components/FigureList.svelte';
import {
  populationFacts,
  weightNote,
  weightedByPeople,
  withPeopleFigures,
} from './people-figures.js';

const figures: FigureItem[] = [
  { key: 'mean', label: 'Indeks', value: '3,73' },
  { key: 'share-below', label: 'Desa di bawah ambang 3,00', value: '0,04%' },
  { key: 'mentored', label: 'Desa didampingi', value: '7.639' },
];
const peopleBelow = {
  people: 203_922,
  share: 203_922 / 284_973_643,
  regencies: 1,
  totalRegencies: 514,
  totalPeople: 284_973_643,
};
const summary = (fields: Partial<DivideSummary>) =>
  ({ peopleBelow: null, ...fields }) as DivideSummary;

describe('people figures', () => {
  it('adds people in regencies below the threshold after the share below, in both languages', () => {
    const id = withPeopleFigures(figures, {
      lang: 'id',
      measure: 'skills_index',
      threshold: 3,
      summary: summary({ peopleBelow }),
    });
    expect(id.map((f) => f.key)).toEqual(['mean', 'share-below', 'people-below', 'mentored']);
    expect(id[2]).toEqual({
      key: 'people-below',
      label: 'Penduduk di kabupaten/kota di bawah ambang 3,00',
      value: '203.922',
      detail: '0,07% penduduk; 1 dari 514 kabupaten/kota',
    });
    const en = withPeopleFigures(figures, {
      lang: 'en',
      measure: 'skills_index',
      threshold: 3,
      summary: summary({ peopleBelow }),
    });
    expect(en[2]?.detail).toBe('0.07% of people; 1 of 514 regencies');
    // Per village the share below keeps its label.
    expect(en[1]).toEqual(figures[1]);
  });

  it('says the share below is of people only where people-weighting took effect', () => {
    const weighted = summary({ weight: 'people', weightEffective: true });
    const within = summary({ weight: 'people', weightEffective: false });
    expect(weightedByPeople(weighted)).toBe(true);
    expect(weightedByPeople(within)).toBe(false);
    const input = { lang: 'en', measure: 'skills_index', threshold: 3 } as const;
    expect(withPeopleFigures(figures, { ...input, summary: weighted })[1]?.label).toBe(
      'People (estimated) in villages below the threshold of 3.00',
    );
    expect(withPeopleFigures(figures, { ...input, summary: within })[1]).toEqual(figures[1]);
    expect(weightNote('people', within, 'en')).toMatch(/^Within one regency/);
    expect(weightNote('people', weighted, 'id')).toMatch(/^Angka dibobot penduduk/);
    expect(weightNote('village', weighted, 'id')).toBeNull();
  });

  it("describes a regency's population, density and area; nothing for a district", () => {
    const blitar = { population: 1_261_699, areaKm2: 1745.383, density: 1_261_699 / 1745.383 };
    expect(populationFacts(blitar, 'id').map((f) => f.text)).toEqual([
      'Penduduk (2025) 1.261.699',
      'Kepadatan 723 jiwa/km²',
      'Luas 1.745 km²',
    ]);
    expect(populationFacts({ ...blitar, areaKm2: null, density: null }, 'en')).toEqual([
      { key: 'population', text: 'Population (2025) 1,261,699' },
    ]);
    expect(populationFacts({ population: null, areaKm2: null, density: null }, 'en')).toEqual([]);
  });
});
