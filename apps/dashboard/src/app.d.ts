// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Lang } from '$lib/i18n/lang.js';

declare global {
  namespace App {
    interface Locals {
      /** The page language, read once per request from `?lang=` (see hooks.server.ts). */
      lang: Lang;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
