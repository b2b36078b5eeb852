import { env } from '$env/dynamic/private';

// The one place the dashboard reads its configuration. SvelteKit's dynamic env is read at request
// time, so the built app picks up the values it is started with rather than those of the build.

/** The API's default port, as `pandu serve` uses it (apps/server/src/env.ts). */
const DEFAULT_API_PORT = 3100;

export interface DashboardEnv {
  /** Base URL of the Pandu API, without `/trpc`: PANDU_API_URL, else 127.0.0.1 on PANDU_API_PORT. */
  apiUrl: string;
}

/**
 * Read and check the configuration; a bad value is an error naming the variable.
 *
 * @example
 * ```ts
 * readDashboardEnv({ PANDU_API_PORT: '3200' }).apiUrl; // 'http://127.0.0.1:3200'
 * ```
 */
export function readDashboardEnv(source: Record<string, string | undefined> = env): DashboardEnv {
  const explicit = source.PANDU_API_URL?.trim();
  if (explicit) {
    let url: URL;
    try {
      url = new URL(explicit);
    } catch {
      throw new Error(`invalid environment variable PANDU_API_URL: not a URL: ${explicit}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`invalid environment variable PANDU_API_URL: not http(s): ${explicit}`);
    }
    return { apiUrl: url.href.replace(/\/+$/, '').replace(/\/trpc$/, '') };
  }
  const rawPort = source.PANDU_API_PORT?.trim();
  const port = rawPort ? Number(rawPort) : DEFAULT_API_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`invalid environment variable PANDU_API_PORT: ${rawPort}`);
  }
  return { apiUrl: `http://127.0.0.1:${port}` };
}
