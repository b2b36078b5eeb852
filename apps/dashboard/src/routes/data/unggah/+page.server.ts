import { error, fail, redirect } from '@sveltejs/kit';
import { t } from '$lib/i18n/index.js';
import { readDashboardEnv } from '$lib/server/env.js';
import { forwardUpload } from '$lib/server/forward-upload.js';
import { SESSION_COOKIE } from '$lib/server/session-cookie.js';
import { canUpload } from '$lib/server/upload-access.js';
import { UPLOAD_KIND_LIST, type UploadAnswer } from '$lib/upload-answer.js';
import type { Actions, PageServerLoad } from './$types';

/** Analysts and admins only: nobody logged in goes to the login page, a viewer gets a 403. */
function requireUploader(locals: App.Locals, url: URL): void {
  if (!locals.user) {
    const next = encodeURIComponent(`${url.pathname}${url.search}`);
    redirect(303, `/masuk?next=${next}${locals.lang === 'en' ? '&lang=en' : ''}`);
  }
  if (!canUpload(locals.user)) error(403, t('upload.forbidden', locals.lang));
}

export const load: PageServerLoad = ({ locals, url }) => {
  requireUploader(locals, url);
  return {};
};

export const actions: Actions = {
  /**
   * The page without JavaScript: a plain multipart form POST (SvelteKit's origin check applies),
   * the file sent on to the API as the XMLHttpRequest path does. The form's file is buffered by
   * SvelteKit (up to adapter-node's BODY_SIZE_LIMIT); with JavaScript the body is streamed.
   */
  upload: async ({ request, locals, url, cookies }) => {
    requireUploader(locals, url);
    const token = cookies.get(SESSION_COOKIE) ?? '';
    const form = await request.formData();
    const kind = UPLOAD_KIND_LIST.find((k) => k === form.get('kind'));
    const file = form.get('file');
    if (!kind || !(file instanceof File) || file.size === 0) {
      return fail(400, {
        answer: { ok: false, problem: 'badRequest', message: null } satisfies UploadAnswer,
      });
    }
    const { status, answer } = await forwardUpload(readDashboardEnv().apiUrl, token, {
      kind,
      name: file.name,
      replace: form.get('replace') === 'on',
      dryRun: form.get('intent') === 'dryRun',
      body: file,
      contentType: file.type || null,
      contentLength: null,
    });
    return status === 200 ? { answer } : fail(status, { answer });
  },
};
