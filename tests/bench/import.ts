import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Comparison } from './harness';
import type { ImportStall } from './import-process';

/**
 * A 100,000-row patient import through the router, in a process of its own
 * (import-process.ts says why): the longest event-loop stall during its final,
 * all-or-nothing step (≤ 50 ms), and, as a note, the longest over the whole
 * import and how long each took.
 */
export function benchImportInOwnProcess(work: string): { results: Comparison[]; notes: string[] } {
  const out = path.join(work, 'import-results.json');
  fs.rmSync(out, { force: true });
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'import-process.ts'), work, out], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`The import benchmark failed (exit ${run.status ?? run.signal}).`);
  const stall = JSON.parse(fs.readFileSync(out, 'utf8')) as ImportStall;
  fs.rmSync(out, { force: true });
  const ms = (n: number) => ({ median: n, p95: n, samples: 1 });
  return {
    results: [
      {
        name: `longest event-loop stall, final step of a ${stall.rows.toLocaleString('en-US')}-row import (vs 50 ms)`,
        op: ms(stall.longestStallSavingMs),
        floor: ms(50),
        ratio: stall.longestStallSavingMs / 50,
        target: 1,
        pass: stall.longestStallSavingMs <= 50,
      },
    ],
    notes: [
      `${stall.rows.toLocaleString('en-US')}-row import: ${(stall.wholeImportMs / 1000).toFixed(1)} s in all, final step ${(stall.savingMs / 1000).toFixed(1)} s; longest stall over the whole import ${stall.longestStallMs.toFixed(0)} ms`,
    ],
  };
}
