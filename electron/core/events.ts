import type { EventName, EventPayload } from '../../shared/contract/events';

export interface KeelEvent<K extends EventName = EventName> {
  name: K;
  payload: EventPayload<K>;
  /** Deliver only to this session (e.g. its own lock); otherwise to every session. */
  token?: string;
}

type Listener = (event: KeelEvent) => void;

/** Main-to-renderer events; the IPC and HTTP transports forward them. */
export class EventBus {
  readonly #listeners = new Set<Listener>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>, token?: string): void {
    const event = (token === undefined ? { name, payload } : { name, payload, token }) as KeelEvent;
    for (const listener of this.#listeners) listener(event);
  }

  listen(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
