import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Keel';

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')`
 * gives the desktop app: %APPDATA%\Keel, ~/Library/Application Support/Keel,
 * or $XDG_CONFIG_HOME/Keel (~/.config/Keel). KEEL_DATA overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.KEEL_DATA) return path.resolve(env.KEEL_DATA);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

/** The repository root (two folders above this file), for the admin command and `keel serve`. */
export function projectRoot(): string {
  return path.resolve(import.meta.dirname, '..', '..');
}

/** Where `vite build` puts the renderer (KEEL_RENDERER_OUT overrides it, e.g. for a second checkout's preview). */
export function rendererDist(): string {
  return process.env.KEEL_RENDERER_OUT ? path.resolve(process.env.KEEL_RENDERER_OUT) : path.join(projectRoot(), 'dist', 'renderer');
}
