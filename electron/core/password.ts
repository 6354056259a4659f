import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost; OWASP's recommendation for scrypt is N=2^17, r=8, p=1. */
export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

export const OWASP_SCRYPT: ScryptParams = Object.freeze({ log2N: 17, r: 8, p: 1 });
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.log2N;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  return new Promise((resolve, reject) => {
    // Asynchronous: runs on libuv's thread pool, so the main process stays responsive.
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hashes a password as `scrypt$<log2N>$<r>$<p>$<salt>$<key>` (base64url parts). */
export async function hashPassword(password: string, params: ScryptParams = OWASP_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return ['scrypt', params.log2N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash, using the parameters stored with it. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, log2N, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { log2N: Number(log2N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The parameters a stored hash was made with (for tests and upgrades). */
export function hashParamsOf(stored: string): ScryptParams | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  return { log2N: Number(parts[1]), r: Number(parts[2]), p: Number(parts[3]) };
}

/** Thrown when too many password checks are already waiting. */
export class HashQueueFull extends Error {
  constructor() {
    super('Too many password checks at once.');
    this.name = 'HashQueueFull';
  }
}

/**
 * Bounds how many password hashes run at once. Each scrypt at OWASP cost takes
 * 128 MB and a core for a few hundred ms, so 48 sign-ins at once took the app to
 * gigabytes and real sign-ins to 7–9 s. At most `concurrency` run; at most
 * `maxWaiting` wait, the lowest priority number first (a source with no recent
 * failures before one that keeps failing), then in arrival order. A newcomer
 * that ranks before the worst waiter takes its place; otherwise it is refused.
 */
export class HashQueue {
  readonly #concurrency: number;
  readonly #maxWaiting: number;
  #running = 0;
  #arrivals = 0;
  readonly #waiting: Array<{ priority: number; order: number; start: () => void; refuse: () => void }> = [];
  /** The most hashes seen running at once (for tests and benchmarks). */
  peak = 0;

  constructor(concurrency = 2, maxWaiting = 8) {
    this.#concurrency = concurrency;
    this.#maxWaiting = maxWaiting;
  }

  async run<T>(work: () => Promise<T>, priority = 0): Promise<T> {
    // A finished hash hands its place straight to the next waiter, so none can slip in between.
    if (this.#running >= this.#concurrency) await this.#wait(priority);
    else this.#running++;
    this.peak = Math.max(this.peak, this.#running);
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next.start();
      else this.#running--;
    }
  }

  #wait(priority: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const entry = { priority, order: this.#arrivals++, start: resolve, refuse: () => reject(new HashQueueFull()) };
      const ranks = (a: typeof entry, b: typeof entry) => a.priority - b.priority || a.order - b.order;
      if (this.#waiting.length >= this.#maxWaiting) {
        const worst = this.#waiting[this.#waiting.length - 1]!;
        if (ranks(entry, worst) >= 0) {
          entry.refuse();
          return;
        }
        this.#waiting.pop();
        worst.refuse();
      }
      const at = this.#waiting.findIndex((other) => ranks(entry, other) < 0);
      this.#waiting.splice(at === -1 ? this.#waiting.length : at, 0, entry);
    });
  }
}
