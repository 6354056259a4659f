import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderError } from '../../db/errors';
import { LOCK_FILE } from '../../db/lock';
import { MIGRATIONS, SCHEMA_VERSION, type KeelMigration } from '../../db/migrations/index';
import { DB_FILE, openDataFolder, type KeelDatabase } from '../../db/open';
import { tempDir } from '../support/harness';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

const opened: KeelDatabase[] = [];
const dirs: string[] = [];
function freshDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}
async function open(dir: string, options?: Parameters<typeof openDataFolder>[1]): Promise<KeelDatabase> {
  const db = await openDataFolder(dir, options);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('opening a data folder', () => {
  it('creates the database with the house pragmas and migrates it, printing each step', async () => {
    const steps: string[] = [];
    const database = await open(freshDir(), { onStep: (s) => steps.push(s) });
    expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(database.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(steps).toEqual([...MIGRATIONS.map((m) => `Applying migration ${m.name}…`), `Schema is now at version ${SCHEMA_VERSION}.`]);
    const tables = database.sqlite.prepare("select name from sqlite_master where type='table' order by name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['clinic', 'opening_hours', 'users', 'audit_log', 'keel_migration']));
  });

  it('does nothing to an up-to-date folder', async () => {
    const dir = freshDir();
    await (await open(dir)).close();
    const steps: string[] = [];
    const again = await open(dir, { onStep: (s) => steps.push(s) });
    expect(steps).toEqual([`Schema is up to date (version ${SCHEMA_VERSION}).`]);
    expect(again.sqlite.prepare('select count(*) from keel_migration').pluck().get()).toBe(MIGRATIONS.length);
  });

  it('refuses a database written by a newer Keel and leaves it untouched', async () => {
    const dir = freshDir();
    await (await open(dir)).close();
    const raw = new Database(path.join(dir, DB_FILE));
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = sha(path.join(dir, DB_FILE));
    const error = await openDataFolder(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFolderError);
    expect((error as DataFolderError).problem).toBe('newer_schema');
    expect((error as Error).message).toMatch(/newer version of Keel .*Nothing was changed/);
    expect(sha(path.join(dir, DB_FILE))).toBe(before);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses an SQLite database that is not Keel’s', async () => {
    const dir = freshDir();
    const raw = new Database(path.join(dir, DB_FILE));
    raw.exec('create table invoices (id integer primary key, total integer)');
    raw.close();
    const error = await openDataFolder(dir).catch((e: unknown) => e);
    expect((error as DataFolderError).problem).toBe('not_keel');
  });

  it('refuses a second Keel on the same folder, and takes over a lock left by a dead process', async () => {
    const dir = freshDir();
    const first = await open(dir);
    const error = await openDataFolder(dir).catch((e: unknown) => e);
    expect((error as DataFolderError).problem).toBe('in_use');
    expect((error as Error).message).toMatch(/already open in another Keel/);
    await first.close();

    // A lock file from a process that no longer exists (pid far above any real one).
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), since: 'yesterday' }));
    const second = await open(dir);
    expect(second.sqlite.open).toBe(true);
    await second.close();

    // A lock taken before this computer started, by a pid that now belongs to a live process (this one's parent).
    const beforeBoot = new Date(Date.now() - (os.uptime() + 3600) * 1000).toISOString();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: os.hostname(), since: beforeBoot }));
    const third = await open(dir);
    expect(third.sqlite.open).toBe(true);
    await third.close();
    // The same live pid with a lock taken since boot is respected.
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: os.hostname(), since: new Date().toISOString() }));
    expect(((await openDataFolder(dir).catch((e: unknown) => e)) as DataFolderError).problem).toBe('in_use');
    fs.rmSync(path.join(dir, LOCK_FILE));
  });

  it('lets exactly one of several Keels starting at the same instant take the folder, with or without a stale lock to take over', async () => {
    for (const scenario of ['fresh', 'stale lock', 'unreadable lock']) {
      const dir = freshDir();
      if (scenario === 'stale lock') fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 4321, host: os.hostname(), since: new Date().toISOString() }));
      if (scenario === 'unreadable lock') {
        fs.writeFileSync(path.join(dir, LOCK_FILE), '');
        const old = new Date(Date.now() - 60_000);
        fs.utimesSync(path.join(dir, LOCK_FILE), old, old);
      }
      const go = path.join(dir, 'go');
      const racers = Array.from({ length: 5 }, () => spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests', 'support', 'lock-racer.ts'), dir, go], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
      const outputs = racers.map((racer) => {
        let out = '';
        racer.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        racer.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        return { read: () => out, done: new Promise((resolve) => racer.once('exit', resolve)) };
      });
      await expect.poll(() => outputs.every((o) => o.read().includes('ready')), { timeout: 60_000 }).toBe(true);
      fs.writeFileSync(go, '');
      await Promise.all(outputs.map((o) => o.done));
      const results = outputs.map((o) => o.read().replace('ready\n', '').trim()).sort();
      expect(results, scenario).toEqual(['lost in_use', 'lost in_use', 'lost in_use', 'lost in_use', 'won']);
      // The winner let go, and nothing of the race is left behind but what a sweep removes later.
      expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith(`${LOCK_FILE}.new-`))).toEqual([]);
    }
  }, 120_000);

  it('rolls back a failing migration completely and keeps the old version', async () => {
    const dir = freshDir();
    await (await open(dir)).close();
    const broken: KeelMigration = {
      name: '9998-broken',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'text').execute();
        await sql`insert into half_done (id) values ('x')`.execute(db);
        throw new Error('disk full (simulated)');
      },
    };
    const error = await openDataFolder(dir, { migrations: [...MIGRATIONS, broken] }).catch((e: unknown) => e);
    expect((error as DataFolderError).problem).toBe('migration_failed');
    expect((error as Error).message).toMatch(new RegExp(`9998-broken failed: disk full \\(simulated\\).*schema version ${SCHEMA_VERSION}`));
    const raw = new Database(path.join(dir, DB_FILE));
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.prepare("select count(*) from sqlite_master where name = 'half_done'").pluck().get()).toBe(0);
    expect(raw.prepare("select count(*) from keel_migration where name = '9998-broken'").pluck().get()).toBe(0);
    raw.close();
  });

  it('runs a later migration on a database made at the version before it, keeping the rows', async () => {
    const dir = freshDir();
    const first = await open(dir);
    first.sqlite.prepare("insert into opening_hours (weekday, opens, closes, created_at, updated_at) values (1, '08:00', '17:00', 'a', 'a')").run();
    await first.close();
    const addNote: KeelMigration = {
      name: '9999-note',
      async up(db) {
        await db.schema.alterTable('opening_hours').addColumn('note', 'text', (c) => c.notNull().defaultTo('')).execute();
      },
    };
    // Listed out of name order (kysely would run them in another order than user_version counts): refused, nothing done.
    const misordered = await openDataFolder(dir, { migrations: [addNote, ...MIGRATIONS] }).catch((e: unknown) => e);
    expect((misordered as Error).message).toMatch(/^Migrations must be listed in name order/);
    const migrated = await open(dir, { migrations: [...MIGRATIONS, addNote] });
    expect(migrated.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(migrated.sqlite.prepare('select weekday, opens, closes, note from opening_hours').all()).toEqual([{ weekday: 1, opens: '08:00', closes: '17:00', note: '' }]);
  });
});

describe('migration 0002-staff', () => {
  it('adds the staff tables to a version-1 database, keeps its rows and seeds the defaults', async () => {
    const dir = freshDir();
    const v1 = await open(dir, { migrations: MIGRATIONS.slice(0, 1) });
    v1.sqlite
      .prepare("insert into users (id, username, full_name, role, password_hash, password_changed_at, created_at, updated_at) values ('u1', 'dana', 'Dana', 'manager', 'x', 't', 't', 't')")
      .run();
    const usersBefore = v1.sqlite.prepare('select * from users').all();
    await v1.close();
    const v2 = await open(dir, { migrations: MIGRATIONS.slice(0, 2) });
    expect(v2.sqlite.pragma('user_version', { simple: true })).toBe(2);
    expect(v2.sqlite.prepare('select * from users').all()).toEqual(usersBefore);
    expect(v2.sqlite.prepare("select kind from credential_requirements where staff_role = 'receptionist'").pluck().all()).toEqual(['hipaa']);
    expect(v2.sqlite.prepare("select value from settings where key = 'evaluation.intervalMonths'").pluck().get()).toBe('12');
    expect(v2.sqlite.prepare('select count(*) from shifts').pluck().get()).toBe(0);
  });
});

describe('the audit log', () => {
  it('is append-only: SQLite refuses updates and deletes', async () => {
    const database = await open(freshDir());
    database.sqlite
      .prepare("insert into audit_log (id, at, action, kind, outcome, created_at, updated_at) values ('a1', 'now', 'test', 'admin', 'ok', 'now', 'now')")
      .run();
    expect(() => database.sqlite.prepare("update audit_log set action = 'changed'").run()).toThrow(/append-only/);
    expect(() => database.sqlite.prepare('delete from audit_log').run()).toThrow(/append-only/);
    expect(database.sqlite.prepare('select action from audit_log').pluck().all()).toEqual(['test']);
  });
});
