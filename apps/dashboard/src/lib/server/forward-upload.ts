import type { UploadAnswer, UploadKind, UploadProblem } from '$lib/upload-answer.js';

/** The API's status codes of an upload that is not an import answer, as the page names them. */
const PROBLEMS: Readonly<Record<number, UploadProblem>> = {
  400: 'badRequest',
  401: 'login',
  403: 'forbidden',
  409: 'busy',
  413: 'tooLarge',
  415: 'badRequest',
};

/**
 * Send an uploaded file on to the API's `POST /import/<kind>` as a stream (the body is never held
 * here), as the logged-in user (`bearer`, from the session cookie: the browser never sees it).
 * The answer is the API's, with its rejects link turned into the dashboard's own
 * (`/data/unggah/tolak/<id>`, which asks the API as the same user); a refusal or an unreachable
 * API becomes an {@link UploadAnswer} failure with the API's message.
 *
 * @example
 * ```ts
 * const { status, answer } = await forwardUpload(apiUrl, token, { kind: 'observations', body: request.body, ... });
 * ```
 */
export async function forwardUpload(
  apiUrl: string,
  bearer: string,
  upload: {
    kind: UploadKind;
    name: string;
    replace: boolean;
    dryRun: boolean;
    body: ReadableStream<Uint8Array> | Blob | null;
    contentType: string | null;
    contentLength: string | null;
  },
): Promise<{ status: number; answer: UploadAnswer }> {
  const query = new URLSearchParams({
    name: upload.name,
    replace: upload.replace ? '1' : '0',
    dryRun: upload.dryRun ? '1' : '0',
  });
  const headers: Record<string, string> = {
    authorization: `Bearer ${bearer}`,
    'content-type': upload.contentType ?? 'application/octet-stream',
  };
  if (upload.contentLength) headers['content-length'] = upload.contentLength;
  let response: Response;
  try {
    response = await fetch(`${apiUrl}/import/${upload.kind}?${query}`, {
      method: 'POST',
      headers,
      body: upload.body,
      // A stream body is sent as it is read (Node's fetch needs this said).
      duplex: 'half',
    } as RequestInit);
  } catch {
    return { status: 503, answer: { ok: false, problem: 'unavailable', message: null } };
  }
  const json: unknown = await response.json().catch(() => null);
  if ((response.status === 200 || response.status === 422) && json !== null) {
    const answer = json as UploadAnswer;
    if ('rejectsUrl' in answer) {
      const id = /\/import\/rejects\/([0-9a-f]{32})\.csv$/.exec(answer.rejectsUrl)?.[1] ?? '';
      answer.rejectsUrl = `/data/unggah/tolak/${id}`;
    }
    return { status: response.status, answer };
  }
  return {
    status: response.status,
    answer: {
      ok: false,
      problem: PROBLEMS[response.status] ?? 'unavailable',
      message: apiMessage(json),
    },
  };
}

/** `error.message` of an API error body, if it has one. */
function apiMessage(json: unknown): string | null {
  if (json && typeof json === 'object' && 'error' in json) {
    const error: unknown = json.error;
    if (error && typeof error === 'object' && 'message' in error) {
      return typeof error.message === 'string' ? error.message : null;
    }
  }
  return null;
}
