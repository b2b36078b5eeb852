import { z } from 'zod';
import { RegionCode } from './regions/region-code.js';
import { VillageCode } from './regions/village-code.js';
import { Sector } from './sectors.js';

/** An array schema that also rejects repeated items, naming the first repeat. */
function uniqueArray<T extends z.ZodType<string>>(item: T, what: string) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<string>();
    for (const [i, value] of items.entries()) {
      if (seen.has(value)) {
        ctx.addIssue({ code: 'custom', path: [i], message: `${what} listed twice: ${value}` });
      }
      seen.add(value);
    }
  });
}

/**
 * A calendar date written `YYYY-MM-DD`; impossible dates (`2021-02-29`) are rejected. Dates stay
 * strings: they are days, not instants, and a `Date` would drag in a time zone.
 *
 * @example
 * ```ts
 * IsoDate.parse('2021-11-02'); // '2021-11-02'
 * IsoDate.safeParse('2/11/2021').success; // false
 * ```
 */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * An inclusive range of days, `end` on or after `start` (a one-day range is allowed).
 *
 * @example
 * ```ts
 * DateRange.parse({ start: '2021-11-02', end: '2021-11-03' });
 * DateRange.safeParse({ start: '2021-11-03', end: '2021-11-02' }).success; // false
 * ```
 */
export const DateRange = z
  .object({ start: IsoDate, end: IsoDate })
  // ISO dates compare correctly as strings.
  .refine((range) => range.end >= range.start, {
    path: ['end'],
    error: (issue) => {
      const range = issue.input as { start: string; end: string };
      return `date range ends (${range.end}) before it starts (${range.start})`;
    },
  });
export type DateRange = z.infer<typeof DateRange>;

/**
 * When a mentoring event took place: one day, or an inclusive range of days.
 *
 * @example
 * ```ts
 * MentoringDate.parse('2021-11-02');
 * MentoringDate.parse({ start: '2021-11-02', end: '2021-11-03' });
 * ```
 */
export const MentoringDate = z.union([IsoDate, DateRange]);
export type MentoringDate = z.infer<typeof MentoringDate>;

/**
 * A mentoring date as a range, so one-day and multi-day events can be handled alike.
 *
 * @example
 * ```ts
 * mentoringDateRange('2021-11-02'); // { start: '2021-11-02', end: '2021-11-02' }
 * ```
 */
export function mentoringDateRange(date: MentoringDate): DateRange {
  return typeof date === 'string' ? { start: date, end: date } : date;
}

/**
 * What kind of event it was. `pendampingan` is hands-on mentoring in the village itself;
 * `training_of_trainers` forms the mentors (as Pandu Digital's 2021 training did).
 *
 * @example
 * ```ts
 * MentoringFormat.parse('seminar_workshop'); // 'seminar_workshop'
 * ```
 */
export const MentoringFormat = z.enum([
  'seminar',
  'workshop',
  'seminar_workshop',
  'pendampingan',
  'training_of_trainers',
]);
export type MentoringFormat = z.infer<typeof MentoringFormat>;

/**
 * Who took part: village officials (*perangkat desa*), the PPA (the source gives only the
 * abbreviation), village youth organisations (*karang taruna*), the regency's
 * community-and-village-empowerment office (*dinas PMD*), villagers (*masyarakat*), Pandu Digital
 * volunteers, and anyone else.
 *
 * @example
 * ```ts
 * ParticipantRole.parse('karang_taruna'); // 'karang_taruna'
 * ```
 */
export const ParticipantRole = z.enum([
  'perangkat_desa',
  'ppa',
  'karang_taruna',
  'dinas_pmd',
  'masyarakat',
  'pandu_digital',
  'other',
]);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

const count = z.number().int().nonnegative();

/**
 * How many took part, and as much of the breakdown as is known. Reports often give a total and
 * the kinds of participants but no split, so only `total` is required:
 *
 * - `roles`: the roles known to have taken part (absent: not recorded).
 * - `byRole`: the counts that are known. A role may be listed without a count (unknown), but not
 *   counted without being listed.
 *
 * The counts never add up to more than `total`; once every listed role has a count the breakdown
 * is complete and must add up to `total` exactly. The total is never derived from the counts, so
 * a partial breakdown cannot pass for the whole.
 *
 * @example
 * ```ts
 * Participants.parse({ total: 120, roles: ['perangkat_desa', 'karang_taruna'] }); // split unknown
 * Participants.parse({ total: 30, roles: ['perangkat_desa', 'karang_taruna'], byRole: { perangkat_desa: 20 } });
 * Participants.safeParse({ total: 30, roles: ['ppa'], byRole: { ppa: 25 } }).success;
 * // false: every role has a count, so they must add up to 30
 * ```
 */
export const Participants = z
  .object({
    total: count,
    roles: uniqueArray(ParticipantRole, 'participant role').optional(),
    byRole: z.partialRecord(ParticipantRole, count).optional(),
  })
  .superRefine((participants, ctx) => {
    const { total, roles, byRole } = participants;
    if (!byRole) return;
    const counted = Object.keys(byRole) as ParticipantRole[];
    const unlisted = counted.filter((role) => !roles?.includes(role));
    if (unlisted.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['byRole'],
        message: `byRole counts ${unlisted.join(', ')}, not listed in roles`,
      });
      return;
    }
    const sum = counted.reduce((acc, role) => acc + (byRole[role] ?? 0), 0);
    if (sum > total) {
      ctx.addIssue({
        code: 'custom',
        path: ['byRole'],
        message: `byRole adds up to ${sum}, more than the total of ${total}`,
      });
    } else if (roles && roles.every((role) => byRole[role] !== undefined) && sum !== total) {
      ctx.addIssue({
        code: 'custom',
        path: ['byRole'],
        message: `byRole has a count for every role but adds up to ${sum}, not the total of ${total}`,
      });
    }
  });
export type Participants = z.infer<typeof Participants>;

/**
 * Where an event was held: a village, and optionally the place in it (e.g. `Kampung Coklat`).
 *
 * @example
 * ```ts
 * MentoringVenue.parse({ villageCode: '35.05.04.2014', name: 'Kampung Coklat' });
 * ```
 */
export const MentoringVenue = z.object({
  villageCode: VillageCode,
  name: z.string().trim().min(1).optional(),
});
export type MentoringVenue = z.infer<typeof MentoringVenue>;

/**
 * The villages whose people took part: how many (`count`, at least one), and the codes of those
 * that are known (`codes`, unique, at most `count`). Reports often say "20 villages" without
 * naming them, so `codes` may be shorter than `count`, or empty; the venue village is **not**
 * assumed to be one of them.
 *
 * @example
 * ```ts
 * ParticipatingVillages.parse({ count: 20, codes: [] }); // 20 villages, none named
 * ParticipatingVillages.parse({ count: 1, codes: ['35.05.04.2014'] }); // fully known
 * ```
 */
export const ParticipatingVillages = z
  .object({
    count: z.number().int().positive(),
    codes: uniqueArray(VillageCode, 'village code'),
  })
  .refine((villages) => villages.codes.length <= villages.count, {
    path: ['codes'],
    error: (issue) => {
      const villages = issue.input as { count: number; codes: unknown[] };
      return `${villages.codes.length} village codes listed for a count of ${villages.count}`;
    },
  });
export type ParticipatingVillages = z.infer<typeof ParticipatingVillages>;

/**
 * One mentoring event of the Pandu Digital programme: when, what format, which sectors, where,
 * which villages and who took part, and who organised it. Optional fields are the ones reports
 * often leave out (`sessions`, `title`, `notes`); absent means "not recorded", never zero.
 *
 * @example
 * ```ts
 * MentoringEvent.parse({
 *   id: 'blitar-2023-pendampingan-1',
 *   date: '2023-05-10',
 *   format: 'pendampingan',
 *   sectors: ['umkm'],
 *   venue: { villageCode: '35.05.04.2014' },
 *   villages: { count: 1, codes: ['35.05.04.2014'] },
 *   participants: { total: 15 },
 *   organisers: ['Pemerintah Kabupaten Blitar'],
 * });
 * ```
 */
export const MentoringEvent = z.object({
  id: z.string().trim().min(1),
  title: z.string().trim().min(1).optional(),
  date: MentoringDate,
  format: MentoringFormat,
  sectors: uniqueArray(Sector, 'sector').min(1),
  sessions: z.number().int().positive().optional(),
  venue: MentoringVenue,
  villages: ParticipatingVillages,
  participants: Participants,
  /** Free text, as the source names them (e.g. `Kominfo`, `Pemerintah Kabupaten Blitar`). */
  organisers: z.array(z.string().trim().min(1)).min(1),
  notes: z.string().trim().min(1).optional(),
});
export type MentoringEvent = z.infer<typeof MentoringEvent>;

/**
 * The tiers of Pandu Digital volunteers, with their badges: Purwa (red), Madya (blue), and a third.
 * **The third tier's name is unconfirmed**: `utama` is a placeholder following the usual
 * *purwa / madya / utama* sequence, not a name found in a source.
 *
 * @example
 * ```ts
 * VolunteerTier.parse('madya'); // 'madya'
 * ```
 */
export const VolunteerTier = z.enum(['purwa', 'madya', 'utama']);
export type VolunteerTier = z.infer<typeof VolunteerTier>;

/**
 * A Pandu Digital volunteer ("digital guide", age 17-65, a Ditjen Aptika programme), as far as
 * this product needs one: a tier, a sector, a home region (any level: a volunteer may be known only
 * by regency) and the year they joined. **No personal data**: the schema is strict, so a record
 * carrying a `name` or any other unknown field is rejected rather than silently stored.
 *
 * `joinedYear` is only checked to be a plausible year (2000-2100), not against the programme's
 * start.
 *
 * @example
 * ```ts
 * PanduVolunteer.parse({ id: 'pd-0001', tier: 'purwa', sector: 'umkm', homeRegionCode: '35.05', joinedYear: 2021 });
 * ```
 */
export const PanduVolunteer = z.strictObject({
  id: z.string().trim().min(1),
  tier: VolunteerTier,
  sector: Sector,
  homeRegionCode: RegionCode,
  joinedYear: z.number().int().min(2000).max(2100),
});
export type PanduVolunteer = z.infer<typeof PanduVolunteer>;

/**
 * The seminar and workshop of 2-3 November 2021 in Kabupaten Blitar (East Java), held by Kominfo
 * and the regency government to form Pandu Digital volunteers, recorded exactly as far as the
 * sources go.
 *
 * Recorded: two days (2-3 Nov 2021), seminar and workshop, two sessions, the four sectors, the
 * venue (Kampung Coklat in Desa Plosorejo, Kecamatan Kademangan, 35.05.04.2014), 120 participants,
 * 20 participating villages, and the kinds of participants (village governments, the PPA, karang
 * taruna, dinas PMD).
 *
 * Unknown, so left out rather than guessed: which 20 villages (`villages.codes` is empty; the
 * venue village is not assumed to be one of them), how the 120 split by role (no `byRole`), the
 * official title, and how the two sessions divided the days.
 *
 * @example
 * ```ts
 * BLITAR_WORKSHOP_2021.participants.total; // 120
 * BLITAR_WORKSHOP_2021.villages.count; // 20
 * ```
 */
export const BLITAR_WORKSHOP_2021: MentoringEvent = MentoringEvent.parse({
  id: 'kominfo-blitar-2021-11-02',
  date: { start: '2021-11-02', end: '2021-11-03' },
  format: 'seminar_workshop',
  sectors: ['pendidikan', 'umkm', 'pertanian', 'desa_wisata_digital'],
  sessions: 2,
  venue: { villageCode: '35.05.04.2014', name: 'Kampung Coklat' },
  villages: { count: 20, codes: [] },
  participants: {
    total: 120,
    roles: ['perangkat_desa', 'ppa', 'karang_taruna', 'dinas_pmd'],
  },
  organisers: ['Kominfo', 'Pemerintah Kabupaten Blitar'],
  notes:
    'Two-day seminar and workshop to form Pandu Digital volunteers who mentor villages in their digitalisation.',
} satisfies z.input<typeof MentoringEvent>);
