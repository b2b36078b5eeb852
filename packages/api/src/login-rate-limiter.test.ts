import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './login-rate-limiter.js';

describe('LoginRateLimiter', () => {
  it('refuses a key after 5 failures in 15 minutes, until the oldest leaves the window', () => {
    let now = 0;
    const limiter = new LoginRateLimiter(5, 15 * 60_000, 100, () => now);
    for (let i = 0; i < 4; i++) {
      limiter.fail(['user:ana']);
      now += 60_000; // one a minute
    }
    expect(limiter.retryAfterSeconds(['user:ana'])).toBe(0);
    limiter.fail(['user:ana']); // the fifth, at minute 4
    // The first failure (minute 0) leaves the window at minute 15: 11 minutes from now.
    expect(limiter.retryAfterSeconds(['user:ana'])).toBe(11 * 60);
    expect(limiter.retryAfterSeconds(['user:budi'])).toBe(0);
    now += 11 * 60_000 - 1;
    expect(limiter.retryAfterSeconds(['user:ana'])).toBe(1);
    now += 1;
    expect(limiter.retryAfterSeconds(['user:ana'])).toBe(0);
  });

  it('answers the longest wait of all the keys asked', () => {
    let now = 0;
    const limiter = new LoginRateLimiter(2, 1000, 100, () => now);
    limiter.fail(['addr:a']);
    now = 500;
    limiter.fail(['addr:a', 'user:x']);
    limiter.fail(['user:x']);
    expect(limiter.retryAfterSeconds(['user:x'])).toBe(1);
    expect(limiter.retryAfterSeconds(['addr:a', 'user:x'])).toBe(1);
    // addr:a failed at 0 and 500: free once the one at 0 leaves the window, at 1000.
    now = 999;
    expect(limiter.retryAfterSeconds(['addr:a'])).toBe(1);
    now = 1000;
    expect(limiter.retryAfterSeconds(['addr:a'])).toBe(0);
  });

  it('forgive takes back one counted attempt', () => {
    let now = 0;
    const limiter = new LoginRateLimiter(2, 1000, 100, () => now);
    limiter.fail(['addr:a']);
    now = 1;
    const at = limiter.fail(['addr:a']);
    expect(limiter.retryAfterSeconds(['addr:a'])).toBe(1);
    limiter.forgive(['addr:a'], at);
    expect(limiter.retryAfterSeconds(['addr:a'])).toBe(0);
  });

  it('a reset forgets the account', () => {
    const limiter = new LoginRateLimiter(1);
    limiter.fail(['user:ana']);
    expect(limiter.retryAfterSeconds(['user:ana'])).toBeGreaterThan(0);
    limiter.reset('user:ana');
    expect(limiter.retryAfterSeconds(['user:ana'])).toBe(0);
  });

  it('holds at most maxKeys keys however many names are tried', () => {
    const limiter = new LoginRateLimiter(5, 60_000, 1000);
    for (let i = 0; i < 50_000; i++) limiter.fail([`user:${i}`]);
    expect(limiter.size).toBe(1000);
    // The most recent are kept.
    limiter.fail(['user:49999', 'user:49999', 'user:49999', 'user:49999']);
    expect(limiter.retryAfterSeconds(['user:49999'])).toBeGreaterThan(0);
  });
});
