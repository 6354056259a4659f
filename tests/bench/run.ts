import fs from 'node:fs';
import path from 'node:path';
import { DEMO_ACCOUNTS } from '../../db/demo/accounts';
import { openKeelApp } from '../../electron/core/app';
import { createDemoClinic } from '../../electron/core/demo';
import { benchOpen, benchRoundTrip } from './foundation';
import { report, type Comparison } from './harness';

/** `npm run bench`: every performance target, as ratios to a floor measured in the same run. */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const WORK = path.join(ROOT, '.keel-bench');

async function demoFolder(name: string, size: 'small' | 'large'): Promise<string> {
  const dir = path.join(WORK, name);
  if (fs.existsSync(path.join(dir, 'keel.db'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`Generating the ${size} demo clinic in ${dir} (once; kept for later runs)…`);
  const app = await openKeelApp(dir);
  try {
    await createDemoClinic(app, { size, seed: 1, today: '2026-11-27' });
  } finally {
    await app.close();
  }
  return dir;
}

const clinic = await demoFolder('large', 'large');
const manager = DEMO_ACCOUNTS.find((a) => a.role === 'manager')!;
const results: Comparison[] = [];
results.push(await benchOpen(clinic));
results.push(await benchRoundTrip(clinic, { username: manager.username, password: manager.password }));

console.log('');
const ok = report(results);
process.exitCode = ok ? 0 : 1;
