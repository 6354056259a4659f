/**
 * Slows repeated failed sign-ins down, per username, whether or not the account
 * exists (so the delay tells an attacker nothing). The lock after 10 failures
 * lives on the account itself; this only adds the growing wait.
 */
export class SignInThrottle {
  readonly #failures = new Map<string, { count: number; last: number }>();
  readonly #now: () => number;
  /** Failures are forgotten after this long without another. */
  static readonly WINDOW_MS = 60 * 60_000;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Records a failure and returns how long to wait before answering. */
  fail(username: string): number {
    const at = this.#now();
    const previous = this.#failures.get(username);
    const count = previous && at - previous.last < SignInThrottle.WINDOW_MS ? previous.count + 1 : 1;
    this.#failures.set(username, { count, last: at });
    if (this.#failures.size > 10_000) this.#forgetOld(at);
    return SignInThrottle.delayFor(count);
  }

  succeed(username: string): void {
    this.#failures.delete(username);
  }

  /** No wait for the first 3 failures, then 1 s, 2 s, 4 s, capped at 8 s. */
  static delayFor(failures: number): number {
    if (failures <= 3) return 0;
    return Math.min(8000, 1000 * 2 ** (failures - 4));
  }

  #forgetOld(at: number): void {
    for (const [name, entry] of this.#failures) if (at - entry.last >= SignInThrottle.WINDOW_MS) this.#failures.delete(name);
  }
}
