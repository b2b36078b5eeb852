import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  BLITAR_WORKSHOP_2021,
  DateRange,
  MentoringDate,
  MentoringEvent,
  PanduVolunteer,
  ParticipatingVillages,
  Participants,
  VolunteerTier,
  mentoringDateRange,
} from './mentoring.js';
import { regionLevel } from './regions/region-level.js';
import { villageKind } from './regions/village-kind.js';

function messages(result: { success: boolean; error?: z.ZodError }): string[] {
  return result.error?.issues.map((i) => i.message) ?? [];
}

/** A minimal valid event to vary one field at a time. */
const base: z.input<typeof MentoringEvent> = {
  id: 'test-1',
  date: '2023-05-10',
  format: 'pendampingan',
  sectors: ['umkm'],
  venue: { villageCode: '35.05.04.2014' },
  villages: { count: 1, codes: ['35.05.04.2014'] },
  participants: { total: 15 },
  organisers: ['Pemerintah Kabupaten Blitar'],
};

describe('MentoringDate', () => {
  const valid: unknown[] = [
    '2021-11-02',
    '2024-02-29',
    { start: '2021-11-02', end: '2021-11-03' },
    { start: '2021-11-02', end: '2021-11-02' },
  ];
  for (const date of valid) {
    it(`accepts ${JSON.stringify(date)}`, () => {
      expect(MentoringDate.safeParse(date).success).toBe(true);
    });
  }

  const invalid: unknown[] = [
    '2021-02-29', // not a leap year
    '2021-13-01',
    '02/11/2021',
    '2021-11-02T10:00:00Z',
    { start: '2021-11-02' },
    { start: '2021-11-02', end: '2021-11-32' },
  ];
  for (const date of invalid) {
    it(`rejects ${JSON.stringify(date)}`, () => {
      expect(MentoringDate.safeParse(date).success).toBe(false);
    });
  }

  it('rejects a range that ends before it starts, saying so', () => {
    const result = DateRange.safeParse({ start: '2021-11-03', end: '2021-11-02' });
    expect(messages(result)).toEqual([
      'date range ends (2021-11-02) before it starts (2021-11-03)',
    ]);
    expect(result.error?.issues[0]?.path).toEqual(['end']);
  });

  it('compares across months and years, not just days', () => {
    expect(DateRange.safeParse({ start: '2021-12-31', end: '2022-01-01' }).success).toBe(true);
    expect(DateRange.safeParse({ start: '2022-01-01', end: '2021-12-31' }).success).toBe(false);
  });

  it('turns a single day into a one-day range', () => {
    expect(mentoringDateRange('2021-11-02')).toEqual({ start: '2021-11-02', end: '2021-11-02' });
    const range = { start: '2021-11-02', end: '2021-11-03' };
    expect(mentoringDateRange(range)).toEqual(range);
  });
});

describe('Participants', () => {
  const valid: [label: string, input: z.input<typeof Participants>][] = [
    ['a total alone', { total: 120 }],
    ['a total and roles, split unknown', { total: 120, roles: ['perangkat_desa', 'ppa'] }],
    [
      'a partial split that stays under the total',
      { total: 30, roles: ['perangkat_desa', 'karang_taruna'], byRole: { perangkat_desa: 20 } },
    ],
    [
      'a complete split that adds up',
      {
        total: 30,
        roles: ['perangkat_desa', 'karang_taruna'],
        byRole: { perangkat_desa: 20, karang_taruna: 10 },
      },
    ],
  ];
  for (const [label, input] of valid) {
    it(`accepts ${label}`, () => {
      expect(Participants.parse(input)).toEqual(input);
    });
  }

  const invalid: [label: string, input: unknown, message: string][] = [
    [
      'a complete split that does not add up',
      { total: 30, roles: ['ppa'], byRole: { ppa: 25 } },
      'byRole has a count for every role but adds up to 25, not the total of 30',
    ],
    [
      'a partial split above the total',
      { total: 30, roles: ['ppa', 'other'], byRole: { ppa: 31 } },
      'byRole adds up to 31, more than the total of 30',
    ],
    [
      'a count for a role not listed',
      { total: 30, roles: ['ppa'], byRole: { ppa: 20, karang_taruna: 10 } },
      'byRole counts karang_taruna, not listed in roles',
    ],
    [
      'counts without roles',
      { total: 30, byRole: { ppa: 30 } },
      'byRole counts ppa, not listed in roles',
    ],
    [
      'a role listed twice',
      { total: 3, roles: ['ppa', 'ppa'] },
      'participant role listed twice: ppa',
    ],
    ['a negative count', { total: 3, roles: ['ppa'], byRole: { ppa: -1 } }, 'Too small'],
    ['a fractional total', { total: 2.5 }, 'Invalid input: expected int, received number'],
    ['an unknown role', { total: 3, roles: ['lurah'] }, 'Invalid option'],
  ];
  for (const [label, input, message] of invalid) {
    it(`rejects ${label}`, () => {
      const result = Participants.safeParse(input);
      expect(result.success).toBe(false);
      expect(messages(result).join('\n')).toContain(message);
    });
  }
});

describe('ParticipatingVillages', () => {
  it('accepts a count with none, some or all of the codes', () => {
    expect(ParticipatingVillages.safeParse({ count: 20, codes: [] }).success).toBe(true);
    expect(ParticipatingVillages.safeParse({ count: 2, codes: ['35.05.04.2014'] }).success).toBe(
      true,
    );
    expect(
      ParticipatingVillages.safeParse({ count: 2, codes: ['35.05.04.2014', '35.05.04.2001'] })
        .success,
    ).toBe(true);
  });

  const invalid: [label: string, input: unknown, message: string][] = [
    [
      'more codes than the count',
      { count: 1, codes: ['35.05.04.2014', '35.05.04.2001'] },
      '2 village codes listed for a count of 1',
    ],
    [
      'a repeated code',
      { count: 2, codes: ['35.05.04.2014', '35.05.04.2014'] },
      'village code listed twice: 35.05.04.2014',
    ],
    [
      'a district code',
      { count: 1, codes: ['35.05.04'] },
      'invalid village code "35.05.04": is a district code',
    ],
    ['no villages at all', { count: 0, codes: [] }, 'Too small'],
  ];
  for (const [label, input, message] of invalid) {
    it(`rejects ${label}`, () => {
      expect(messages(ParticipatingVillages.safeParse(input)).join('\n')).toContain(message);
    });
  }
});

describe('MentoringEvent', () => {
  it('accepts a minimal event', () => {
    expect(MentoringEvent.safeParse(base).success).toBe(true);
  });

  const invalid: [label: string, patch: Record<string, unknown>, message: string][] = [
    ['no sectors', { sectors: [] }, 'Too small'],
    ['a sector twice', { sectors: ['umkm', 'umkm'] }, 'sector listed twice: umkm'],
    ['a sector from another year', { sectors: ['kesehatan'] }, 'Invalid option'],
    ['no organisers', { organisers: [] }, 'Too small'],
    ['zero sessions', { sessions: 0 }, 'Too small'],
    ['a venue that is not a village', { venue: { villageCode: '35.05' } }, 'is a regency code'],
    ['an unknown format', { format: 'webinar' }, 'Invalid option'],
    ['a blank id', { id: '  ' }, 'Too small'],
  ];
  for (const [label, patch, message] of invalid) {
    it(`rejects ${label}`, () => {
      expect(messages(MentoringEvent.safeParse({ ...base, ...patch })).join('\n')).toContain(
        message,
      );
    });
  }
});

describe('BLITAR_WORKSHOP_2021', () => {
  it('parses, and parsing again changes nothing', () => {
    expect(MentoringEvent.parse(BLITAR_WORKSHOP_2021)).toEqual(BLITAR_WORKSHOP_2021);
  });

  it('records what the sources say', () => {
    const event = BLITAR_WORKSHOP_2021;
    expect(event.date).toEqual({ start: '2021-11-02', end: '2021-11-03' });
    expect(event.format).toBe('seminar_workshop');
    expect(event.sessions).toBe(2);
    expect(event.sectors).toEqual(['pendidikan', 'umkm', 'pertanian', 'desa_wisata_digital']);
    expect(event.venue).toEqual({ villageCode: '35.05.04.2014', name: 'Kampung Coklat' });
    expect(event.participants.total).toBe(120);
    expect(event.participants.roles).toEqual([
      'perangkat_desa',
      'ppa',
      'karang_taruna',
      'dinas_pmd',
    ]);
    expect(event.villages.count).toBe(20);
    expect(event.organisers).toEqual(['Kominfo', 'Pemerintah Kabupaten Blitar']);
  });

  it('leaves the unknowns unknown: no split by role, no village list, no title', () => {
    expect(BLITAR_WORKSHOP_2021.participants.byRole).toBeUndefined();
    expect(BLITAR_WORKSHOP_2021.villages.codes).toEqual([]);
    expect(BLITAR_WORKSHOP_2021.title).toBeUndefined();
  });

  it('was held in a desa of Kecamatan Kademangan, Kabupaten Blitar', () => {
    const code = BLITAR_WORKSHOP_2021.venue.villageCode;
    expect(regionLevel(code)).toBe('village');
    expect(villageKind(code)).toBe('desa');
    expect(code.startsWith('35.05.04.')).toBe(true);
  });
});

describe('PanduVolunteer', () => {
  const volunteer = {
    id: 'pd-0001',
    tier: 'purwa',
    sector: 'umkm',
    homeRegionCode: '35.05',
    joinedYear: 2021,
  };

  it('accepts a volunteer with a home region of any level', () => {
    expect(PanduVolunteer.parse(volunteer)).toEqual(volunteer);
    expect(
      PanduVolunteer.safeParse({ ...volunteer, homeRegionCode: '35.05.04.2014' }).success,
    ).toBe(true);
  });

  it('refuses personal data instead of dropping it silently', () => {
    const result = PanduVolunteer.safeParse({ ...volunteer, name: 'Budi' });
    expect(messages(result)).toEqual(['Unrecognized key: "name"']);
  });

  const invalid: [label: string, patch: Record<string, unknown>][] = [
    ['an unknown tier', { tier: 'gold' }],
    ['a malformed home region', { homeRegionCode: '35.5' }],
    ['a fractional year', { joinedYear: 2021.5 }],
    ['an implausible year', { joinedYear: 1821 }],
  ];
  for (const [label, patch] of invalid) {
    it(`rejects ${label}`, () => {
      expect(PanduVolunteer.safeParse({ ...volunteer, ...patch }).success).toBe(false);
    });
  }

  it('has three tiers, lowest first', () => {
    expect(VolunteerTier.options).toEqual(['purwa', 'madya', 'utama']);
  });
});
