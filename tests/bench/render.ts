import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { summarize, type Comparison } from './harness';

const HERE = path.join(import.meta.dirname, 'render');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** A bare static server for the built benchmark page (http, as `keel serve` does). */
async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const file = path.join(dir, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html');
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/index.html`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * The day view with 1,000 appointments, mounted in Chromium: the real TimeGrid
 * against plain absolutely positioned boxes with the same text (≤ 3×), and on
 * its own under 100 ms (median), each timed from mounting to the first painted
 * frame. Built from tests/bench/render with the app's own CSS.
 */
export async function benchRender(work: string): Promise<Comparison[]> {
  const out = path.join(work, 'render');
  await build({ root: HERE, base: './', logLevel: 'warn', plugins: [react()], build: { outDir: out, emptyOutDir: true, target: 'chrome130' } });
  const site = await serve(out);
  const browser = await chromium.launch({
    executablePath: process.env.KEEL_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(site.url);
    await page.waitForFunction('typeof window.keelRenderBench === "function"');
    const run = (await page.evaluate('window.keelRenderBench(30, 5)')) as { grid: number[]; boxes: number[]; appointments: number };
    const grid = summarize(run.grid);
    const boxes = summarize(run.boxes);
    const budget = { median: 100, p95: 100, samples: 1 };
    return [
      { name: `day view, ${run.appointments} appointments, Chromium (vs plain boxes)`, op: grid, floor: boxes, ratio: grid.median / boxes.median, target: 3, pass: grid.median / boxes.median <= 3 },
      { name: `day view, ${run.appointments} appointments, Chromium (vs 100 ms)`, op: grid, floor: budget, ratio: grid.median / budget.median, target: 1, pass: grid.median <= budget.median },
    ];
  } finally {
    await browser.close();
    await site.close();
  }
}
