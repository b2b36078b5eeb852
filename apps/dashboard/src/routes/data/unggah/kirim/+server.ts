import { json } from '@sveltejs/kit';
import { readDashboardEnv } from '$lib/server/env.js';
import { forwardUpload } from '$lib/server/forward-upload.js';
import { isSameOrigin } from '$lib/server/same-origin.js';
import { SESSION_COOKIE } from '$lib/server/session-cookie.js';
import { canUpload } from '$lib/server/upload-access.js';
import { UPLOAD_KIND_LIST, type UploadAnswer, type UploadProblem } from '$lib/upload-answer.js';
import type { RequestHandler } from './$types';

const failure = (status: number, problem: UploadProblem) =>
  json({ ok: false, problem, message: null } satisfies UploadAnswer, {
    status,
    headers: { 'cache-control': 'no-store' },
  });

/**
 * `POST /data/unggah/kirim?kind=observations&name=F&replace=1&dryRun=1`, the file as the body
 * (the upload page sends it with XMLHttpRequest, for its progress bar): streamed on to the API as
 * the logged-in user. Same-origin only (checked here: SvelteKit's check does not cover a raw
 * body), analysts and admins only.
 */
export const POST: RequestHandler = async ({ request, url, locals, cookies }) => {
  if (!isSameOrigin(request, url)) return failure(403, 'origin');
  const token = cookies.get(SESSION_COOKIE);
  if (!locals.user || !token) return failure(401, 'login');
  if (!canUpload(locals.user)) return failure(403, 'forbidden');
  const kind = UPLOAD_KIND_LIST.find((k) => k === url.searchParams.get('kind'));
  if (!kind) return failure(400, 'badRequest');
  const { status, answer } = await forwardUpload(readDashboardEnv().apiUrl, token, {
    kind,
    name: url.searchParams.get('name') ?? '',
    replace: url.searchParams.get('replace') === '1',
    dryRun: url.searchParams.get('dryRun') === '1',
    body: request.body,
    contentType: request.headers.get('content-type'),
    contentLength: request.headers.get('content-length'),
  });
  return json(answer, { status, headers: { 'cache-control': 'no-store' } });
};
