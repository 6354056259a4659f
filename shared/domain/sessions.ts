/**
 * How long sign-ins last on a shared front-desk PC. The main process enforces
 * these; the renderer shows them.
 */

/** The idle-lock time when no clinic exists yet (DOMAIN.md: 5 minutes for a shared front desk). */
export const DEFAULT_IDLE_LOCK_MINUTES = 5;

/** A session ends this long after its sign-in, however busy it was: a working day and a bit. */
export const SESSION_MAX_HOURS = 12;

/** Failed sign-ins in a row that lock an account, and for how long. */
export const LOCKOUT_FAILURES = 10;
export const LOCKOUT_MINUTES = 15;
