/**
 * The backup benchmarks' own process: Keel opened on the large clinic, as in
 * its main process, and nothing else. The stall measured during a backup is
 * then that of a process holding what Keel holds, not the benchmark runner's,
 * whose heap also carries Playwright, Vite and the other groups' leftovers
 * (its garbage collections alone took up to 74 ms).
 * Usage: tsx backup-process.ts CLINIC_DIR WORK_DIR RESULTS_JSON
 */
import fs from 'node:fs';
import { openKeelApp } from '../../electron/core/app';
import { benchBackup } from './backup';

const [clinic, work, out] = process.argv.slice(2);
if (!clinic || !work || !out) throw new Error('Usage: backup-process.ts CLINIC_DIR WORK_DIR RESULTS_JSON');
const app = await openKeelApp(clinic);
try {
  fs.writeFileSync(out, JSON.stringify(await benchBackup(app.database, work)));
} finally {
  await app.close();
}
