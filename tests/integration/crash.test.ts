/**
 * Crash safety (issue 6): a Keel process killed with SIGKILL at any moment loses
 * no acknowledged transaction, leaves no transaction half-written, leaves no lock
 * that stops the next open, and a migration cut short is either fully there or
 * not there at all. Real SQLite files in temp folders; the children run the real
 * data layer (tests/support/crash-writer.ts).
 *
 * KEEL_CRASH_KILLS sets the number of kills (default 24, two dozen), KEEL_CRASH_SEED the
 * random seed (printed on failure). The long run is `npx tsx scripts/crash-soak.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../db/audit';
import { LOCK_FILE } from '../../db/lock';
import { MIGRATIONS, SCHEMA_VERSION } from '../../db/migrations/index';
import { DB_FILE, openDataFolder, type KeelDatabase } from '../../db/open';
import { getSetting, setSetting } from '../../db/settings';
import {
  inspectFolder,
  rowsFor,
  runCrashLoop,
  SLOW_MIGRATION_NAME,
  SLOW_PROGRESS_EVERY,
  SLOW_ROWS,
  SLOW_TABLE,
  slowMigration,
  slowPayload,
  startWriter,
  WRITE_ACTION,
  type Child,
} from '../support/crash-loop';

const KILLS = Number(process.env.KEEL_CRASH_KILLS ?? 24);
const SEED = Number(process.env.KEEL_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isInteger(KILLS) || KILLS < 1) throw new Error(`KEEL_CRASH_KILLS must be a positive integer, got ${process.env.KEEL_CRASH_KILLS}`);
if (!Number.isInteger(SEED)) throw new Error(`KEEL_CRASH_SEED must be an integer, got ${process.env.KEEL_CRASH_SEED}`);

const dirs: string[] = [];
const children: Child[] = [];
function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-kill-'));
  dirs.push(dir);
  return dir;
}
function writer(args: string[]): Child {
  const child = startWriter(args);
  children.push(child);
  return child;
}
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Tables, indexes and triggers as SQLite stores them, for comparing schemas. */
function schemaOf(sqlite: Database.Database): Array<{ type: string; name: string; sql: string | null }> {
  return sqlite.prepare("select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name").all() as never;
}

describe('the folder checker', () => {
  it('notices a partly written transaction and a missing acknowledged one, so the crash test can fail', async () => {
    const dir = freshDir();
    const database = await openDataFolder(dir);
    const at = '2026-03-02T14:00:00.000Z';
    const write = async (n: number, rows: number) => {
      for (let i = 0; i < rows; i++) {
        await appendAudit(database.db, { id: `crash-${n}-${i}`, at, userId: null, username: null, action: WRITE_ACTION, kind: 'admin', outcome: 'ok', targetId: String(n), detail: { n, i, k: rowsFor(n) } });
      }
    };
    // Find a transaction number with more than one row, so that "partly" is possible.
    const big = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].find((n) => rowsFor(n) > 1)!;
    await write(big, rowsFor(big));
    await database.close();
    const whole = await inspectFolder(dir, [big]);
    expect(whole.problems).toEqual([]);
    expect(whole.integrity).toEqual(['ok']);
    expect(whole.present.get(big)).toBe(rowsFor(big));

    const again = await openDataFolder(dir);
    const partial = big + 1000;
    const k = rowsFor(partial);
    const rows = k > 1 ? k - 1 : 2;
    for (let i = 0; i < rows; i++) {
      await appendAudit(again.db, { id: `crash-${partial}-${i}`, at, userId: null, username: null, action: WRITE_ACTION, kind: 'admin', outcome: 'ok', targetId: String(partial), detail: { n: partial, i, k } });
    }
    await again.close();
    const broken = await inspectFolder(dir, [big, big + 1]);
    expect(broken.problems).toEqual([
      expect.stringMatching(new RegExp(`^transaction ${partial} is partly present: ${rows} of ${k} rows`)),
      `1 acknowledged transaction(s) missing, e.g. ${big + 1}`,
    ]);
  });

  it('gives every transaction 1 to 200 rows, the same for the same number', () => {
    const sizes = Array.from({ length: 2000 }, (_, n) => rowsFor(n));
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(200);
    expect(sizes.filter((k) => k > 50).length).toBeGreaterThan(200);
    expect(Array.from({ length: 2000 }, (_, n) => rowsFor(n))).toEqual(sizes);
  });
});

describe('killing a writer with SIGKILL', () => {
  it(
    `keeps every acknowledged transaction whole and never leaves one half-written (${KILLS} kills)`,
    async () => {
      const dir = freshDir();
      const summary = await runCrashLoop({ dir, kills: KILLS, seed: SEED });
      expect(summary.kills).toBe(KILLS);
      // The writer got real work done between kills, and kills caught transactions half-written
      // (nearly every kill does; with a handful of kills, none may).
      expect(summary.acknowledged).toBeGreaterThan(0);
      expect(summary.transactions).toBeGreaterThanOrEqual(summary.acknowledged);
      if (KILLS >= 10) expect(summary.rolledBack).toBeGreaterThan(0);
      // The dead writer's lock never stopped a later open; the last one is gone now.
      expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    },
    30_000 + KILLS * 5_000,
  );
});

describe('killing a migration half-way', () => {
  it('leaves the old schema or the new one, never a mixture, and the next open finishes it', async () => {
    // A folder at Keel's current schema, with a row of its own.
    const dir = freshDir();
    const old = await openDataFolder(dir);
    const oldSchema = schemaOf(old.sqlite);
    await setSetting(old.db, 'test.crash', { kept: true }, '2026-03-02T14:00:00.000Z');
    await old.close();
    const settingKept = async (database: KeelDatabase) => expect(await getSetting(database.db, 'test.crash', null)).toEqual({ kept: true });

    // Kill once the migration has created its table and written far more than SQLite's
    // 2 MB page cache: uncommitted pages have spilled into the WAL file by then.
    const child = writer([dir, 'migrate']);
    await child.waitFor((line) => line === `migrated ${SLOW_PROGRESS_EVERY * 8}`);
    const end = await child.kill();
    expect(end.signal).toBe('SIGKILL');
    expect(child.lines).not.toContain('migrated');
    expect(fs.statSync(path.join(dir, `${DB_FILE}-wal`)).size).toBeGreaterThan(2 * 1024 * 1024);

    // The dead child's lock is taken over; migrate: false shows the folder as the kill left it.
    let version: number;
    const after = await openDataFolder(dir, { migrate: false, migrations: [...MIGRATIONS, slowMigration()] });
    try {
      const raw = after.sqlite;
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      await settingKept(after);
      version = raw.pragma('user_version', { simple: true }) as number;
      expect([SCHEMA_VERSION, SCHEMA_VERSION + 1]).toContain(version);
      const recorded = raw.prepare('select name from keel_migration order by name').pluck().all();
      if (version === SCHEMA_VERSION) {
        // Old: exactly the schema of a folder that never saw the migration, its table absent.
        expect(schemaOf(raw)).toEqual(oldSchema);
        expect(recorded).toEqual(MIGRATIONS.map((m) => m.name));
      } else {
        // New (only if the kill came after the commit): the whole migration.
        expect(schemaOf(raw).filter((o) => !o.name.startsWith(SLOW_TABLE))).toEqual(oldSchema);
        expect(recorded).toEqual([...MIGRATIONS.map((m) => m.name), SLOW_MIGRATION_NAME]);
        expect(raw.prepare(`select count(*) from ${SLOW_TABLE}`).pluck().get()).toBe(SLOW_ROWS);
      }
    } finally {
      await after.close();
    }

    // Opening again with the same list finishes the job.
    const steps: string[] = [];
    const finished = await openDataFolder(dir, { migrations: [...MIGRATIONS, slowMigration()], onStep: (s) => steps.push(s) });
    try {
      expect(steps[0]).toBe(version === SCHEMA_VERSION ? `Applying migration ${SLOW_MIGRATION_NAME}…` : `Schema is up to date (version ${SCHEMA_VERSION + 1}).`);
      const { sqlite } = finished;
      expect(sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.prepare(`select count(*), min(i), max(i) from ${SLOW_TABLE}`).raw().get()).toEqual([SLOW_ROWS, 0, SLOW_ROWS - 1]);
      expect(sqlite.prepare(`select payload from ${SLOW_TABLE} where i = ?`).pluck().get(SLOW_ROWS - 1)).toBe(slowPayload(SLOW_ROWS - 1));
      expect(sqlite.prepare('select count(*) from keel_migration').pluck().get()).toBe(SCHEMA_VERSION + 1);
      await settingKept(finished);
    } finally {
      await finished.close();
    }
  }, 60_000);
});
