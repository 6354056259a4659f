import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Clinic, Contract, KeelError, OutputOf, ParsedInputOf } from '../../../shared/contract/index';
import type { ChannelName } from '../../../shared/contract/index';
import type { Role } from '../../../shared/domain/permissions';
import type { KeelApp } from '../app';
import type { Session } from '../session';

export interface SignedInUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  mustChangePassword: boolean;
}

/** What the router records about a call; a handler fills in what it knows. */
export interface AuditNote {
  targetId?: string;
  patientId?: string;
  detail?: unknown;
  /** For sign-in and setup, where the person is only known inside the handler. */
  userId?: string;
  username?: string;
}

export interface ExtraAudit {
  action: string;
  outcome: 'ok' | 'failed';
  userId?: string | null;
  username?: string | null;
  targetId?: string;
  patientId?: string;
  detail?: unknown;
}

export interface HandlerContext {
  app: KeelApp;
  /** Inside the call's transaction when the channel is audited. */
  db: Kysely<DB>;
  user: SignedInUser | null;
  session: Session | null;
  /** One instant per call, as UTC ISO-8601. */
  now: string;
  /** The clinic profile as it was when the call began (undefined before setup). */
  clinic: Clinic | undefined;
  /** Where the call came from (one window, one browser), for slowing a source that keeps failing. */
  source: string;
  audit: AuditNote;
  /** Another audit row in the same transaction (e.g. `auth.account_locked`). */
  auditAlso(entry: ExtraAudit): void;
  /** Runs after the transaction commits (sessions, events). */
  afterCommit(fn: () => void): void;
  /** Runs once the answer is ready, after any slowdown, whether the call succeeded or not. */
  afterAnswer(fn: () => void): void;
  /** Starts a session for this caller after commit. */
  startSession(userId: string): void;
  /** Ends the caller's session after commit. */
  endSession(): void;
  /**
   * Refuses the call but keeps what the handler wrote (failed sign-in counters and
   * their audit rows); waits `delayMs` before answering.
   */
  refuse(error: KeelError, delayMs?: number): never;
  /**
   * For self-transacting channels only: runs the final writes in one transaction
   * and writes the call's audit row in it. `offMainThread`: the transaction runs
   * on a connection of its own in a worker thread (a long import), so Keel keeps
   * answering meanwhile; `work` must then write through the db it is given only.
   */
  commit<T>(work: (db: Kysely<DB>) => Promise<T>, options?: { offMainThread?: boolean }): Promise<T>;
}

/** What runs outside the transaction before it (password hashing and checks). */
export interface PrepareContext {
  app: KeelApp;
  db: Kysely<DB>;
  user: SignedInUser | null;
  source: string;
  afterAnswer(fn: () => void): void;
}

export type PlainHandler<K extends ChannelName> = (input: ParsedInputOf<K>, ctx: HandlerContext) => Promise<OutputOf<K>>;

export interface TwoPhaseHandler<K extends ChannelName> {
  prepare: (input: ParsedInputOf<K>, ctx: PrepareContext) => Promise<unknown>;
  run: (input: ParsedInputOf<K>, ctx: HandlerContext, prepared: unknown) => Promise<OutputOf<K>>;
}

export type HandlerEntry<K extends ChannelName> = PlainHandler<K> | TwoPhaseHandler<K>;

/** Exactly one handler per channel of a domain's contract: a missing or extra one is a type error. */
export type HandlersFor<C extends Partial<Contract>> = { [K in keyof C & ChannelName]: HandlerEntry<K> };

/**
 * A handler whose slow part (scrypt) runs before the transaction, so the database
 * is never held while a password is hashed.
 */
export function twoPhase<K extends ChannelName, P>(
  prepare: (input: ParsedInputOf<K>, ctx: PrepareContext) => Promise<P>,
  run: (input: ParsedInputOf<K>, ctx: HandlerContext, prepared: P) => Promise<OutputOf<K>>,
): TwoPhaseHandler<K> {
  return { prepare, run: run as TwoPhaseHandler<K>['run'] };
}
