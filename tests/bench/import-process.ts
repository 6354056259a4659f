/**
 * The import benchmark's own process (as backup-process.ts, so the stall
 * measured is that of a process holding what Keel holds): a fresh clinic, a
 * 100,000-row CSV imported through the router, and the longest event-loop
 * stall over the whole import and over its final all-or-nothing step (from the
 * 'saving' notice until a write made after the import has returned).
 * Usage: tsx import-process.ts WORK_DIR RESULTS_JSON
 */
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openKeelApp } from '../../electron/core/app';
import { createRouter } from '../../electron/core/router';
import { CLINIC_EXAMPLE } from '../../shared/contract/clinic-fields';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';

export interface ImportStall {
  rows: number;
  wholeImportMs: number;
  longestStallMs: number;
  longestStallSavingMs: number;
  savingMs: number;
}

const ROWS = 100_000;
const [work, out] = process.argv.slice(2);
if (!work || !out) throw new Error('Usage: import-process.ts WORK_DIR RESULTS_JSON');
const dir = path.join(work, 'import-scratch');
fs.rmSync(dir, { recursive: true, force: true });
const app = await openKeelApp(dir, { scrypt: { log2N: 10, r: 8, p: 1 } });
try {
  const router = createRouter(app);
  const setup = await router.call({ token: null, channel: 'setup.createClinic', input: { clinic: CLINIC_EXAMPLE, manager: { fullName: 'Bench Manager', username: 'bench', password: 'a-long-bench-password' } } });
  const token = setup.session && 'start' in setup.session ? setup.session.start : null;
  const header = 'First name,Last name,Date of birth,Phone,Notes';
  const rows = Array.from({ length: ROWS }, (_, i) => `P${i},Test${i % 997},1980-01-${String((i % 28) + 1).padStart(2, '0')},(555) 01${String(i).padStart(6, '0')},Imported row ${i}`);
  const csv = `${header}\n${rows.join('\n')}\n`;
  const mapping = { '0': 'firstName', '1': 'lastName', '2': 'dob', '3': 'phoneMobile', '4': 'notes' };

  const whole = monitorEventLoopDelay({ resolution: 5 });
  const saving = monitorEventLoopDelay({ resolution: 5 });
  let savingStart = 0n;
  let gapWatch: NodeJS.Timeout | undefined;
  let lastTick = process.hrtime.bigint();
  let longestGap = 0;
  const stop = app.events.listen((event) => {
    if (event.name === 'import.progress' && (event.payload as { phase: string }).phase === 'saving' && savingStart === 0n) {
      savingStart = process.hrtime.bigint();
      // Enabled now, the histogram's first tick comes after a stall that starts right away: it is then
      // missed, so the saving phase's longest stall is also read from the gaps of a 1 ms interval.
      saving.enable();
      lastTick = savingStart;
      gapWatch = setInterval(() => {
        const now = process.hrtime.bigint();
        longestGap = Math.max(longestGap, Number(now - lastTick) / 1e6);
        lastTick = now;
      }, 1);
    }
  });
  whole.enable();
  const start = process.hrtime.bigint();
  const run = await router.call({ token, channel: 'patients.importRun', input: { csv, mapping, duplicates: 'import' } });
  if (!run.result.ok) throw new Error(run.result.error.message);
  // The first write after the import is part of its cost (a checkpoint of its pages could land there).
  const after = await router.call({ token, channel: 'patients.create', input: { details: { ...PATIENT_EXAMPLE, firstName: 'After' }, confirmDuplicate: true } });
  if (!after.result.ok) throw new Error(after.result.error.message);
  const end = process.hrtime.bigint();
  // A stall is only recorded when the loop's next timer runs: let it run before reading.
  await new Promise((resolve) => setTimeout(resolve, 20));
  whole.disable();
  saving.disable();
  clearInterval(gapWatch);
  stop();
  const result: ImportStall = {
    rows: ROWS,
    wholeImportMs: Number(end - start) / 1e6,
    longestStallMs: whole.max / 1e6,
    longestStallSavingMs: Math.max(saving.max / 1e6, longestGap),
    savingMs: Number(end - savingStart) / 1e6,
  };
  fs.writeFileSync(out, JSON.stringify(result));
} finally {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
