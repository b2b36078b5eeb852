/** The dashboard's languages: Bahasa Indonesia first (the default), then English. */
export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const DEFAULT_LANG: Lang = 'id';

/** The BCP 47 locale each language formats numbers and dates with. */
export const LOCALES: Readonly<Record<Lang, string>> = { id: 'id-ID', en: 'en-GB' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/**
 * The language named by a `?lang=` value; anything else (missing, empty, unknown) is the default,
 * so a stale or hand-edited link still renders rather than failing.
 *
 * @example
 * ```ts
 * parseLang(new URL('https://x/?lang=en').searchParams.get('lang')); // 'en'
 * parseLang('fr'); // 'id'
 * ```
 */
export function parseLang(value: string | null | undefined): Lang {
  return isLang(value) ? value : DEFAULT_LANG;
}
