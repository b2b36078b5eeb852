export { DEFAULT_LANG, LANGS, LOCALES, isLang, parseLang, type Lang } from './lang.js';
export { messagesId, type MessageKey } from './messages-id.js';
export { messagesEn } from './messages-en.js';
export { isMessageKey, t, type MessageParams } from './translate.js';
export {
  MISSING,
  formatDate,
  formatNumber,
  formatPercent,
  type NumberFormatOptions,
} from './format.js';
