/** Main-to-renderer events, declared once like the channels. */
export interface Events {
  /** The session was locked (idle time or another window). */
  'session.locked': { reason: 'idle' | 'manual' };
  /** Data of these domains changed; views showing them should refresh. */
  'data.changed': { domains: string[] };
  /** Progress of a long import: rows done of total, in a phase. */
  'import.progress': { phase: 'checking' | 'staging' | 'saving'; done: number; total: number };
  /** A backup or restore under way (fraction 0..1), and when it ends, its outcome. */
  'backup.progress': { phase: 'copying' | 'verifying' | 'attachments' | 'restoring' | 'done' | 'failed'; fraction: number; message?: string };
}

export type EventName = keyof Events;
export type EventPayload<K extends EventName> = Events[K];

export const EVENT_NAMES: readonly EventName[] = ['session.locked', 'data.changed', 'import.progress', 'backup.progress'];

/**
 * Events about the clinic's data. Only an open, unlocked session receives them;
 * a locked screen, or one whose session ended (a restore), still hears about
 * its lock and about a backup or restore under way.
 */
export const DATA_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['data.changed', 'import.progress']);

/** Whether an event may go to a session in this state. */
export function mayReceive(event: EventName, session: { locked: boolean } | undefined): boolean {
  return !DATA_EVENTS.has(event) || (session !== undefined && !session.locked);
}
