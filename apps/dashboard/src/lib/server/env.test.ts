import { describe, expect, it } from 'vitest';
import { readDashboardEnv } from './env.js';

describe('readDashboardEnv', () => {
  it.each([
    [{}, 'http://127.0.0.1:3100'],
    [{ PANDU_API_PORT: '3200' }, 'http://127.0.0.1:3200'],
    [{ PANDU_API_URL: 'http://api.local:9000/' }, 'http://api.local:9000'],
    [{ PANDU_API_URL: 'http://api.local:9000/trpc', PANDU_API_PORT: '1' }, 'http://api.local:9000'],
  ])('%j -> %s', (source, apiUrl) => {
    expect(readDashboardEnv(source)).toEqual({ apiUrl });
  });

  it.each([
    [{ PANDU_API_URL: 'not a url' }, 'invalid environment variable PANDU_API_URL: not a URL'],
    [{ PANDU_API_URL: 'ftp://x' }, 'invalid environment variable PANDU_API_URL: not http(s)'],
    [{ PANDU_API_PORT: '70000' }, 'invalid environment variable PANDU_API_PORT: 70000'],
  ])('refuses %j', (source, message) => {
    expect(() => readDashboardEnv(source)).toThrow(message);
  });
});
