/**
 * The largest body a page's form may send (a login, a logout, a rollback): SvelteKit reads a form
 * whole, so this stays small. Only the upload page's routes take more (adapter-node's
 * BODY_SIZE_LIMIT, which the launcher raises to the API's upload limit), and they stream it on.
 */
export const FORM_BODY_LIMIT_BYTES = 512 * 1024;

const UPLOAD_PATH = '/data/unggah';

/**
 * Whether a request's body is over {@link FORM_BODY_LIMIT_BYTES} outside the upload routes. A
 * body without a length (chunked) is refused there too: a browser's form always says its length.
 *
 * @example
 * ```ts
 * if (bodyTooLarge(event.request, event.url)) return new Response(null, { status: 413 });
 * ```
 */
export function bodyTooLarge(request: Request, url: URL): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.body === null) return false;
  if (url.pathname === UPLOAD_PATH || url.pathname.startsWith(`${UPLOAD_PATH}/`)) return false;
  const length = request.headers.get('content-length');
  return length === null || !(Number(length) <= FORM_BODY_LIMIT_BYTES);
}
