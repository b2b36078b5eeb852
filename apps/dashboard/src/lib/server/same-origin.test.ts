import { describe, expect, it } from 'vitest';
import { bodyTooLarge, FORM_BODY_LIMIT_BYTES, FORM_UPLOAD_LIMIT_BYTES } from './body-limit.js';
import { isSameOrigin } from './same-origin.js';

const URL_OF_SITE = new URL('http://127.0.0.1:3000/data/unggah/kirim?kind=observations');

describe('isSameOrigin (the upload endpoint)', () => {
  it.each([
    [{ origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }, true],
    [{ origin: 'http://127.0.0.1:3000' }, true],
    [{ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, false],
    [{ origin: 'https://evil.example' }, false],
    [{ origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-site' }, false],
    [{ origin: 'null' }, false],
    [{}, false],
  ])('%j -> %s', (headers, expected) => {
    const request = new Request(URL_OF_SITE, { method: 'POST', headers, body: 'x' });
    expect(isSameOrigin(request, URL_OF_SITE)).toBe(expected);
  });
});

describe('bodyTooLarge', () => {
  const post = (path: string, headers: Record<string, string>, body: BodyInit | null = 'x') =>
    bodyTooLarge(
      new Request(`http://127.0.0.1:3000${path}`, { method: 'POST', headers, body }),
      new URL(`http://127.0.0.1:3000${path}`),
    );
  it('lets the streamed upload take any size, the plain upload form 32 MiB, every other form a small body', () => {
    const big = String(FORM_BODY_LIMIT_BYTES + 1);
    expect(post('/data/unggah/kirim', { 'content-length': String(2 ** 30) })).toBe(false);
    expect(post('/data/unggah', { 'content-length': big })).toBe(false);
    expect(post('/data/unggah', { 'content-length': String(FORM_UPLOAD_LIMIT_BYTES + 1) })).toBe(
      true,
    );
    expect(post('/data/unggah/tolak/x', { 'content-length': big })).toBe(true);
    expect(post('/masuk', { 'content-length': big })).toBe(true);
    expect(post('/masuk', { 'content-length': '120' })).toBe(false);
    expect(post('/data/unggahan', { 'content-length': big })).toBe(true);
    expect(post('/masuk', {}, null)).toBe(false);
    expect(
      bodyTooLarge(new Request('http://127.0.0.1:3000/'), new URL('http://127.0.0.1:3000/')),
    ).toBe(false);
  });
});
