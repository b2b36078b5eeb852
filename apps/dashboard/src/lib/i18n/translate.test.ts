import { describe, expect, it } from 'vitest';
import { parseLang } from './lang.js';
import { messagesEn } from './messages-en.js';
import { messagesId, type MessageKey } from './messages-id.js';
import { isMessageKey, t } from './translate.js';

const placeholders = (message: string): string[] =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('dictionaries', () => {
  it('have the same keys in both languages', () => {
    expect(Object.keys(messagesEn).sort()).toEqual(Object.keys(messagesId).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(messagesId) as MessageKey[]) {
      expect(placeholders(messagesEn[key]), key).toEqual(placeholders(messagesId[key]));
    }
  });

  it('have no empty message', () => {
    for (const messages of [messagesId, messagesEn]) {
      for (const [key, message] of Object.entries(messages))
        expect(message.trim(), key).not.toBe('');
    }
  });

  it('name every measure, pillar, level and kind of the domain', () => {
    // The ids of @pandu/domain's IndexMeasure, DivideLevel and VillageKind, written out so this
    // package does not depend on the domain before it needs to; the API will send these ids.
    const ids = [
      'measure.skills_index',
      'measure.skills_index_geometric',
      'measure.access_index',
      'measure.outcomes_index',
      'measure.digital_skills',
      'measure.digital_ethics',
      'measure.digital_safety',
      'measure.digital_culture',
      'level.access',
      'level.skills',
      'level.outcomes',
      'kind.kelurahan',
      'kind.desa',
      'kind.desa_adat',
    ];
    for (const id of ids) expect(isMessageKey(id), id).toBe(true);
  });
});

describe('t', () => {
  it('gives the navigation in Indonesian and English', () => {
    const nav = ['national', 'region', 'village', 'divide', 'mentoring', 'data'] as const;
    expect(nav.map((n) => t(`nav.${n}`, 'id'))).toEqual([
      'Nasional',
      'Wilayah',
      'Desa',
      'Kesenjangan',
      'Pendampingan',
      'Data',
    ]);
    expect(nav.map((n) => t(`nav.${n}`, 'en'))).toEqual([
      'Nation',
      'Regions',
      'Villages',
      'The divide',
      'Mentoring',
      'Data',
    ]);
  });

  it('fills placeholders', () => {
    expect(t('chart.lorenz.title', 'id', { title: 'Indeks', gini: '0,21' })).toBe(
      'Indeks (Gini 0,21)',
    );
    expect(t('chart.line.last', 'en', { label: 'Median', year: 2024, value: '3.49' })).toBe(
      'Median 2024: 3.49.',
    );
  });

  it('refuses a message with a missing parameter', () => {
    expect(() => t('chart.lorenz.title', 'en', { title: 'Skills' })).toThrow(
      'missing parameter {gini} for message chart.lorenz.title',
    );
  });

  it('tells message keys from other strings', () => {
    expect(isMessageKey('nav.data')).toBe(true);
    expect(isMessageKey('measure.unknown')).toBe(false);
    expect(isMessageKey('toString')).toBe(false);
  });
});

describe('parseLang', () => {
  it.each([
    ['en', 'en'],
    ['id', 'id'],
    [null, 'id'],
    [undefined, 'id'],
    ['', 'id'],
    ['EN', 'id'],
    ['fr', 'id'],
  ] as const)('%s -> %s', (input, expected) => {
    expect(parseLang(input)).toBe(expected);
  });
});
