export {
  METHODS,
  METHOD_IDS,
  methodsMarkdown,
  type Bilingual,
  type Method,
  type MethodId,
  type MethodLang,
} from './methods.js';
