/**
 * Every number the synthetic default dataset is built from, in one place, so a reader can check
 * each against its source. Indicator values are NOT published per village: the generator produces
 * village values whose national means follow the published Indeks Literasi Digital (ILD) and whose
 * province means follow the published IP-TIK 2024 ranking. Everything below the province is
 * synthetic and is labelled so wherever it is shown or exported.
 */

/** First and last year of the default dataset. */
export const SEED_YEARS = { first: 2020, last: 2025 } as const;

/** The default seed: the date of the Blitar Pandu Digital workshop, 2 November 2021. */
export const DEFAULT_SEED = 20211102;

/**
 * National mean of each ILD pillar per year (1-5). 2020-2022 are the published pillar figures
 * (Katadata, Status Literasi Digital Indonesia 2022). 2023: published skills 3.50, ethics 3.99,
 * safety 3.29 and index 3.65; the culture pillar was not found, so it is the value that makes the
 * equal-weight mean equal the published index (4 x 3.65 - 3.50 - 3.99 - 3.29 = 3.82). 2024 and 2025
 * have no ILD (it was folded into IMDI): they extend the 2020-2023 trend by +0.05 a year per pillar,
 * and are marked extrapolated in the data dictionary.
 */
export const PILLAR_MEANS: Readonly<Record<number, Readonly<Record<string, number>>>> = {
  2020: { digital_skills: 3.34, digital_ethics: 3.72, digital_safety: 3.24, digital_culture: 3.55 },
  2021: { digital_skills: 3.44, digital_ethics: 3.53, digital_safety: 3.1, digital_culture: 3.9 },
  2022: { digital_skills: 3.52, digital_ethics: 3.68, digital_safety: 3.12, digital_culture: 3.84 },
  2023: { digital_skills: 3.5, digital_ethics: 3.99, digital_safety: 3.29, digital_culture: 3.82 },
  2024: { digital_skills: 3.55, digital_ethics: 4.04, digital_safety: 3.34, digital_culture: 3.87 },
  2025: { digital_skills: 3.6, digital_ethics: 4.09, digital_safety: 3.39, digital_culture: 3.92 },
};

/** The published national ILD the generator is calibrated to (and tested against, +-0.02). */
export const PUBLISHED_ILD: Readonly<Record<number, number>> = {
  2020: 3.46,
  2021: 3.49,
  2022: 3.54,
  2023: 3.65,
};

/**
 * Access and outcome indicators (percent): national mean in the first and last year, linear in
 * between. No village-level source exists; the levels are plausible orders of magnitude (BPS reports
 * most households online by the early 2020s; village services and MSME sales online lag far behind),
 * chosen so that access > outcomes, as the three-level model of the divide expects.
 */
export const PERCENT_TRAJECTORIES: Readonly<Record<string, { first: number; last: number }>> = {
  access_4g_signal: { first: 70, last: 88 },
  access_office_internet: { first: 58, last: 84 },
  access_households_online: { first: 45, last: 72 },
  outcome_services_online: { first: 15, last: 45 },
  outcome_msme_online: { first: 12, last: 35 },
  outcome_digital_payments: { first: 10, last: 40 },
};

/** Spread across villages (one standard deviation of the latent level, in the indicator's unit). */
export const SPREADS: Readonly<Record<string, number>> = {
  digital_skills: 0.4,
  digital_ethics: 0.35,
  digital_safety: 0.4,
  digital_culture: 0.35,
  access_4g_signal: 16,
  access_office_internet: 20,
  access_households_online: 15,
  outcome_services_online: 12,
  outcome_msme_online: 10,
  outcome_digital_payments: 11,
};

/**
 * How a village's latent level is made (before standardising to mean 0, sd 1): weights of the
 * province effect (the province's IP-TIK 2024 z-score), a regency, a district and a village effect
 * (standard normal, from the seed), and a shift by village kind. Kelurahan (urban) sit above desa;
 * the 14 desa adat in Papua below.
 */
export const LATENT = {
  province: 0.55,
  regency: 0.35,
  district: 0.25,
  village: 0.6,
  kind: { kelurahan: 0.7, desa: 0, desa_adat: -0.8 },
  /** share of the indicator's spread that follows the latent level; the rest is indicator noise. */
  loading: 0.85,
  /** persistent indicator-specific noise of a village (sd, in spreads). */
  indicatorNoise: 0.35,
  /** year-to-year noise (sd, in spreads). */
  yearNoise: 0.2,
} as const;

/**
 * Convergence: each year a village's distance from the national mean shrinks by this factor, so
 * dispersion falls (sigma convergence) and lagging villages improve faster (beta convergence).
 * 0.955 a year is a half-life of about 15 years: a divide that narrows slowly.
 */
export const CONVERGENCE_FACTOR = 0.955;

/** Share of (village, year, indicator) values left out, so missing values are real and visible. */
export const MISSING_SHARE = 0.003;

/**
 * Which villages are mentored, and when: the share of all villages first mentored in each year
 * (the rest, 56 %, never are). Mentored villages are drawn at random within each regency, so a
 * difference in differences against not-yet-mentored villages of the same regency is unbiased.
 */
export const MENTORING_SCHEDULE: Readonly<Record<number, number>> = {
  2021: 0.1,
  2022: 0.12,
  2023: 0.12,
  2024: 0.1,
};

/** Villages per synthetic mentoring event (at most). */
export const VILLAGES_PER_EVENT = 12;

/**
 * The planted effect of mentoring: added to a mentored village's values in every year after the
 * year of its event. Every sector trains digital skills (+0.15 on that pillar, 1-5 scale); each
 * also moves the indicator its sector is about. On the skills index (mean of four pillars) that is
 * +0.0375, and +0.075 for education (which also trains digital safety).
 */
export const PLANTED_EFFECTS: ReadonlyArray<{ sector: string; indicator: string; effect: number }> =
  [
    { sector: 'pendidikan', indicator: 'digital_skills', effect: 0.15 },
    { sector: 'pendidikan', indicator: 'digital_safety', effect: 0.15 },
    { sector: 'umkm', indicator: 'digital_skills', effect: 0.15 },
    { sector: 'umkm', indicator: 'outcome_msme_online', effect: 8 },
    { sector: 'pertanian', indicator: 'digital_skills', effect: 0.15 },
    { sector: 'pertanian', indicator: 'outcome_digital_payments', effect: 6 },
    { sector: 'desa_wisata_digital', indicator: 'digital_skills', effect: 0.15 },
    { sector: 'desa_wisata_digital', indicator: 'outcome_services_online', effect: 8 },
  ];

/** Synthetic Pandu Digital volunteers recruited a year (the programme's target was about +10,000 a year, 40,000 by 2024). */
export const VOLUNTEERS_PER_YEAR: Readonly<Record<number, number>> = {
  2021: 10_000,
  2022: 10_000,
  2023: 10_000,
  2024: 10_000,
};
