import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

// The renderer: built to dist/renderer with relative paths, so the desktop
// window (keel:// protocol) and `keel serve` (http) load the same files.
export default defineConfig({
  root: path.join(root, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // Keep every script external: the CSP forbids inline script.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
