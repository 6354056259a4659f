/**
 * Slows repeated failed sign-ins down, per username (whether or not the account
 * exists, so the delay tells an attacker nothing) and per source — one window
 * or one browser — so trying many names from one place is slowed too, not only
 * each account. The lock after 10 failures lives on the account itself; this
 * only adds the growing wait and takes a failing source's attempts one at a time.
 */
export class SignInThrottle {
  readonly #failures = new Map<string, { count: number; last: number }>();
  readonly #turns = new Map<string, { tail: Promise<void>; waiting: number }>();
  readonly #now: () => number;
  /** Failures are forgotten after this long without another. */
  static readonly WINDOW_MS = 60 * 60_000;
  /** From this many failures on, a source's attempts are taken one at a time. */
  static readonly SERIAL_AFTER = 3;
  /** Attempts of one failing source that may wait for their turn; more are answered "busy" at once. */
  static readonly MAX_WAITING = 4;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Records a failure for the name and the source; returns how long to wait before answering. */
  fail(username: string, source?: string): number {
    const delay = SignInThrottle.delayFor(this.#count(`name:${username}`));
    return source === undefined ? delay : Math.max(delay, SignInThrottle.delayFor(this.#count(`source:${source}`)));
  }

  /** A right password clears the name's failures; the source's fade with time (another account's sign-in does not wipe them). */
  succeed(username: string): void {
    this.#failures.delete(`name:${username}`);
  }

  /** Recent failures from a source: the hash queue serves sources with fewer first. */
  failuresOf(source: string): number {
    const entry = this.#failures.get(`source:${source}`);
    return entry && this.#now() - entry.last < SignInThrottle.WINDOW_MS ? entry.count : 0;
  }

  /**
   * Waits for the source's turn. A source that keeps failing gets one attempt at
   * a time, each after the previous one's answer (slowdown included), so a
   * flood of parallel guesses from it is spread out instead of run at once.
   * Returns the function that ends the turn, or null when too many of that
   * source's attempts are already waiting.
   */
  async turn(source: string): Promise<(() => void) | null> {
    if (this.failuresOf(source) < SignInThrottle.SERIAL_AFTER) return () => {};
    const line = this.#turns.get(source) ?? { tail: Promise.resolve(), waiting: 0 };
    if (line.waiting >= SignInThrottle.MAX_WAITING) return null;
    this.#turns.set(source, line);
    const previous = line.tail;
    let end!: () => void;
    line.tail = new Promise<void>((resolve) => (end = resolve));
    line.waiting++;
    await previous;
    line.waiting--;
    return () => {
      end();
      if (line.waiting === 0 && this.#turns.get(source) === line) this.#turns.delete(source);
    };
  }

  /** No wait for the first 3 failures, then 1 s, 2 s, 4 s, capped at 8 s. */
  static delayFor(failures: number): number {
    if (failures <= 3) return 0;
    return Math.min(8000, 1000 * 2 ** (failures - 4));
  }

  #count(key: string): number {
    const at = this.#now();
    const previous = this.#failures.get(key);
    const count = previous && at - previous.last < SignInThrottle.WINDOW_MS ? previous.count + 1 : 1;
    this.#failures.set(key, { count, last: at });
    if (this.#failures.size > 10_000) this.#forgetOld(at);
    return count;
  }

  #forgetOld(at: number): void {
    for (const [key, entry] of this.#failures) if (at - entry.last >= SignInThrottle.WINDOW_MS) this.#failures.delete(key);
  }
}
