import type { UploadAccepted, UploadKind, UploadRejected } from '@pandu/server';

// What the dashboard's upload endpoint answers the page: the API's answer (import-upload.ts),
// with the rejects link pointing at the dashboard, or an error it names. Types only here, so the
// browser bundle gets none of the server.

export type { UploadAccepted, UploadKind, UploadRejected };

/** The kinds of file, in the order the form offers them. */
export const UPLOAD_KIND_LIST: readonly UploadKind[] = ['observations', 'mentoring'];

/** Why an upload failed before any import answer, as the page names it. */
export type UploadProblem =
  'login' | 'forbidden' | 'tooLarge' | 'busy' | 'badRequest' | 'unavailable' | 'origin';

export type UploadFailure = { ok: false; problem: UploadProblem; message: string | null };

/** Everything the upload endpoint may answer. */
export type UploadAnswer = UploadAccepted | UploadRejected | UploadFailure;

/** The upload endpoint's path, and the query that says what to do with the body. */
export function uploadEndpoint(options: {
  kind: UploadKind;
  name: string;
  replace: boolean;
  dryRun: boolean;
}): string {
  const query = new URLSearchParams({
    kind: options.kind,
    name: options.name,
    replace: options.replace ? '1' : '0',
    dryRun: options.dryRun ? '1' : '0',
  });
  return `/data/unggah/kirim?${query}`;
}
