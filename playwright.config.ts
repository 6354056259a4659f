import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium; Playwright cannot download its own browser on the clinic's build machines. */
const chromium = process.env.KEEL_CHROMIUM ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  throw new Error(
    `The browser tests need Chromium at ${chromium}, and it is not there. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set KEEL_CHROMIUM to a Chromium or Chrome binary.`,
  );
}

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  forbidOnly: true,
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 850 },
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
