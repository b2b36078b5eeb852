import type { IndexMeasure } from '@pandu/domain';
import type { DivideSummary, RegionDetail } from './api-types.js';
import type { FigureItem } from './components/FigureList.svelte';
import type { Weight } from './filters.js';
import { formatNumber, formatPercent, t, type Lang } from './i18n/index.js';
import { formatMeasure } from './measure-format.js';

// What the "per desa / per penduduk" switch changes on the nation and region pages (issue 12):
// the headline figures' wording, one more figure (people in regencies below the threshold), the
// sentence saying how the figures are weighted, and a province's or regency's population.

/** Whether the figures shown are weighted by people (asked, and effective in the scope). */
export function weightedByPeople(summary: DivideSummary | null): boolean {
  return summary?.weight === 'people' && summary.weightEffective === true;
}

/**
 * The headline figures with the people figures: the share below reworded when it is a share of
 * people, and "people in regencies below the threshold" where the answer has it (a province or
 * the nation), after the share below.
 *
 * @example
 * ```ts
 * withPeopleFigures(headlineFigures(input), { lang: 'id', measure: 'skills_index', threshold: 3, summary });
 * ```
 */
export function withPeopleFigures(
  figures: readonly FigureItem[],
  input: { lang: Lang; measure: IndexMeasure; threshold: number; summary: DivideSummary | null },
): FigureItem[] {
  const { lang, measure, summary } = input;
  const threshold = formatMeasure(input.threshold, measure, lang);
  const people = weightedByPeople(summary);
  const below = summary?.peopleBelow ?? null;
  return figures.flatMap((item) => {
    if (item.key !== 'share-below') return [item];
    const share = people
      ? { ...item, label: t('figure.shareBelowPeople', lang, { threshold }) }
      : item;
    if (!below) return [share];
    return [
      share,
      {
        key: 'people-below',
        label: t('figure.peopleBelow', lang, { threshold }),
        value: formatNumber(below.people, lang),
        detail: t('figure.peopleBelow.detail', lang, {
          share: formatPercent(below.share, lang, { maxDigits: 2 }),
          regencies: formatNumber(below.regencies, lang),
          total: formatNumber(below.totalRegencies, lang),
        }),
      },
    ];
  });
}

/**
 * The sentence under the filters when people-weighting is asked: how the figures are weighted, or
 * that within one regency it changes nothing. Null for per-village figures.
 */
export function weightNote(
  weight: Weight,
  summary: DivideSummary | null,
  lang: Lang,
): string | null {
  if (weight !== 'people') return null;
  if (summary?.weight === 'people' && summary.weightEffective === false) {
    return t('weight.note.noEffect', lang);
  }
  return t('weight.note.people', lang);
}

/**
 * "Population (2025) 1.261.699 · Density 723 people/km2 · Area 1.745 km2" pieces of a province or
 * regency; empty below (nothing published) and null parts left out.
 */
export function populationFacts(
  region: Pick<RegionDetail, 'population' | 'density' | 'areaKm2'>,
  lang: Lang,
): Array<{ key: 'population' | 'density' | 'area'; text: string }> {
  const facts: Array<{ key: 'population' | 'density' | 'area'; text: string }> = [];
  if (region.population !== null) {
    facts.push({
      key: 'population',
      text: `${t('region.population', lang)} ${formatNumber(region.population, lang)}`,
    });
  }
  if (region.density !== null) {
    facts.push({
      key: 'density',
      text: `${t('region.density', lang)} ${t('region.densityValue', lang, {
        value: formatNumber(region.density, lang, { maxDigits: 0 }),
      })}`,
    });
  }
  if (region.areaKm2 !== null) {
    facts.push({
      key: 'area',
      text: t('region.area', lang, { value: formatNumber(region.areaKm2, lang, { maxDigits: 0 }) }),
    });
  }
  return facts;
}
