import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.js';

function request(peer: string | undefined, forwarded?: string | string[]): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  it("believes X-Forwarded-For only from a proxy on this machine, and only the proxy's own entry", () => {
    const cases: Array<[string | undefined, string | string[] | undefined, string | null]> = [
      // A remote client's own header is never believed.
      ['203.0.113.5', '198.51.100.1', '203.0.113.5'],
      // nginx or the dashboard on loopback: the last entry is the one it added.
      ['127.0.0.1', '10.9.9.9, 198.51.100.1', '198.51.100.1'],
      ['::1', '198.51.100.2', '198.51.100.2'],
      ['::ffff:127.0.0.1', ['10.0.0.1', '198.51.100.3'], '198.51.100.3'],
      // Nothing forwarded, or something absurd: the peer.
      ['127.0.0.1', undefined, '127.0.0.1'],
      ['127.0.0.1', ' , ', '127.0.0.1'],
      ['127.0.0.1', 'x'.repeat(100), '127.0.0.1'],
      [undefined, '198.51.100.1', null],
    ];
    for (const [peer, forwarded, expected] of cases) {
      expect(clientAddress(request(peer, forwarded)), `${peer} ${String(forwarded)}`).toBe(
        expected,
      );
    }
  });
});
