import fs from 'node:fs';
import path from 'node:path';
import { projectRoot, rendererDist } from '../core/paths';

function newestSourceTime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when dist/renderer is missing or older than the renderer's sources. */
export function rendererIsStale(): boolean {
  const index = path.join(rendererDist(), 'index.html');
  if (!fs.existsSync(index)) return true;
  const root = projectRoot();
  const built = fs.statSync(index).mtimeMs;
  const sources = Math.max(
    newestSourceTime(path.join(root, 'renderer')),
    newestSourceTime(path.join(root, 'shared')),
    fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs,
  );
  return sources > built;
}

/**
 * Builds the renderer with Vite when it is missing or out of date, so `keel serve`
 * works right after `npm install` with no build step to remember.
 */
export async function ensureRendererBuilt(say: (line: string) => void): Promise<string> {
  if (rendererIsStale()) {
    say('Building the Keel screens (first run or after a change)…');
    const { build } = await import('vite');
    await build({ configFile: path.join(projectRoot(), 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDist() } });
    say('Screens built.');
  }
  return rendererDist();
}
