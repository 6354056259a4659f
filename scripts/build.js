// Builds what the desktop app runs: the main process and preload (esbuild, CommonJS
// for Electron's sandboxed preload) and the renderer (Vite).
import path from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Native and runtime-provided modules stay outside the bundle.
  external: ['electron', 'better-sqlite3', 'vite'],
  define: { 'import.meta.dirname': '__dirname' },
};

await esbuild({ ...common, entryPoints: [path.join(root, 'electron', 'main.ts')], outfile: path.join(root, 'dist', 'electron', 'main.cjs') });
await esbuild({ ...common, entryPoints: [path.join(root, 'electron', 'preload.ts')], outfile: path.join(root, 'dist', 'electron', 'preload.cjs') });
console.log('Built dist/electron/main.cjs and preload.cjs');
await vite({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
console.log('Built dist/renderer');
