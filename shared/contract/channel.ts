import type { z } from 'zod';
import type { Access } from '../domain/permissions';

/** What the router records in the audit log for a successful call. */
export type AuditKind = 'none' | 'read-phi' | 'write' | 'export' | 'admin';

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  /** Strict zod schema of the input; unknown keys are refused. */
  input: I;
  /** Phantom: the output type, carried for the typed client and handlers. */
  output: O;
  /** The one permission the channel needs (`public`: no session). */
  access: Access;
  audit: AuditKind;
  /** One line for `GET /api` and for people reading the contract. */
  summary: string;
  /** A valid input, used by the docs and as a seed for the fuzz tests. */
  example: z.input<I>;
  /** Usable while the session is idle-locked (only the lock screen's own calls). */
  whileLocked?: boolean;
  /**
   * The handler runs its own transactions (long work in chunks, with progress) and
   * commits the final one through ctx.commit, which writes the audit row in it.
   */
  selfTransacting?: boolean;
  /**
   * The largest request the HTTP host reads for this channel, in bytes (default
   * DEFAULT_MAX_INPUT_BYTES). Only the upload and import channels need more.
   */
  maxInputBytes?: number;
}

/** About 1 MB: far more than any form sends; a larger body is refused (413) before it is read. */
export const DEFAULT_MAX_INPUT_BYTES = 1024 * 1024;

export function maxInputBytesOf(spec: Pick<ChannelSpec, 'maxInputBytes'>): number {
  return spec.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
}
/** A 20 MB scan as base64 inside JSON. */
export const UPLOAD_INPUT_BYTES = 28 * 1024 * 1024;
/** A 28 MB CSV file as a JSON string (quotes and newlines escaped take a little more). */
export const IMPORT_INPUT_BYTES = 32 * 1024 * 1024;

/** Declares a channel's output type without a runtime value. */
export function returns<T>(): T {
  return undefined as T;
}

export function channel<I extends z.ZodType, O>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return Object.freeze(spec);
}
