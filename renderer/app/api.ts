import type { ApiError, ChannelName, ErrorCode, EventName, EventPayload, FieldIssue, InputOf, OutputOf, Result } from '../../shared/contract/index';
import type { RecoveryChannel, RecoveryInput, RecoveryOutput } from '../../shared/contract/recovery';

/** What the desktop preload exposes; absent when Keel runs in a browser via `keel serve`. */
interface KeelBridge {
  invoke(channel: string, input: unknown, options?: CallOptions): Promise<Result<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    keel?: KeelBridge;
  }
}

export interface CallOptions {
  /** Made by a timer (a screen refreshing itself), not by the person: it does not keep the session from locking. */
  background?: boolean;
}

/** A refused call, with the code and the message meant for the person. */
export class ApiFailure extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}

type FailureListener = (failure: ApiFailure, channel: ChannelName) => void;
const failureListeners = new Set<FailureListener>();

/** Lets the session store react to `locked` and `unauthenticated` from any call. */
export function onApiFailure(listener: FailureListener): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

async function send(channel: string, input: unknown, options: CallOptions = {}): Promise<Result<unknown>> {
  if (window.keel) return window.keel.invoke(channel, input, options);
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Keel-Request': '1', ...(options.background ? { 'X-Keel-Background': '1' } : {}) },
      body: JSON.stringify(input),
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Keel is not answering. Is it still running?' } };
  }
  try {
    return (await response.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', message: `Keel sent an unreadable answer (HTTP ${response.status}).` } };
  }
}

/** Calls one channel of the API; resolves with its value or throws an ApiFailure. */
export async function call<K extends ChannelName>(channel: K, input: InputOf<K>, options?: CallOptions): Promise<OutputOf<K>> {
  const result = await send(channel, input, options);
  if (result.ok) return result.value as OutputOf<K>;
  const failure = new ApiFailure(result.error);
  for (const listener of failureListeners) listener(failure, channel);
  throw failure;
}

/** Calls one of the recovery screen's channels (only answered while the database is damaged). */
export async function callRecovery<K extends RecoveryChannel>(channel: K, input: RecoveryInput<K>): Promise<RecoveryOutput<K>> {
  const result = await send(channel, input);
  if (result.ok) return result.value as RecoveryOutput<K>;
  throw new ApiFailure(result.error);
}

/** Listens to a main-process event; returns the unsubscribe function. */
export function subscribe<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void {
  if (window.keel) return window.keel.subscribe(event, (payload) => listener(payload as EventPayload<K>));
  const source = new EventSource('/api/events', { withCredentials: true });
  const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as EventPayload<K>);
  source.addEventListener(event, handler);
  return () => source.close();
}

/** The message to show for any error thrown by a call. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  return 'Something went wrong. Please try again.';
}
