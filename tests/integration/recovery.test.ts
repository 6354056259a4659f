import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_DIR, listBackups, takeBackup } from '../../electron/core/backups';
import { RECOVERY_LOG } from '../../electron/core/recovery';
import { startKeel, type Runtime } from '../../electron/core/runtime';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import type { RecoveryRows, RecoveryStatus, RecoveryTable } from '../../shared/contract/recovery';
import { addUser, errorOf, MANAGER, openTestKeel, setUpClinic, tempDir, TestClock, tokenOf, valueOf } from '../support/harness';

const SCRYPT = { log2N: 10, r: 8, p: 1 };
const RECEPTIONIST = { username: 'rita', role: 'receptionist' };

let dir: string;
let runtime: Runtime | null = null;
let clock: TestClock;
let backupName: string;

/** A clinic with 55 patients, a verified backup of it, then one more patient the backup does not have. */
beforeEach(async () => {
  dir = tempDir('keel-recovery-');
  const keel = await openTestKeel({ dir });
  const manager = await setUpClinic(keel);
  await addUser(keel, manager, RECEPTIONIST);
  for (let i = 0; i < 55; i++) valueOf(await keel.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName: `Pat${i}`, lastName: `Recovery${i}` }, confirmDuplicate: true }, manager));
  backupName = path.basename((await takeBackup(keel.app.database, { to: path.join(dir, BACKUP_DIR), reason: 'manual', now: keel.clock.now() })).file);
  valueOf(await keel.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName: 'After', lastName: 'TheBackup' }, confirmDuplicate: true }, manager));
  await keel.close();
  clock = new TestClock('2026-03-02T15:00:00.000Z');
});
afterEach(async () => {
  await runtime?.close();
  runtime = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

const live = () => path.join(dir, 'keel.db');
const fingerprint = () => crypto.createHash('sha256').update(fs.readFileSync(live())).digest('hex');

/** Scribbles over one table's root page (past its header byte), so that table alone cannot be read. */
function damageTable(table: string): void {
  const db = new Database(live());
  db.pragma('wal_checkpoint(TRUNCATE)');
  const root = db.prepare('select rootpage from sqlite_master where name = ?').pluck().get(table) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = fs.readFileSync(live());
  for (let i = (root - 1) * pageSize + 1; i < root * pageSize; i++) bytes[i] = 0xee;
  fs.writeFileSync(live(), bytes);
}

/** Scribbles over the schema's own page: nothing in the database can be found any more. */
function damageCatalogue(): void {
  const bytes = fs.readFileSync(live());
  const pageSize = bytes.readUInt16BE(16);
  for (let i = 100; i < pageSize; i += 3) bytes[i] = 0xff;
  fs.writeFileSync(live(), bytes);
}

async function start(): Promise<Runtime> {
  runtime = await startKeel(dir, { now: clock.now, scrypt: SCRYPT, sleep: async () => {}, logError: () => {} });
  return runtime;
}

const call = (channel: string, input: unknown, token: string | null = null) => runtime!.call({ channel, input, token });

async function managerToken(): Promise<string> {
  return tokenOf(await call('recovery.signIn', { username: MANAGER.username, password: MANAGER.password }));
}

function logged(): Array<{ action: string; outcome: string; username: string | null; detail?: Record<string, unknown> }> {
  return fs
    .readFileSync(path.join(dir, RECOVERY_LOG), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as never);
}

describe('a damaged database at start', () => {
  it('opens the recovery screen instead of an empty database, changes nothing, and answers every other channel "damaged"', async () => {
    damageTable('audit_log');
    const before = fingerprint();
    const keel = await start();
    expect(keel.mode).toBe('recovery');
    expect(keel.app).toBeNull();
    const status = valueOf<RecoveryStatus>(await call('recovery.status', {}));
    expect(status.problem).toMatch(/damaged.*Nothing was changed/);
    expect(status.newestBackup).toMatchObject({ name: backupName, records: expect.objectContaining({ patients: 55, users: 2 }) });
    expect(status.signedIn).toBeNull();
    for (const channel of ['setup.status', 'auth.login', 'patients.search']) expect(errorOf(await call(channel, {})).code).toBe('damaged');
    expect(errorOf(await call('no.such', {})).code).toBe('not_found');
    // A second Keel on the same folder is still refused while the recovery screen holds it.
    await expect(startKeel(dir, { scrypt: SCRYPT })).rejects.toThrow(/in use|already/i);
    expect(fingerprint()).toBe(before);
  });

  it('lets only a manager in: a wrong password and a receptionist are refused, and both are logged', async () => {
    damageTable('audit_log');
    await start();
    expect(errorOf(await call('recovery.tables', {})).code).toBe('unauthenticated');
    expect(errorOf(await call('recovery.signIn', { username: MANAGER.username, password: 'not-the-password' })).code).toBe('unauthenticated');
    expect(errorOf(await call('recovery.signIn', { username: 'nobody', password: 'whatever-it-is' })).code).toBe('unauthenticated');
    const refused = errorOf(await call('recovery.signIn', { username: RECEPTIONIST.username, password: `${RECEPTIONIST.username}-own-password` }));
    expect(refused).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/office manager/) });
    const token = await managerToken();
    expect(valueOf<RecoveryStatus>(await call('recovery.status', {}, token)).signedIn).toMatchObject({ username: MANAGER.username });
    expect(logged().map((e) => [e.action, e.outcome, e.username, e.detail?.reason])).toEqual([
      ['recovery.signIn', 'failed', MANAGER.username, 'wrong_password'],
      ['recovery.signIn', 'failed', 'nobody', 'unknown_user'],
      ['recovery.signIn', 'failed', RECEPTIONIST.username, 'not_manager'],
      ['recovery.signIn', 'ok', MANAGER.username, undefined],
    ]);
    // Five minutes without use end the session, as the shared PC's idle lock would.
    clock.advanceMinutes(6);
    expect(errorOf(await call('recovery.tables', {}, token)).code).toBe('unauthenticated');
  });

  it('shows the damaged data read-only: counts, the unreadable table named, pages of rows, never a password hash', async () => {
    damageTable('audit_log');
    const before = fingerprint();
    await start();
    const token = await managerToken();
    const tables = valueOf<RecoveryTable[]>(await call('recovery.tables', {}, token));
    expect(tables.find((t) => t.name === 'patients')).toEqual({ name: 'patients', rows: 56, problem: null });
    expect(tables.find((t) => t.name === 'audit_log')).toMatchObject({ rows: null, problem: expect.stringMatching(/Cannot be read/) });

    const first = valueOf<RecoveryRows>(await call('recovery.rows', { table: 'patients', offset: 0 }, token));
    expect(first.rows).toHaveLength(50);
    expect(first.more).toBe(true);
    expect(first.columns).toContain('last_name');
    const second = valueOf<RecoveryRows>(await call('recovery.rows', { table: 'patients', offset: 50 }, token));
    expect(second.rows).toHaveLength(6);
    expect(second.more).toBe(false);
    const names = [...first.rows, ...second.rows].map((r) => r[first.columns.indexOf('last_name')]);
    expect(new Set(names).size).toBe(56);

    const users = valueOf<RecoveryRows>(await call('recovery.rows', { table: 'users', offset: 0 }, token));
    expect(users.columns).toContain('username');
    expect(users.columns.some((c) => /password/.test(c))).toBe(false);
    expect(JSON.stringify(users.rows)).not.toMatch(/scrypt|\$/);

    const audit = valueOf<RecoveryRows>(await call('recovery.rows', { table: 'audit_log', offset: 0 }, token));
    expect(audit.problem).toMatch(/Reading stopped after 0 rows|cannot be read/);
    expect(errorOf(await call('recovery.rows', { table: 'patients; drop table users', offset: 0 }, token)).code).toBe('not_found');
    expect(errorOf(await call('recovery.rows', { table: 'patients', offset: -1 }, token)).code).toBe('invalid_input');

    expect(logged().filter((e) => e.action === 'recovery.rows').map((e) => e.detail)).toEqual([
      { table: 'patients', offset: 0, rows: 50 },
      { table: 'patients', offset: 50, rows: 6 },
      { table: 'users', offset: 0, rows: 2 },
      { table: 'audit_log', offset: 0, rows: 0 },
    ]);
    // Looking wrote nothing into the database.
    expect(fingerprint()).toBe(before);
  });

  it('restores the newest verified backup, keeps the damaged database, opens normally and carries the recovery log into the audit trail', async () => {
    damageTable('audit_log');
    const damaged = fingerprint();
    const keel = await start();
    let normal = false;
    keel.onNormal(() => {
      normal = true;
    });
    const token = await managerToken();
    const steps: string[] = [];
    keel.events.listen((event) => {
      const p = event.payload as { phase: string; message?: string };
      if (event.name === 'backup.progress' && p.phase === 'restoring' && p.message) steps.push(p.message);
    });
    valueOf(await call('recovery.rows', { table: 'patients', offset: 0 }, token));
    expect(errorOf(await call('recovery.restoreNewest', { name: 'keel-1999-01-01T000000Z.db' }, token)).code).toBe('conflict');
    const restored = await call('recovery.restoreNewest', { name: backupName }, token);
    expect(valueOf<{ safetyCopy: string | null }>(restored).safetyCopy).toMatch(/^keel-(damaged|safety)-/);
    expect(restored.session).toEqual({ end: true });
    expect(keel.mode).toBe('normal');
    expect(normal).toBe(true);
    expect(steps).toEqual(['Checking the backup', 'Keeping the current data as a safety copy', 'Putting the backup in place', 'Opening the restored data']);

    // The damaged file is kept byte for byte beside the backups.
    const kept = listBackups(path.join(dir, BACKUP_DIR)).map((b) => b.file).concat(fs.readdirSync(path.join(dir, BACKUP_DIR)).map((f) => path.join(dir, BACKUP_DIR, f)));
    const keptDamaged = kept.filter((f) => /keel-(damaged|safety)-.*\.db$/.test(f));
    expect(keptDamaged.some((f) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex') === damaged)).toBe(true);

    // Keel now runs on the backup: 55 patients, and people sign in as usual.
    const manager = tokenOf(await call('auth.login', { username: MANAGER.username, password: MANAGER.password }));
    const sqlite = keel.app!.database.sqlite;
    expect(sqlite.prepare('select count(*) from patients').pluck().get()).toBe(55);
    expect(sqlite.pragma('quick_check', { simple: true })).toBe('ok');
    expect(valueOf(await call('clinic.get', {}, manager))).toMatchObject({ name: expect.any(String) });
    const audit = sqlite.prepare("select action, outcome, username, detail from audit_log where action like 'recovery.%' or action = 'backups.restore' order by seq").all() as Array<{ action: string; outcome: string; username: string; detail: string }>;
    // The refused attempt (a stale name) restored nothing and is not a restore; the real one is recorded twice: asked for, and done.
    expect(audit.map((a) => a.action)).toEqual(['backups.restore', 'recovery.signIn', 'recovery.rows', 'recovery.restoreNewest']);
    expect(JSON.parse(audit.find((a) => a.action === 'recovery.rows')!.detail)).toMatchObject({ table: 'patients', during: 'recovery' });
    expect(audit.every((a) => a.username === MANAGER.username)).toBe(true);
    expect(fs.existsSync(path.join(dir, RECOVERY_LOG))).toBe(false);
  });

  it('checks the sign-in against the newest verified backup when the damaged database’s accounts cannot be read', async () => {
    damageCatalogue();
    await start();
    const token = await managerToken();
    const tables = errorOf(await call('recovery.tables', {}, token));
    expect(tables).toMatchObject({ code: 'damaged', message: expect.stringMatching(/list of tables cannot be read|cannot be opened/) });
    expect(logged()[0]).toMatchObject({ action: 'recovery.signIn', outcome: 'ok', detail: { accounts: 'backup' } });
    valueOf(await call('recovery.restoreNewest', { name: backupName }, token));
    expect(runtime!.mode).toBe('normal');
    expect(runtime!.app!.database.sqlite.prepare('select count(*) from patients').pluck().get()).toBe(55);
  });

  it('stays in recovery, with the damaged file untouched, when the backup turns out bad at restore time', async () => {
    damageTable('audit_log');
    const before = fingerprint();
    await start();
    const token = await managerToken();
    // The backup is damaged on disk after it was verified: the restore's own check refuses it.
    const file = path.join(dir, BACKUP_DIR, backupName);
    const bytes = fs.readFileSync(file);
    for (let i = 8192; i < 8192 + 4096; i++) bytes[i] = 0x55;
    fs.writeFileSync(file, bytes);
    const refused = errorOf(await call('recovery.restoreNewest', { name: backupName }, token));
    expect(refused.message).toMatch(/not restored.*Nothing was changed|damaged|fingerprint/i);
    expect(runtime!.mode).toBe('recovery');
    expect(fingerprint()).toBe(before);
    // The folder is still held: a second Keel is refused.
    await expect(startKeel(dir, { scrypt: SCRYPT })).rejects.toThrow(/in use|already/i);
  });

  it('treats a missing database file in a folder of backups as damaged, not as a new clinic, and restores it', async () => {
    fs.rmSync(live());
    const keel = await start();
    expect(keel.mode).toBe('recovery');
    expect(fs.existsSync(live())).toBe(false);
    const status = valueOf<RecoveryStatus>(await call('recovery.status', {}));
    expect(status.problem).toMatch(/keel\.db is missing/);
    const token = await managerToken();
    expect(logged()[0]).toMatchObject({ action: 'recovery.signIn', outcome: 'ok', detail: { accounts: 'backup' } });
    expect(valueOf<{ safetyCopy: string | null }>(await call('recovery.restoreNewest', { name: backupName }, token)).safetyCopy).toBeNull();
    expect(keel.mode).toBe('normal');
    expect(keel.app!.database.sqlite.prepare('select count(*) from patients').pluck().get()).toBe(55);
  });

  it('copies a recovery log left behind (the backup was restored with keel restore instead) into the audit trail at the next normal start', async () => {
    fs.writeFileSync(
      path.join(dir, RECOVERY_LOG),
      `${JSON.stringify({ at: '2026-03-02T14:30:00.000Z', userId: null, username: MANAGER.username, action: 'recovery.rows', kind: 'read-phi', outcome: 'ok', detail: { table: 'patients', offset: 0, rows: 50 } })}\n{"at": "2026-03-02T14:31`,
    );
    const keel = await start();
    expect(keel.mode).toBe('normal');
    const rows = keel.app!.database.sqlite.prepare("select action, username, detail from audit_log where action like 'recovery.%'").all() as Array<{ action: string; username: string; detail: string }>;
    // The torn last line (a crash while writing it) was never acknowledged, so it is not there.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'recovery.rows', username: MANAGER.username });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ table: 'patients', offset: 0, rows: 50, during: 'recovery' });
    expect(fs.existsSync(path.join(dir, RECOVERY_LOG))).toBe(false);
    expect(fs.readdirSync(dir).some((f) => /^recovery-audit-.*\.log$/.test(f))).toBe(true);
  });
});
