import type { IndexMeasure } from '@pandu/domain';
import type { MentoringPriorities, PriorityVillage } from './api-types.js';
import { formatNumber, formatPercent, t, type Lang } from './i18n/index.js';
import { formatMeasure } from './measure-format.js';

/**
 * Why a village is on the priority list, in `lang`: its skills index and how far down the scope it
 * is, and its access (connected but behind). Built from the numbers, not the API's English
 * sentence, so it reads in the page's language.
 *
 * @example
 * ```ts
 * priorityReason(priorities.villages[0], priorities, 'id');
 * // 'Indeks kecakapan 3,02, 1,2% terbawah dari 248 desa (median 3,59); indeks akses 61,0 (>= 40): ...'
 * ```
 */
export function priorityReason(
  village: PriorityVillage,
  priorities: Pick<MentoringPriorities, 'villagesWithData' | 'skillsMedian' | 'minAccess'>,
  lang: Lang,
): string {
  const skills = (v: number) => formatMeasure(v, 'skills_index' satisfies IndexMeasure, lang);
  return t('mentoring.reason', lang, {
    skills: skills(village.skillsIndex),
    percentile: formatPercent(village.skillsPercentile, lang),
    of: formatNumber(priorities.villagesWithData, lang),
    median: skills(priorities.skillsMedian),
    access: formatNumber(village.accessIndex, lang, { minDigits: 1, maxDigits: 1 }),
    minAccess: formatNumber(priorities.minAccess, lang),
  });
}
