/**
 * The application menu's shape, without Electron, so it is tested under Node;
 * electron/window.ts turns it into a Menu. The roles are Electron's menu roles.
 */
export interface AppMenuItem {
  label?: string;
  role?: AppMenuRole;
  type?: 'separator';
  submenu?: AppMenuItem[];
}

export type AppMenuRole =
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit'
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'delete' | 'selectAll'
  | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'
  | 'minimize' | 'zoom' | 'front' | 'close' | 'window' | 'help'
  | 'reload' | 'forceReload' | 'toggleDevTools';

/** Roles that reload the page or open the developer tools: never in a packaged Keel. */
export const DEVELOPER_ROLES: readonly AppMenuRole[] = Object.freeze(['reload', 'forceReload', 'toggleDevTools']);

export interface AppMenuOptions {
  /** `process.platform`: macOS puts About and Quit in a menu named after the app. */
  platform: string;
  appName: string;
  /** `app.isPackaged`: only a development run gets reload and the developer tools. */
  packaged: boolean;
}

const separator: AppMenuItem = { type: 'separator' };

/**
 * Keel's menu: Edit (copy and paste in text fields need it on macOS), View
 * (zoom, full screen), Window, and About (under Help, or in the app's menu on
 * macOS). A development run adds reload and the developer tools to View; a
 * packaged build has neither.
 */
export function appMenuTemplate({ platform, appName, packaged }: AppMenuOptions): AppMenuItem[] {
  const mac = platform === 'darwin';
  const developer: AppMenuItem[] = packaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator];
  const menu: AppMenuItem[] = [];
  if (mac) {
    menu.push({
      label: appName,
      submenu: [{ role: 'about' }, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
    });
  } else {
    menu.push({ label: 'File', submenu: [{ role: 'quit' }] });
  }
  menu.push(
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
        { role: 'delete' },
        separator,
        { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }] },
    {
      role: 'window',
      submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
    },
  );
  // On macOS About sits in the app's own menu; elsewhere it is under Help.
  if (!mac) menu.push({ role: 'help', submenu: [{ role: 'about', label: `About ${appName}` }] });
  return menu;
}
