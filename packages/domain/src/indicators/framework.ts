import { z } from 'zod';

/**
 * The three levels of the digital divide (van Dijk; van Deursen & Helsper): first **access**
 * (signal, devices, connection), then **skills** (the four ILD pillars), then **outcomes** (what
 * people and villages get from being online). Keeping them apart lets a village with signal but no
 * skills look different from one with neither.
 *
 * @example
 * ```ts
 * DivideLevel.parse('skills'); // 'skills'
 * ```
 */
export const DivideLevel = z.enum(['access', 'skills', 'outcomes']);
export type DivideLevel = z.infer<typeof DivideLevel>;

/** The levels in reading order. @example `DIVIDE_LEVELS[0] // 'access'` */
export const DIVIDE_LEVELS: readonly DivideLevel[] = DivideLevel.options;

/**
 * The four pillars of the Indeks Literasi Digital (Kominfo with Katadata Insight Center), each on
 * the survey's 1-5 scale: *cakap* (skills), *etis* (ethics), *aman* (safety), *budaya* (culture).
 *
 * @example
 * ```ts
 * SkillPillar.parse('digital_safety'); // 'digital_safety'
 * ```
 */
export const SkillPillar = z.enum([
  'digital_skills',
  'digital_ethics',
  'digital_safety',
  'digital_culture',
]);
export type SkillPillar = z.infer<typeof SkillPillar>;

/** The four ILD pillars in the published order. @example `SKILL_PILLARS.length // 4` */
export const SKILL_PILLARS: readonly SkillPillar[] = SkillPillar.options;

/**
 * Every indicator id of the framework. Access and outcome ids are prefixed with their level so a
 * column name alone says what it measures.
 *
 * @example
 * ```ts
 * IndicatorId.safeParse('access_4g_signal').success; // true
 * ```
 */
export const IndicatorId = z.enum([
  'access_4g_signal',
  'access_office_internet',
  'access_households_online',
  'digital_skills',
  'digital_ethics',
  'digital_safety',
  'digital_culture',
  'outcome_services_online',
  'outcome_msme_online',
  'outcome_digital_payments',
]);
export type IndicatorId = z.infer<typeof IndicatorId>;

/** Which way is better. Every indicator here is `higher_is_better`; the field exists so a new one need not be. */
export const Direction = z.enum(['higher_is_better', 'lower_is_better']);
export type Direction = z.infer<typeof Direction>;

/** A label in Bahasa Indonesia and in English. @example `{ id: 'Sinyal 4G', en: '4G signal' }` */
export const Labels = z.object({ id: z.string().min(1), en: z.string().min(1) });
export type Labels = z.infer<typeof Labels>;

/**
 * One indicator of the framework: what it measures, in which unit, within which valid range,
 * which way is better, and where it sits (level, and pillar for the skills level).
 *
 * @example
 * ```ts
 * const signal = Indicator.parse(FRAMEWORK.indicators[0]);
 * signal.range; // { min: 0, max: 100 }
 * ```
 */
export const Indicator = z.object({
  id: IndicatorId,
  level: DivideLevel,
  /** The ILD pillar, for skills indicators only. */
  pillar: SkillPillar.optional(),
  labels: Labels,
  description: Labels,
  unit: z.enum(['percent', 'score_1_5']),
  range: z.object({ min: z.number(), max: z.number() }),
  direction: Direction,
});
export type Indicator = z.infer<typeof Indicator>;

const percent = {
  unit: 'percent',
  range: { min: 0, max: 100 },
  direction: 'higher_is_better',
} as const;
const score = {
  unit: 'score_1_5',
  range: { min: 1, max: 5 },
  direction: 'higher_is_better',
} as const;

/**
 * The indicator framework: three levels, ten indicators a village survey can really measure.
 * Skills are the four ILD pillars on the ILD's 1-5 scale; access and outcomes are shares in percent
 * (of settlements, households, services or MSMEs), so each is comparable across villages of any size.
 *
 * @example
 * ```ts
 * FRAMEWORK.indicators.filter((i) => i.level === 'access').map((i) => i.id);
 * // ['access_4g_signal', 'access_office_internet', 'access_households_online']
 * ```
 */
export const FRAMEWORK = {
  levels: {
    access: {
      labels: { id: 'Akses', en: 'Access' },
      description: {
        id: 'Sinyal, perangkat dan sambungan internet',
        en: 'Signal, devices and connection',
      },
    },
    skills: {
      labels: { id: 'Kecakapan', en: 'Skills' },
      description: {
        id: 'Empat pilar Indeks Literasi Digital (skala 1-5)',
        en: 'The four pillars of the Digital Literacy Index (1-5 scale)',
      },
    },
    outcomes: {
      labels: { id: 'Manfaat', en: 'Outcomes' },
      description: {
        id: 'Apa yang diperoleh warga dan desa dari internet',
        en: 'What people and villages get from being online',
      },
    },
  },
  indicators: [
    {
      id: 'access_4g_signal',
      level: 'access',
      labels: { id: 'Sinyal 4G', en: '4G signal' },
      description: {
        id: 'Persentase dusun/lingkungan yang menerima sinyal 4G',
        en: 'Share of the village’s hamlets with a 4G signal',
      },
      ...percent,
    },
    {
      id: 'access_office_internet',
      level: 'access',
      labels: { id: 'Internet kantor desa', en: 'Village office internet' },
      description: {
        id: 'Persentase hari kerja kantor desa tersambung internet',
        en: 'Share of working days the village office is connected to the internet',
      },
      ...percent,
    },
    {
      id: 'access_households_online',
      level: 'access',
      labels: { id: 'Rumah tangga daring', en: 'Households online' },
      description: {
        id: 'Persentase rumah tangga dengan akses internet',
        en: 'Share of households with internet access',
      },
      ...percent,
    },
    {
      id: 'digital_skills',
      level: 'skills',
      pillar: 'digital_skills',
      labels: { id: 'Cakap digital', en: 'Digital skills' },
      description: {
        id: 'Pilar kecakapan digital ILD',
        en: 'ILD pillar: digital skills',
      },
      ...score,
    },
    {
      id: 'digital_ethics',
      level: 'skills',
      pillar: 'digital_ethics',
      labels: { id: 'Etis digital', en: 'Digital ethics' },
      description: { id: 'Pilar etika digital ILD', en: 'ILD pillar: digital ethics' },
      ...score,
    },
    {
      id: 'digital_safety',
      level: 'skills',
      pillar: 'digital_safety',
      labels: { id: 'Aman digital', en: 'Digital safety' },
      description: { id: 'Pilar keamanan digital ILD', en: 'ILD pillar: digital safety' },
      ...score,
    },
    {
      id: 'digital_culture',
      level: 'skills',
      pillar: 'digital_culture',
      labels: { id: 'Budaya digital', en: 'Digital culture' },
      description: { id: 'Pilar budaya digital ILD', en: 'ILD pillar: digital culture' },
      ...score,
    },
    {
      id: 'outcome_services_online',
      level: 'outcomes',
      labels: { id: 'Layanan desa daring', en: 'Village services online' },
      description: {
        id: 'Persentase layanan administrasi desa yang bisa diurus daring',
        en: 'Share of village administrative services available online',
      },
      ...percent,
    },
    {
      id: 'outcome_msme_online',
      level: 'outcomes',
      labels: { id: 'UMKM berjualan daring', en: 'MSMEs selling online' },
      description: {
        id: 'Persentase UMKM desa yang berjualan secara daring',
        en: 'Share of the village’s MSMEs selling online',
      },
      ...percent,
    },
    {
      id: 'outcome_digital_payments',
      level: 'outcomes',
      labels: { id: 'Pembayaran digital', en: 'Digital payments' },
      description: {
        id: 'Persentase rumah tangga yang memakai pembayaran digital',
        en: 'Share of households using digital payments',
      },
      ...percent,
    },
  ] satisfies readonly Indicator[],
} as const;

/** The framework's shape, for code that receives it over the wire. */
export type Framework = typeof FRAMEWORK;

/**
 * Look up an indicator by id.
 *
 * @example
 * ```ts
 * indicatorById('digital_safety').range; // { min: 1, max: 5 }
 * ```
 */
export function indicatorById(id: IndicatorId): Indicator {
  const found = FRAMEWORK.indicators.find((i) => i.id === id);
  // IndicatorId and FRAMEWORK.indicators are written together; a miss is a bug here, not bad input.
  if (!found) throw new Error(`indicator missing from FRAMEWORK: ${id}`);
  return found;
}

/**
 * The indicators of one level, in framework order.
 *
 * @example
 * ```ts
 * indicatorsOfLevel('outcomes').length; // 3
 * ```
 */
export function indicatorsOfLevel(level: DivideLevel): Indicator[] {
  return FRAMEWORK.indicators.filter((i) => i.level === level);
}
