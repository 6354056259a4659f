/**
 * The long crash-safety run (issue 6): kills a writer with SIGKILL many times on
 * one data folder and checks the folder after every kill, the same loop as
 * tests/integration/crash.test.ts.
 *
 *   npx tsx scripts/crash-soak.ts [kills]     (default 200)
 *
 * KEEL_CRASH_SEED repeats a run. Exits non-zero on the first failure and keeps
 * the folder for inspection; removes it on success.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCHEMA_VERSION } from '../db/migrations/index';
import { CrashLoopFailure, runCrashLoop } from '../tests/support/crash-loop';

const kills = Number(process.argv[2] ?? 200);
if (!Number.isInteger(kills) || kills < 1) {
  console.error(`usage: npx tsx scripts/crash-soak.ts [kills]   (got ${JSON.stringify(process.argv[2])})`);
  process.exit(2);
}
const seed = Number(process.env.KEEL_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isInteger(seed)) {
  console.error(`KEEL_CRASH_SEED must be an integer, got ${process.env.KEEL_CRASH_SEED}`);
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-soak-'));
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

console.log(`Crash soak: ${kills} kills, seed ${seed}, folder ${dir}`);
try {
  const summary = await runCrashLoop({
    dir,
    kills,
    seed,
    onRound(r) {
      const what = r.rolledBack ? 'cut a transaction short' : r.committedUnacked ? 'committed, ack lost' : r.version < SCHEMA_VERSION ? `cut migrations short at version ${r.version}` : 'between transactions';
      console.log(
        `kill ${String(r.round).padStart(String(kills).length)}/${kills}  ${r.phase.padEnd(7)} +${String(r.delayMs).padStart(3)} ms  ${String(r.acks).padStart(4)} acks  ` +
          `${String(r.last + 1).padStart(6)} transactions  ${String(r.rows).padStart(8)} rows  ${what}  ok  (${seconds()} s)`,
      );
    },
  });
  console.log('');
  console.log(`All ${summary.kills} kills checked in ${seconds()} s: integrity ok, every acknowledged transaction whole, none partly present.`);
  console.log(`  transactions committed: ${summary.transactions} (${summary.rows} rows), acknowledged: ${summary.acknowledged}`);
  console.log(`  kills that cut a transaction short (rolled back): ${summary.rolledBack}`);
  console.log(`  kills between a commit and its ack (kept): ${summary.committedUnacked}`);
  console.log(`  kills timed from the start of the open: ${summary.openingKills} (${summary.migrationKills} cut Keel's migrations short)`);
  console.log(`  seed: ${summary.seed}`);
  fs.rmSync(dir, { recursive: true, force: true });
} catch (error) {
  console.error('');
  console.error(error instanceof CrashLoopFailure ? error.message : error);
  console.error(`FAILED after ${seconds()} s; the folder is kept at ${dir}`);
  process.exitCode = 1;
}
