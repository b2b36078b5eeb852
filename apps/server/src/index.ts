/**
 * @pandu/server: the host of the Pandu API. It serves `@pandu/api` over HTTP (ETag, CORS, limits,
 * dataset downloads) and is the `pandu` command line. A typed client imports `AppRouter` from
 * `@pandu/api`, not from here.
 *
 * @example
 * ```ts
 * import { createInnerContext } from '@pandu/api';
 * import { createApiServer } from '@pandu/server';
 *
 * createApiServer(createInnerContext({ db, dbPath, cache: null })).listen(3100, '127.0.0.1');
 * ```
 * @packageDocumentation
 */
export {
  createApiServer,
  DEFAULT_LIMITS,
  VERSION_HEADER,
  type ContextSource,
  type HttpLimits,
  type RequestContext,
} from './http-server.js';
export {
  createImportUploads,
  DEFAULT_UPLOAD_LIMIT_BYTES,
  IMPORT_PATH,
  REJECTIONS_SHOWN,
  UPLOAD_KINDS,
  type ImportUploadOptions,
  type ImportUploads,
  type UploadAccepted,
  type UploadKind,
  type UploadRejected,
} from './import-upload.js';
