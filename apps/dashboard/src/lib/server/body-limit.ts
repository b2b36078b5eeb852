/**
 * The largest body a page's form may send (a login, a logout, a rollback): SvelteKit reads a form
 * whole, so this stays small. Only the upload page's routes take more (adapter-node's
 * BODY_SIZE_LIMIT, which the launcher raises to the API's upload limit), and they stream it on.
 */
export const FORM_BODY_LIMIT_BYTES = 512 * 1024;

/**
 * The largest file the upload page's plain form (without JavaScript) may send: SvelteKit reads a
 * form whole into memory, so it is bounded; bigger files go through the page's script, which
 * streams them (`/data/unggah/kirim`, up to the API's upload limit).
 */
export const FORM_UPLOAD_LIMIT_BYTES = 32 * 1024 * 1024;

const UPLOAD_PATH = '/data/unggah';
const STREAMED_UPLOAD_PATH = `${UPLOAD_PATH}/kirim`;

/**
 * Whether a request's body is over {@link FORM_BODY_LIMIT_BYTES} ({@link FORM_UPLOAD_LIMIT_BYTES}
 * for the upload page's plain form; no limit for its streamed upload). A body without a length
 * (chunked) is refused there too: a browser's form always says its length.
 *
 * @example
 * ```ts
 * if (bodyTooLarge(event.request, event.url)) return new Response(null, { status: 413 });
 * ```
 */
export function bodyTooLarge(request: Request, url: URL): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.body === null) return false;
  // Streamed on to the API, never held: any size (the API's limit answers 413).
  if (url.pathname === STREAMED_UPLOAD_PATH) return false;
  const limit = url.pathname === UPLOAD_PATH ? FORM_UPLOAD_LIMIT_BYTES : FORM_BODY_LIMIT_BYTES;
  const length = request.headers.get('content-length');
  return length === null || !(Number(length) <= limit);
}
