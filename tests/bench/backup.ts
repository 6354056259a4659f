import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { KeelDatabase } from '../../db/open';
import { takeBackup, verifyFile } from '../../electron/core/backups';
import { restoreDataFolder } from '../../electron/core/data-tools';
import { summarize, type Comparison } from './harness';

const ROUNDS = 3;
function flush(file: string): void {
  const fd = fs.openSync(file, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * Backups on the large clinic (about 500 MB): the copy with SQLite's online
 * backup API against copying the checkpointed file and flushing it (≤ 2×),
 * verification against a raw integrity_check (≤ 1.2×), a restore against
 * copying the file plus one integrity_check (≤ 2.5×: it checks the backup,
 * keeps a quick-checked safety copy and puts the file in place), and the
 * longest stall of this process's event loop while a backup runs (≤ 50 ms).
 */
export async function benchBackup(database: KeelDatabase, work: string): Promise<Comparison[]> {
  const scratch = path.join(work, 'backup-scratch');
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  try {
    const copy: number[] = [];
    const backup: number[] = [];
    const verify: number[] = [];
    const integrity: number[] = [];
    const restore: number[] = [];
    const restoreFloor: number[] = [];
    const stalls: number[] = [];
    const target = path.join(scratch, 'restore-target');
    fs.mkdirSync(target, { recursive: true });
    for (let round = 0; round < ROUNDS; round++) {
      // The floor: a copy flushed to disk (a backup that is not on the disk yet is not a backup).
      let start = process.hrtime.bigint();
      fs.copyFileSync(database.file, path.join(scratch, 'plain-copy.db'));
      flush(path.join(scratch, 'plain-copy.db'));
      copy.push(ms(start));
      fs.rmSync(path.join(scratch, 'plain-copy.db'));

      const lag = monitorEventLoopDelay({ resolution: 5 });
      lag.enable();
      start = process.hrtime.bigint();
      let copied = 0;
      const result = await takeBackup(database, {
        to: path.join(scratch, `round-${round}`),
        reason: 'manual',
        now: new Date(Date.UTC(2026, 10, 27, 18, 0, round)),
        onProgress: (p) => {
          if (p.phase === 'verifying' && copied === 0) copied = ms(start);
        },
      });
      lag.disable();
      backup.push(copied);
      stalls.push(lag.max / 1e6);

      start = process.hrtime.bigint();
      const checked = await verifyFile(result.file);
      verify.push(ms(start));
      if (!checked.ok) throw new Error(`The benchmark backup failed its check: ${checked.reason}`);
      const raw = new Database(result.file, { readonly: true });
      start = process.hrtime.bigint();
      raw.pragma('integrity_check');
      integrity.push(ms(start));
      raw.close();

      // The restore target: a copy of the clinic's file (so the large clinic itself is never replaced).
      fs.copyFileSync(database.file, path.join(target, 'keel.db'));
      start = process.hrtime.bigint();
      await restoreDataFolder(target, result.file, { now: new Date(Date.UTC(2026, 10, 27, 19, 0, round)), actor: 'benchmark' });
      restore.push(ms(start));
      start = process.hrtime.bigint();
      fs.copyFileSync(result.file, path.join(scratch, 'floor.db'));
      flush(path.join(scratch, 'floor.db'));
      const floorDb = new Database(path.join(scratch, 'floor.db'), { readonly: true });
      floorDb.pragma('integrity_check');
      floorDb.close();
      restoreFloor.push(ms(start));
      fs.rmSync(path.join(scratch, 'floor.db'));
      fs.rmSync(path.join(scratch, `round-${round}`), { recursive: true, force: true });
      fs.rmSync(path.join(target, 'backups'), { recursive: true, force: true });
    }
    const comparison = (name: string, op: number[], floor: number[], target: number): Comparison => {
      const o = summarize(op);
      const f = summarize(floor);
      return { name, op: o, floor: f, ratio: o.median / f.median, target, pass: o.median / f.median <= target };
    };
    const stall = summarize(stalls);
    const budget = { median: 50, p95: 50, samples: 1 };
    return [
      comparison('backup copy, large clinic (vs file copy)', backup, copy, 2),
      comparison('backup verify, large clinic (vs integrity_check)', verify, integrity, 1.2),
      comparison('restore, large clinic (vs copy + integrity_check)', restore, restoreFloor, 2.5),
      { name: 'longest event-loop stall during a backup (vs 50 ms)', op: stall, floor: budget, ratio: Math.max(...stalls) / 50, target: 1, pass: Math.max(...stalls) <= 50 },
    ];
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs the backup benchmarks in their own process (`backup-process.ts` says why); the clinic must not be open here. */
export function benchBackupInOwnProcess(clinic: string, work: string): Comparison[] {
  const out = path.join(work, 'backup-results.json');
  fs.rmSync(out, { force: true });
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'backup-process.ts'), clinic, work, out], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`The backup benchmarks failed (exit ${run.status ?? run.signal}).`);
  const results = JSON.parse(fs.readFileSync(out, 'utf8')) as Comparison[];
  fs.rmSync(out, { force: true });
  return results;
}
