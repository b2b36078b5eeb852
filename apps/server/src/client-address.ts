import type { IncomingMessage } from 'node:http';

/**
 * The address failed logins are counted against. The peer's address, except when the peer is on
 * this machine (loopback): then it is a proxy in front of the API - nginx, or the dashboard's
 * server calling for a browser - and the last `X-Forwarded-For` entry, the one that proxy added,
 * names the client. Only a local process can set that header for itself, and it could as well
 * open sockets of its own; a remote client's own `X-Forwarded-For` is never believed.
 *
 * @example
 * ```ts
 * clientAddress(req); // '203.0.113.7'
 * ```
 */
export function clientAddress(req: IncomingMessage): string | null {
  const peer = req.socket.remoteAddress ?? null;
  if (peer === null || !isLoopback(peer)) return peer;
  const forwarded = req.headers['x-forwarded-for'];
  const list = Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '');
  const last = list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .at(-1);
  return last && last.length <= 64 ? last : peer;
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
