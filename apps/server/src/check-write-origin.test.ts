import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkWriteOrigin } from './check-write-origin.js';

function request(headers: Record<string, string>): IncomingMessage {
  return { headers: { host: 'api.pandu.example', ...headers } } as unknown as IncomingMessage;
}

describe('checkWriteOrigin', () => {
  it('lets the API own origin, listed origins and non-browsers write; refuses other sites', () => {
    const listed = ['https://dash.pandu.example'];
    const cases: Array<[Record<string, string>, readonly string[], boolean]> = [
      [{}, [], true], // curl, a script, the dashboard's server side
      [{ 'sec-fetch-site': 'same-origin' }, [], true],
      [{ origin: 'https://api.pandu.example' }, [], true],
      [{ origin: 'http://api.pandu.example' }, [], true],
      [{ origin: 'https://dash.pandu.example', 'sec-fetch-site': 'same-site' }, listed, true],
      [{ origin: 'https://dash.pandu.example', 'sec-fetch-site': 'cross-site' }, listed, true],
      [{ origin: 'https://evil.example' }, listed, false],
      [{ origin: 'https://api.pandu.example.evil.example' }, [], false],
      [{ origin: 'null' }, [], false],
      [{ 'sec-fetch-site': 'cross-site' }, [], false],
      // `*` lets any page read; writing needs the origin listed.
      [{ origin: 'https://evil.example' }, ['*'], false],
    ];
    for (const [headers, allowed, ok] of cases) {
      const refused = checkWriteOrigin(request(headers), allowed);
      expect(refused === null, `${JSON.stringify(headers)} with ${allowed.join(',')}`).toBe(ok);
    }
  });

  it('names the origin it refuses', () => {
    expect(checkWriteOrigin(request({ origin: 'https://evil.example' }), [])).toBe(
      "requests from origin https://evil.example may not write here (not the API's own origin nor in PANDU_CORS_ORIGINS)",
    );
  });
});
