import { ipcMain, webContents as allWebContents, type IpcMainInvokeEvent } from 'electron';
import { mayReceive } from '../shared/contract/events';
import type { Result } from '../shared/contract/index';
import type { CallOutcome, CallRequest } from './core/router';
import type { Runtime } from './core/runtime';
import { APP_ORIGIN } from './window';

export const INVOKE_CHANNEL = 'keel:invoke';
export const EVENT_CHANNEL = 'keel:event';

function fromKeel(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  // Only Keel's own top-level page may call in; never a subframe or another origin.
  return frame !== null && frame.parent === null && frame.url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Binds the router to IPC. Each window has its own session: its token lives
 * here, in the main process, and never reaches the page.
 */
export function bindIpc(app: Pick<Runtime, 'events' | 'sessions'>, router: { call(request: CallRequest): Promise<CallOutcome> }): () => void {
  const tokens = new Map<number, string>();

  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, input: unknown, options: unknown): Promise<Result<unknown>> => {
    if (!fromKeel(event)) return { ok: false, error: { code: 'forbidden', message: 'Only Keel’s own window may call Keel.' } };
    const id = event.sender.id;
    if (!tokens.has(id)) event.sender.once('destroyed', () => tokens.delete(id));
    const background = typeof options === 'object' && options !== null && (options as { background?: unknown }).background === true;
    const outcome = await router.call({ token: tokens.get(id) ?? null, channel: String(channel), input, source: `window:${id}`, background });
    if (outcome.session && 'start' in outcome.session) tokens.set(id, outcome.session.start);
    if (outcome.session && 'end' in outcome.session) tokens.delete(id);
    return outcome.result;
  });

  const stopEvents = app.events.listen((event) => {
    for (const [id, token] of tokens) {
      if (event.token !== undefined && event.token !== token) continue;
      // A locked or ended session never hears about the clinic's data.
      if (!mayReceive(event.name, app.sessions.get(token))) continue;
      allWebContents.fromId(id)?.send(EVENT_CHANNEL, event.name, event.payload);
    }
  });

  return () => {
    stopEvents();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
