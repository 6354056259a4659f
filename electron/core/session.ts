import { randomBytes } from 'node:crypto';
import { SESSION_MAX_HOURS } from '../../shared/domain/sessions';

/** One signed-in session: a browser tab of `keel serve` or one desktop window. */
export interface Session {
  token: string;
  userId: string;
  startedAt: number;
  lastActivityAt: number;
  locked: boolean;
  /** The person as last read, and the write generation it was read at. */
  cached?: { user: unknown; generation: number };
}

/**
 * Who is signed in, kept in memory only: restarting Keel signs everyone out.
 * A session idle for longer than the clinic's idle-lock time is locked; only
 * the same person's password (or signing out) gets past the lock screen. Every
 * session ends SESSION_MAX_HOURS after its sign-in, however active it was.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  start(userId: string): Session {
    const token = randomBytes(32).toString('base64url');
    const at = this.#now();
    const session: Session = { token, userId, startedAt: at, lastActivityAt: at, locked: false };
    this.#sessions.set(token, session);
    return session;
  }

  /** The session of a token; one past its absolute lifetime is ended and not returned. */
  get(token: string | null | undefined): Session | undefined {
    const session = token ? this.#sessions.get(token) : undefined;
    if (session && this.expired(session)) {
      this.#sessions.delete(session.token);
      return undefined;
    }
    return session;
  }

  /** The session of a token, even one that has just outlived its lifetime (for the router to say why it ended). */
  peek(token: string | null | undefined): Session | undefined {
    return token ? this.#sessions.get(token) : undefined;
  }

  /** Whether a session has outlived its absolute lifetime (SESSION_MAX_HOURS after sign-in), active or not. */
  expired(session: Session): boolean {
    return this.#now() - session.startedAt >= SESSION_MAX_HOURS * 3_600_000;
  }

  /** Locks the session when it has been idle too long; returns whether it is locked. */
  checkIdle(session: Session, idleLockMinutes: number): boolean {
    if (!session.locked && this.#now() - session.lastActivityAt > idleLockMinutes * 60_000) session.locked = true;
    return session.locked;
  }

  touch(session: Session): void {
    session.lastActivityAt = this.#now();
  }

  lock(session: Session): void {
    session.locked = true;
  }

  unlock(session: Session): void {
    session.locked = false;
    session.lastActivityAt = this.#now();
  }

  /** Locks every open session (the computer locked or went to sleep). */
  lockAll(onLocked: (token: string) => void = () => {}): void {
    for (const session of this.#sessions.values()) {
      if (session.locked) continue;
      session.locked = true;
      onLocked(session.token);
    }
  }

  end(token: string): void {
    this.#sessions.delete(token);
  }

  /** Ends every session (the data was restored from a backup). */
  endAll(): void {
    this.#sessions.clear();
  }

  /** Ends every session of a person (deactivated, or password reset by a manager). */
  endAllOf(userId: string, except?: string): number {
    let ended = 0;
    for (const [token, session] of this.#sessions) {
      if (session.userId === userId && token !== except) {
        this.#sessions.delete(token);
        ended++;
      }
    }
    return ended;
  }

  get size(): number {
    return this.#sessions.size;
  }
}
