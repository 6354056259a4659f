import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, powerMonitor, protocol, session } from 'electron';
import { DataFolderError } from '../db/errors';
import type { KeelApp } from './core/app';
import { withNewestBackup } from './core/data-tools';
import { defaultDataDir } from './core/paths';
import { resolveRendererFile } from './core/renderer-files';
import { startKeel, type Runtime } from './core/runtime';
import { CONTENT_SECURITY_POLICY } from './core/security';
import { bindIpc } from './ipc';
import { APP_ORIGIN, createMainWindow, hardenSession, installAppMenu } from './window';

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.map': 'application/json' };

protocol.registerSchemesAsPrivileged([{ scheme: 'keel', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let keelApp: KeelApp | null = null;
let runtime: Runtime | null = null;

/** Serves dist/renderer on keel://app/ (never file://), refusing anything outside it (see resolveRendererFile). */
function serveRenderer(rendererDir: string): void {
  protocol.handle('keel', (request) => {
    const url = new URL(request.url);
    const found = url.host === 'app' ? resolveRendererFile(rendererDir, url.pathname) : ({ ok: false, status: 404 } as const);
    if (!found.ok) return new Response(null, { status: found.status });
    return new Response(fs.readFileSync(found.file), {
      headers: { 'Content-Type': MIME[path.extname(found.file)] ?? 'application/octet-stream', 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
    });
  });
}

async function start(): Promise<void> {
  const dataDir = defaultDataDir();
  let started: Runtime;
  try {
    started = await startKeel(dataDir);
  } catch (caught) {
    const error = withNewestBackup(caught, dataDir);
    const message = error instanceof DataFolderError ? error.message : `Keel could not open its data folder ${dataDir}: ${(error as Error).message}`;
    dialog.showErrorBox('Keel cannot start', message);
    app.exit(1);
    return;
  }
  runtime = started;
  hardenSession(session.defaultSession);
  installAppMenu();
  serveRenderer(path.join(app.getAppPath(), 'dist', 'renderer'));
  // A damaged database opens on the recovery screen (restore, or look read-only); never on an empty one.
  bindIpc(started, started);
  started.onNormal((running) => {
    keelApp = running;
    // A shared PC that locks or sleeps locks Keel too.
    const lockEveryone = () => running.sessions.lockAll((token) => running.events.emit('session.locked', { reason: 'idle' }, token));
    powerMonitor.on('lock-screen', lockEveryone);
    powerMonitor.on('suspend', lockEveryone);
    running.backups.startSchedule();
  });
  const window = createMainWindow(path.join(app.getAppPath(), 'dist', 'electron', 'preload.cjs'));
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    dialog.showMessageBoxSync({ type: 'info', message: 'Keel is already open on this computer.' });
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!runtime) return;
    event.preventDefault();
    const closing = keelApp;
    const stopping = runtime;
    keelApp = null;
    runtime = null;
    // A backup on quit (when the clinic is set up and not in recovery), then close the database.
    const backup = closing ? closing.clinic().then((clinic) => (clinic && !closing.backups.isRunning ? closing.backups.run('quit') : null)) : Promise.resolve(null);
    void backup.finally(() => stopping.close().finally(() => app.quit()));
  });
  void app.whenReady().then(start);
}
