/**
 * Counts failed logins per key (an account, an address) in a sliding window: after `maxFailures`
 * failures within `windowMs`, the key is refused until the oldest of them leaves the window.
 * In memory, per process: replicas count apart (at most replicas x 5 tries per window), which
 * still makes guessing a 10-character password hopeless. Memory is bounded: at most `maxKeys`
 * keys, the least recently failed dropped first, so a flood of made-up names cannot exhaust it
 * (it can only push real counts out, which costs the attacker the same flood again).
 *
 * @example
 * ```ts
 * const limiter = new LoginRateLimiter();
 * limiter.retryAfterSeconds(['user:ana', 'addr:10.0.0.7']); // 0: may try
 * limiter.fail(['user:ana', 'addr:10.0.0.7']);
 * ```
 */
export class LoginRateLimiter {
  // Failure times per key, oldest first; Map order is the order keys last failed in.
  readonly #failures = new Map<string, number[]>();

  constructor(
    readonly maxFailures = 5,
    readonly windowMs = 15 * 60 * 1000,
    readonly maxKeys = 10_000,
    readonly now: () => number = Date.now,
  ) {}

  /** Seconds until every key may try again; 0 when they all may now. */
  retryAfterSeconds(keys: readonly string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const times = this.#recent(key, now);
      if (times.length >= this.maxFailures) {
        const first = times[times.length - this.maxFailures] ?? now;
        wait = Math.max(wait, first + this.windowMs - now);
      }
    }
    return Math.ceil(wait / 1000);
  }

  /**
   * Count one failure against each key, returning its time (for `forgive`). A login counts its
   * attempt as a failure before checking the password, so guesses sent in parallel are counted
   * before any of them is answered, and forgives it when the password was right.
   */
  fail(keys: readonly string[]): number {
    const now = this.now();
    for (const key of keys) {
      const times = this.#recent(key, now);
      times.push(now);
      // Only the last maxFailures matter for the window.
      if (times.length > this.maxFailures) times.splice(0, times.length - this.maxFailures);
      this.#failures.delete(key);
      this.#failures.set(key, times);
    }
    while (this.#failures.size > this.maxKeys) {
      const oldest = this.#failures.keys().next();
      if (oldest.done) break;
      this.#failures.delete(oldest.value);
    }
    return now;
  }

  /** Take back the failure `fail` counted at `at` for each key. */
  forgive(keys: readonly string[], at: number): void {
    for (const key of keys) {
      const times = this.#failures.get(key);
      const i = times?.lastIndexOf(at) ?? -1;
      if (times && i >= 0) times.splice(i, 1);
      if (times?.length === 0) this.#failures.delete(key);
    }
  }

  /** Forget a key's failures (a successful login of that account). */
  reset(key: string): void {
    this.#failures.delete(key);
  }

  /** Keys held now, for tests of the bound. */
  get size(): number {
    return this.#failures.size;
  }

  #recent(key: string, now: number): number[] {
    const times = this.#failures.get(key);
    if (!times) return [];
    const recent = times.filter((t) => t > now - this.windowMs);
    if (recent.length === 0) this.#failures.delete(key);
    return recent;
  }
}
