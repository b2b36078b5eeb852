// See https://svelte.dev/docs/kit/types#app.d.ts
import type { UserRole } from '@pandu/domain';
import type { Lang } from '$lib/i18n/lang.js';
import type { Api } from '$lib/server/api.js';

declare global {
  namespace App {
    interface Locals {
      /** The page language, read once per request from `?lang=` (see hooks.server.ts). */
      lang: Lang;
      /** The logged-in user: the session cookie resolved by the API (hooks.server.ts), or null. */
      user: { name: string; role: UserRole } | null;
      /** An API client that sends the user's session (their own calls: logout, uploads); null without a user. */
      userApi: Api | null;
      /**
       * The client reads go through when the API needs a login to read and a user is logged in
       * (their session as bearer); null: the shared, anonymous client (`api()`).
       */
      readApi: Api | null;
      /** `Bearer <session>` for a raw fetch (a download) when reads need a login; null otherwise. */
      readAuthorization: string | null;
      /**
       * The login page to send a client-side navigation to (reads need a login and nobody is
       * logged in); the root layout's load redirects there. Null otherwise.
       */
      loginRequired: string | null;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
