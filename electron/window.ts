import { app, BrowserWindow, Menu, shell, type Session } from 'electron';
import { appMenuTemplate } from './core/app-menu';
import { CONTENT_SECURITY_POLICY } from './core/security';

/** The renderer is served from this origin by the `keel://` protocol (see main.ts). */
export const APP_ORIGIN = 'keel://app';

/** Only these links may leave Keel, and only to the system browser. */
const EXTERNAL_ALLOW_LIST = [/^https:\/\/(www\.)?hhs\.gov\//, /^https:\/\/(www\.)?osha\.gov\//, /^https:\/\/(www\.)?cdc\.gov\//];

function isAllowedExternal(url: string): boolean {
  return EXTERNAL_ALLOW_LIST.some((pattern) => pattern.test(url));
}

/** Denies every permission request (camera, location, notifications…) and sets the CSP on every response. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/** Keel's menu (see core/app-menu.ts): in a packaged build without reload or the developer tools. */
export function installAppMenu(): void {
  app.setAboutPanelOptions({ applicationName: app.getName(), applicationVersion: app.getVersion(), copyright: 'Copyright © Keel' });
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, appName: app.getName(), packaged: app.isPackaged })));
}

/** The main window with Electron's secure settings; navigation and new windows are refused. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'Keel',
    backgroundColor: '#f3f5f8',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      // No developer tools in a packaged build, whatever shortcut or menu tries to open them.
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  return window;
}
