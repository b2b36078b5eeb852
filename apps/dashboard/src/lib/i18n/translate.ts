import type { Lang } from './lang.js';
import { messagesEn } from './messages-en.js';
import { messagesId, type MessageKey } from './messages-id.js';

const MESSAGES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = {
  id: messagesId,
  en: messagesEn,
};

/** Values for a message's `{name}` placeholders; numbers should be formatted by the caller. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * The message `key` in `lang`, with its `{name}` placeholders filled from `params`.
 *
 * @throws {Error} naming the placeholder when a message needs a parameter that is not given, so a
 * half-filled sentence never reaches the page.
 * @example
 * ```ts
 * t('nav.divide', 'id'); // 'Kesenjangan'
 * t('chart.lorenz.title', 'en', { title: 'Skills', gini: '0.21' }); // 'Skills (Gini 0.21)'
 * ```
 */
export function t(key: MessageKey, lang: Lang, params?: MessageParams): string {
  const message = MESSAGES[lang][key];
  if (!message.includes('{')) return message;
  return message.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing parameter {${name}} for message ${key}`);
    return String(value);
  });
}

/** Whether `key` is a message key, for ids that come from data (`measure.${id}`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messagesId, key);
}
