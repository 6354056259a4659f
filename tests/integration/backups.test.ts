import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackups, lockBackupFolder, pruneBackups, takeBackup, verifyFile } from '../../electron/core/backups';
import { restoreDataFolder } from '../../electron/core/data-tools';
import { openDataFolder } from '../../db/open';
import { MIGRATIONS } from '../../db/migrations/index';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import { backupsToPrune, backupFileName } from '../../shared/domain/backup';
import type { BackupEntry, BackupStatus } from '../../shared/contract/backups';
import { addUser, errorOf, MANAGER, openTestKeel, signIn, setUpClinic, snapshot, tempDir, valueOf, type TestKeel } from '../support/harness';
import { fakeBackup } from '../support/planted-backup';

let keel: TestKeel;
let manager: string;

beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
});
afterEach(async () => {
  await keel.close();
});

async function addPatients(n: number): Promise<void> {
  for (let i = 0; i < n; i++) valueOf(await keel.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName: `Pat${i}`, lastName: `Backup${i}`, phones: { mobile: '', home: '', work: '' } }, confirmDuplicate: true }, manager));
}

/** Waits for the running backup or restore to finish (it reports through events). */
function finished(): Promise<{ phase: string; message?: string }> {
  return new Promise((resolve) => {
    const off = keel.app.events.listen((event) => {
      if (event.name !== 'backup.progress') return;
      const p = event.payload as { phase: string; message?: string };
      if (p.phase === 'done' || p.phase === 'failed') {
        off();
        resolve(p);
      }
    });
  });
}

describe('backups', () => {
  it('writes a verified backup with a manifest beside it, never a half-written file under the final name', async () => {
    await addPatients(3);
    const phases: string[] = [];
    const result = await takeBackup(keel.app.database, { to: path.join(keel.dir, 'backups'), reason: 'manual', now: keel.clock.now(), onProgress: (p) => phases.push(p.phase) });
    expect(path.basename(result.file)).toBe(backupFileName(keel.clock.now()));
    expect(phases).toEqual(expect.arrayContaining(['copying', 'verifying', 'attachments']));
    expect(result.manifest).toMatchObject({ schemaVersion: MIGRATIONS.length, reason: 'manual', counts: expect.objectContaining({ patients: 3, users: 1 }) });
    expect(fs.readdirSync(path.join(keel.dir, 'backups')).filter((f) => f.includes('partial'))).toEqual([]);
    const check = await verifyFile(result.file);
    expect(check.ok && check.sha256).toBe(result.manifest.sha256);
    // The copy is a plain database (no WAL) that opens read-only anywhere.
    const copy = new Database(result.file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    // Written with large pages, it keeps the live database's own page size, page count and length.
    const live = keel.app.database.sqlite;
    expect(copy.pragma('page_size', { simple: true })).toBe(live.pragma('page_size', { simple: true }));
    expect(copy.pragma('page_count', { simple: true })).toBe(live.pragma('page_count', { simple: true }));
    expect(fs.statSync(result.file).size).toBe((copy.pragma('page_size', { simple: true }) as number) * (copy.pragma('page_count', { simple: true }) as number));
    copy.close();
  });

  it('clears what a backup cut off by a crash left behind, but not a copy another Keel is writing now', async () => {
    const folder = path.join(keel.dir, 'backups');
    fs.mkdirSync(folder, { recursive: true });
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
    const leftovers = ['.keel-2026-03-01T170000Z.db.partial', '.keel-2026-03-01T170000Z.db.partial-journal', '.keel-2026-03-01T170000Z.db.partial-wal', 'keel-2026-02-28T170000Z.db.json.partial'];
    for (const name of leftovers) {
      fs.writeFileSync(path.join(folder, name), Buffer.alloc(4096, 1));
      fs.utimesSync(path.join(folder, name), hoursAgo(2), hoursAgo(2));
    }
    const writingNow = '.keel-2026-03-02T135959Z.db.partial';
    fs.writeFileSync(path.join(folder, writingNow), Buffer.alloc(4096, 1));
    const unrelated = 'notes.txt';
    fs.writeFileSync(path.join(folder, unrelated), 'kept');
    fs.utimesSync(path.join(folder, unrelated), hoursAgo(5), hoursAgo(5));

    const result = await takeBackup(keel.app.database, { to: folder, reason: 'manual', now: keel.clock.now() });
    const left = fs.readdirSync(folder);
    for (const name of leftovers) expect(left).not.toContain(name);
    expect(left).toEqual(expect.arrayContaining([writingNow, unrelated, path.basename(result.file)]));
  });

  it('refuses damaged files with the reason and changes nothing: truncated, flipped bytes, newer Keel, not Keel, empty', async () => {
    await addPatients(40);
    const good = (await takeBackup(keel.app.database, { to: tempDir(), reason: 'manual', now: keel.clock.now() })).file;
    const dir = tempDir();
    const bytes = fs.readFileSync(good);
    const truncated = path.join(dir, 'truncated.db');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const flipped = path.join(dir, 'flipped.db');
    const damaged = Buffer.from(bytes);
    // Scribble over a page in the middle (not the header): SQLite's integrity check must notice.
    const pageSize = damaged.readUInt16BE(16);
    for (let i = 0; i < pageSize; i += 7) damaged[pageSize * 3 + i] = damaged[pageSize * 3 + i]! ^ 0xa5;
    fs.writeFileSync(flipped, damaged);
    const newer = path.join(dir, 'newer.db');
    fs.copyFileSync(good, newer);
    const db = new Database(newer);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    const foreign = path.join(dir, 'foreign.db');
    const other = new Database(foreign);
    other.exec('create table notes (id integer primary key, body text); insert into notes (body) values (1)');
    other.close();
    const empty = path.join(dir, 'empty.db');
    fs.writeFileSync(empty, '');
    const reasons: Record<string, string> = {};
    for (const file of [truncated, flipped, newer, foreign, empty]) {
      const result = await verifyFile(file);
      expect(result.ok, file).toBe(false);
      if (!result.ok) reasons[path.basename(file)] = result.reason;
    }
    expect(reasons['truncated.db']).toMatch(/truncated/);
    expect(reasons['flipped.db']).toMatch(/damaged|cannot be read/);
    expect(reasons['newer.db']).toMatch(/newer Keel/);
    expect(reasons['foreign.db']).toBe('This is an SQLite database, but not a Keel one.');
    expect(reasons['empty.db']).toBe('The file is empty.');
    // Restore refuses each the same way and leaves the data folder as it was.
    const before = snapshot(keel);
    const dataDir = keel.dir;
    await keel.app.database.close();
    for (const file of [truncated, flipped, newer, foreign, empty]) {
      await expect(restoreDataFolder(dataDir, file, { now: new Date(), actor: 'test' })).rejects.toThrow(/cannot be restored.*Nothing was changed/);
    }
    keel = await openTestKeel({ dir: dataDir });
    expect(snapshot(keel)).toEqual(before);
  });

  it('restores a backup table by table, keeps a safety copy first, and records the restore in the restored data', async () => {
    await addPatients(5);
    const taken = await takeBackup(keel.app.database, { to: path.join(keel.dir, 'backups'), reason: 'manual', now: keel.clock.now() });
    const atBackup = snapshot(keel, { skipAudit: true });
    await addPatients(2);
    const dataDir = keel.dir;
    await keel.app.database.close();
    keel.clock.advanceMinutes(10);
    const outcome = await restoreDataFolder(dataDir, taken.file, { now: keel.clock.now(), actor: 'test' });
    expect(outcome.safetyCopy).not.toBeNull();
    // The safety copy holds the 7 patients that were there before the restore.
    const safety = await verifyFile(outcome.safetyCopy!);
    expect(safety.ok && safety.counts.patients).toBe(7);
    keel = await openTestKeel({ dir: dataDir });
    expect(snapshot(keel, { skipAudit: true })).toEqual(atBackup);
    const audit = keel.app.database.sqlite.prepare("select action, detail from audit_log where action = 'backups.restore'").all() as Array<{ detail: string }>;
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ from: path.basename(taken.file) });
  });

  it('backs up now through the API: progress events, a verified entry in the list, and the status turns good', async () => {
    const before = valueOf<BackupStatus>(await keel.call('backups.status', {}, manager));
    expect(before).toMatchObject({ stale: true, lastVerified: null, running: null });
    const phases: string[] = [];
    keel.app.events.listen((event) => {
      if (event.name === 'backup.progress') phases.push((event.payload as { phase: string }).phase);
    });
    const done = finished();
    expect(valueOf(await keel.call('backups.run', {}, manager))).toMatchObject({ started: true });
    expect((await done).phase).toBe('done');
    expect(phases[0]).toBe('copying');
    const list = valueOf<BackupEntry[]>(await keel.call('backups.list', {}, manager));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ destination: 'primary', verified: true, schemaVersion: MIGRATIONS.length, reason: 'manual', records: expect.objectContaining({ users: 1 }) });
    const after = valueOf<BackupStatus>(await keel.call('backups.status', {}, manager));
    expect(after).toMatchObject({ stale: false, lastVerified: { name: list[0]!.name }, lastAttempt: { ok: true } });
    // Only the manager.
    const reception = await addUser(keel, manager, { username: 'desk', role: 'receptionist' });
    expect(errorOf(await keel.call('backups.run', {}, reception.token)).code).toBe('forbidden');
  });

  it('refuses a second folder that is not there (an unplugged USB drive), a file or one inside the data folder, and never creates it', async () => {
    const settingsWith = (secondFolder: string) => ({ dailyTime: '17:00', secondFolder, retention: { daily: 7, weekly: 4, monthly: 12 } });
    const unplugged = path.join(tempDir(), 'media', 'usb', 'keel');
    const refused = errorOf(await keel.call('backups.updateSettings', settingsWith(unplugged), manager));
    expect(refused.code).toBe('invalid_input');
    expect(refused.issues).toEqual([{ path: 'secondFolder', message: expect.stringMatching(/^There is no folder .*keel\. If it is on a USB drive, connect the drive/) }]);
    expect(fs.existsSync(unplugged)).toBe(false);
    expect(fs.existsSync(path.dirname(unplugged))).toBe(false);
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, 'a file where the folder should be');
    expect(errorOf(await keel.call('backups.updateSettings', settingsWith(file), manager)).issues?.[0]?.message).toMatch(/is a file, not a folder/);
    expect(errorOf(await keel.call('backups.updateSettings', settingsWith(path.join(keel.dir, 'backups')), manager)).issues?.[0]?.message).toMatch(/inside Keel's own data folder/);
    // Nothing was saved.
    expect(valueOf<BackupStatus>(await keel.call('backups.status', {}, manager)).secondFolder).toBeNull();
    expect(errorOf(await keel.call('backups.updateSettings', { dailyTime: '25:00', secondFolder: 'relative/path', retention: { daily: 0, weekly: 4, monthly: 12 } }, manager)).issues?.map((i) => i.path).sort()).toEqual(['dailyTime', 'retention.daily', 'secondFolder']);
  });

  it('a second folder whose drive is unplugged later: the copy fails as "drive not connected", the folder is never recreated, and the data folder keeps its verified backup', async () => {
    const usb = path.join(tempDir(), 'usb');
    fs.mkdirSync(usb);
    const settings = { dailyTime: '17:00', secondFolder: usb, retention: { daily: 7, weekly: 4, monthly: 12 } };
    valueOf(await keel.call('backups.updateSettings', settings, manager));
    let done = finished();
    valueOf(await keel.call('backups.run', {}, manager));
    expect(await done).toMatchObject({ phase: 'done', message: expect.stringContaining('in both folders') });
    expect(listBackups(usb)).toHaveLength(1);

    // The drive is unplugged: its path is gone.
    fs.rmSync(usb, { recursive: true });
    let status = valueOf<BackupStatus>(await keel.call('backups.status', {}, manager));
    expect(status.secondFolder).toEqual({ path: usb, reachable: false });
    expect(fs.existsSync(usb)).toBe(false);
    // Saving other settings with the same folder is not refused (the drive may come back).
    valueOf(await keel.call('backups.updateSettings', { ...settings, dailyTime: '18:00' }, manager));
    keel.clock.advanceMinutes(5);
    done = finished();
    valueOf(await keel.call('backups.run', {}, manager));
    const outcome = await done;
    expect(outcome.phase).toBe('failed');
    expect(outcome.message).toMatch(/No copy went to the second backup folder: .*usb is not there \(is the USB drive connected\?\)\. The backup on this computer is good/);
    expect(fs.existsSync(usb)).toBe(false);
    status = valueOf<BackupStatus>(await keel.call('backups.status', {}, manager));
    expect(status).toMatchObject({ stale: true, lastAttempt: { ok: false, secondCopy: 'not-connected' }, secondFolder: { reachable: false } });
    expect(listBackups(path.join(keel.dir, 'backups'))).toHaveLength(2);
    expect(valueOf<BackupEntry[]>(await keel.call('backups.list', {}, manager)).every((b) => b.destination === 'primary')).toBe(true);

    // Plugged back in: the next backup goes to both again.
    fs.mkdirSync(usb);
    keel.clock.advanceMinutes(5);
    done = finished();
    valueOf(await keel.call('backups.run', {}, manager));
    expect((await done).phase).toBe('done');
    status = valueOf<BackupStatus>(await keel.call('backups.status', {}, manager));
    expect(status).toMatchObject({ stale: false, lastAttempt: { ok: true }, secondFolder: { reachable: true } });
    expect(status.lastAttempt).not.toHaveProperty('secondCopy');
  });

  it('restores through the API: everyone signs out and the app reopens on the backup', async () => {
    await addPatients(2);
    let done = finished();
    valueOf(await keel.call('backups.run', {}, manager));
    await done;
    const [entry] = valueOf<BackupEntry[]>(await keel.call('backups.list', {}, manager));
    await addPatients(3);
    done = finished();
    const steps: Array<[number, string | undefined]> = [];
    keel.app.events.listen((event) => {
      const p = event.payload as { phase: string; fraction: number; message?: string };
      if (event.name === 'backup.progress' && p.phase === 'restoring') steps.push([p.fraction, p.message]);
    });
    valueOf(await keel.call('backups.restore', { name: entry!.name, destination: 'primary' }, manager));
    expect((await done).phase).toBe('done');
    // The restore says which step it is on, and the bar only moves forward.
    expect(steps.map(([, m]) => m)).toEqual([undefined, 'Checking the backup', 'Keeping the current data as a safety copy', 'Putting the backup in place', 'Opening the restored data']);
    expect(steps.map(([f]) => f)).toEqual([...steps.map(([f]) => f)].sort((a, b) => a - b));
    expect(errorOf(await keel.call('backups.list', {}, manager)).code).toBe('unauthenticated');
    expect(keel.app.database.sqlite.prepare('select count(*) from patients').pluck().get()).toBe(2);
    // The backup history is not rolled back with the records.
    const again = await signIn(keel, MANAGER.username, MANAGER.password);
    const status = valueOf<BackupStatus>(await keel.call('backups.status', {}, again));
    expect(status.lastAttempt).toMatchObject({ ok: true });
    expect(valueOf<BackupEntry[]>(await keel.call('backups.list', {}, again)).map((b) => b.reason).sort()).toEqual(['manual', 'safety']);
  });

  it('refuses a restore of a file damaged since its check: nothing changes, nobody is signed out, and it stops counting as verified', async () => {
    await addPatients(2);
    const done = finished();
    valueOf(await keel.call('backups.run', {}, manager));
    await done;
    const [entry] = valueOf<BackupEntry[]>(await keel.call('backups.list', {}, manager));
    const file = path.join(entry!.folder, entry!.name);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    const failed = finished();
    expect(valueOf<BackupStatus>(await keel.call('backups.status', {}, manager)).lastRefusedRestore).toBeNull();
    const asked = valueOf<{ started: boolean; at: string }>(await keel.call('backups.restore', { name: entry!.name, destination: 'primary' }, manager));
    const outcome = await failed;
    expect(outcome.phase).toBe('failed');
    expect(outcome.message).toMatch(/cannot be restored.*Nothing was changed/);
    // The reason stays in the status, for a screen that missed the event; it is this restore's (at or after it was asked for).
    const refused = valueOf<BackupStatus>(await keel.call('backups.status', {}, manager)).lastRefusedRestore;
    expect(refused).toEqual({ at: expect.any(String) as string, name: entry!.name, message: outcome.message });
    expect(refused!.at >= asked.at).toBe(true);
    const list = valueOf<BackupEntry[]>(await keel.call('backups.list', {}, manager));
    expect(list.find((b) => b.name === entry!.name)?.verified).toBe(false);
    expect(keel.app.database.sqlite.prepare('select count(*) from patients').pluck().get()).toBe(2);
  });
});

describe('retention', () => {
  it('keeps 7 daily, 4 weekly, 12 monthly and every yearly backup over two simulated years, and never the newest verified one', async () => {
    const folder = tempDir();
    const start = Date.parse('2025-01-01T18:00:00Z');
    let kept: string[] = [];
    for (let day = 0; day < 730; day++) {
      const name = backupFileName(new Date(start + day * 86_400_000));
      fakeBackup(folder, new Date(start + day * 86_400_000));
      await pruneBackups(folder);
      kept = listBackups(folder).map((b) => b.name);
      expect(kept[0]).toBe(name);
    }
    // Last day 2026-12-31: 7 days, 4 ISO weeks, 12 months and the years 2025, 2026 (overlapping).
    const days = new Set(kept.map((n) => n.slice(5, 15)));
    for (let i = 0; i < 7; i++) expect(days.has(new Date(start + (729 - i) * 86_400_000).toISOString().slice(0, 10))).toBe(true);
    expect(kept.some((n) => n.startsWith('keel-2025-12-31'))).toBe(true);
    expect(kept.some((n) => n.startsWith('keel-2026-01-31'))).toBe(true);
    expect(kept.length).toBeGreaterThanOrEqual(7 + 12);
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12 + 2);
  });

  it('keeps at most 3 backups of one day: 18 on-demand and on-close backups of a day go down to its newest 3, then to its newest one; safety copies stay', async () => {
    const folder = tempDir();
    const day = Date.parse('2026-03-02T08:00:00Z');
    const names = Array.from({ length: 18 }, (_, i) => fakeBackup(folder, new Date(day + i * 30 * 60_000), i % 2 ? 'manual' : 'quit'));
    const safety = fakeBackup(folder, new Date(day + 5 * 60_000), 'safety');
    fs.writeFileSync(path.join(folder, 'keel-damaged-2026-03-02T081000Z.db'), 'x');
    await pruneBackups(folder);
    const kept = () => listBackups(folder).map((b) => b.name).sort();
    const damaged = 'keel-damaged-2026-03-02T081000Z.db';
    expect(kept()).toEqual([...names.slice(-3), damaged, safety].sort());
    // The next day's backup: the day before is still within 24 hours, so its 3 stay.
    const next = fakeBackup(folder, new Date('2026-03-03T09:00:00Z'), 'daily');
    await pruneBackups(folder);
    expect(kept()).toEqual([next, ...names.slice(-3), damaged, safety].sort());
    // A day later it is one day among the 7 daily ones: its newest backup.
    const after = fakeBackup(folder, new Date('2026-03-04T09:00:00Z'), 'daily');
    await pruneBackups(folder);
    expect(kept()).toEqual([after, next, names[17]!, damaged, safety].sort());
  });

  it('keeps every backup of the last 24 hours, so a second Back up now does not replace the first', () => {
    const doomed = backupsToPrune([
      { file: 'morning', takenAt: '2026-03-02T09:00:00Z', verified: true },
      { file: 'noon', takenAt: '2026-03-02T12:00:00Z', verified: true },
      { file: 'evening', takenAt: '2026-03-02T18:00:00Z', verified: true },
      { file: 'day-before-morning', takenAt: '2026-03-01T09:00:00Z', verified: true },
      { file: 'day-before-evening', takenAt: '2026-03-01T18:00:00Z', verified: true },
    ]);
    expect(doomed).toEqual(['day-before-morning']);
  });

  it('never prunes the newest verified backup even when nothing else would keep it, and leaves an unverified newer file', () => {
    const doomed = backupsToPrune(
      [
        { file: 'a', takenAt: '2026-01-01T00:00:00Z', verified: true },
        { file: 'b', takenAt: '2026-01-02T00:00:00Z', verified: false },
        { file: 'c', takenAt: '2025-12-01T00:00:00Z', verified: false },
      ],
      { daily: 0, weekly: 0, monthly: 0 },
    );
    expect(doomed).toEqual(['c']);
  });
});

describe('two Keels backing up into one folder (review 12, point 10)', () => {
  it('puts a backup in place and prunes only under the backup folder lock, so a prune never removes a backup still being checked', async () => {
    const folder = path.join(keel.dir, 'backups');
    const older = await takeBackup(keel.app.database, { to: folder, reason: 'manual', now: new Date(Date.parse('2026-03-01T12:00:00Z')) });
    const release = await lockBackupFolder(folder);
    // The running app's backup is copied and checked, then waits to be put in place under its final name.
    let published = false;
    const taking = takeBackup(keel.app.database, { to: folder, reason: 'manual', now: keel.clock.now() }).then((result) => {
      published = true;
      return result;
    });
    let pruned = false;
    const pruning = pruneBackups(folder, { daily: 1, weekly: 0, monthly: 0 }).then((names) => {
      pruned = true;
      return names;
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect([published, pruned]).toEqual([false, false]);
    // Nothing under a backup's name without its manifest: a prune could not mistake it for an unverified leftover.
    expect(listBackups(folder).map((b) => [b.name, b.manifest !== null])).toEqual([[path.basename(older.file), true]]);
    release();
    const taken = await taking;
    await pruning;
    expect(listBackups(folder).map((b) => b.name)).toContain(path.basename(taken.file));
    expect(fs.readdirSync(folder).filter((f) => f.includes('lock') || f.includes('partial'))).toEqual([]);
  });
});

describe('a prune beside a backup still being checked (review 12, point 10)', () => {
  it('never removes it, even when a newer verified backup is already there', async () => {
    const folder = path.join(keel.dir, 'backups');
    fs.mkdirSync(folder, { recursive: true });
    // The running app's backup, newer, verified while keel backup (started earlier) is still checking its copy.
    fakeBackup(folder, new Date('2026-03-02T10:00:05Z'), 'manual');
    const name = 'keel-2026-03-02T100000Z.db';
    const taking = takeBackup(keel.app.database, { to: folder, reason: 'cli', now: new Date('2026-03-02T10:00:00Z') });
    // Prune the moment the slower backup shows up under its name (before the fix: unverified, older than the newest verified, so removed).
    while (!fs.readdirSync(folder).includes(name)) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(await pruneBackups(folder)).toEqual([]);
    const taken = await taking;
    expect(fs.existsSync(taken.file)).toBe(true);
    expect(listBackups(folder).find((b) => b.name === name)?.manifest).not.toBeNull();
  });
});

describe('a backup while another process writes', () => {
  it('is consistent and verified, with counts between the before and after', async () => {
    const dataDir = keel.dir;
    await keel.app.close();
    const writerScript = path.join(tempDir(), 'writer.mjs');
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    fs.writeFileSync(
      writerScript,
      `import Database from ${JSON.stringify(driver)};
const db = new Database(process.argv[2]);
db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL'); db.pragma('busy_timeout = 5000');
db.exec('create table if not exists soak (id integer primary key, batch integer, body text)');
const insert = db.prepare('insert into soak (batch, body) values (?, ?)');
const batch = db.transaction((n) => { for (let i = 0; i < 50; i++) insert.run(n, 'x'.repeat(200)); });
let n = 0;
process.stdout.write('ready\\n');
for (;;) { batch(n++); if (n % 20 === 0) await new Promise((r) => setTimeout(r, 1)); }
`,
    );
    // The writer holds no Keel lock: it stands for a second connection writing while the backup runs.
    const sqlite = new Database(path.join(dataDir, 'keel.db'));
    sqlite.exec('create table if not exists soak (id integer primary key, batch integer, body text)');
    sqlite.close();
    const writer = spawn(process.execPath, [writerScript, path.join(dataDir, 'keel.db')], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const database = await openDataFolder(dataDir, { migrate: false });
    try {
      const countNow = () => database.sqlite.prepare('select count(*) from soak').pluck().get() as number;
      const before = countNow();
      const result = await takeBackup(database, { to: tempDir(), reason: 'manual', now: new Date() });
      const after = countNow();
      writer.kill('SIGKILL');
      const rows = result.manifest.counts.soak!;
      expect(rows).toBeGreaterThanOrEqual(before);
      expect(rows).toBeLessThanOrEqual(after);
      // Whole transactions only: every batch in the copy has its 50 rows.
      const copy = new Database(result.file, { readonly: true });
      const partial = copy.prepare('select batch, count(*) as n from soak group by batch having n <> 50').all();
      copy.close();
      expect(partial).toEqual([]);
      expect(before).toBeGreaterThan(0);
    } finally {
      writer.kill('SIGKILL');
      await database.close();
    }
    keel = await openTestKeel({ dir: dataDir });
  });
});

describe('a database larger than 1 GB', () => {
  it('is copied whole across the page SQLite keeps free at the 1 GB mark', async () => {
    // SQLite never uses the page holding byte 2^30 (its lock bytes); the copy, written with larger
    // pages than the source's, takes a separate path around it. Rows written last lie beyond it.
    const dir = tempDir();
    try {
      const file = path.join(dir, 'keel.db');
      const source = new Database(file);
      source.pragma('journal_mode = OFF');
      source.pragma('synchronous = OFF');
      source.exec('create table keel_migration (id integer primary key); create table filler (id integer primary key, body blob); create table tail (id integer primary key, body text)');
      source.pragma('user_version = 1');
      const block = Buffer.alloc(1 << 20);
      const fill = source.prepare('insert into filler (body) values (?)');
      source.transaction(() => {
        for (let i = 0; i < 1040; i++) fill.run(block.fill(i % 251));
      })();
      const add = source.prepare('insert into tail (body) values (?)');
      source.transaction(() => {
        for (let i = 0; i < 3000; i++) add.run(`row ${i} ${'x'.repeat(i % 400)}`);
      })();
      source.pragma('journal_mode = WAL');
      const pageSize = source.pragma('page_size', { simple: true }) as number;
      const pages = source.pragma('page_count', { simple: true }) as number;
      expect(pages * pageSize).toBeGreaterThan(2 ** 30 + 8 * 65536);
      const digest = (db: Database.Database) => db.prepare("select (select group_concat(id || ':' || body, ',') from tail) as tail, (select group_concat(hex(substr(body, 1, 2)) || length(body), '') from filler) as filler").get();
      const expected = digest(source);

      const result = await takeBackup({ dir, file }, { to: path.join(dir, 'backups'), reason: 'manual', now: new Date() });
      const copy = new Database(result.file, { readonly: true });
      try {
        expect(result.manifest.counts).toMatchObject({ filler: 1040, tail: 3000 });
        expect(copy.pragma('page_size', { simple: true })).toBe(pageSize);
        expect(fs.statSync(result.file).size).toBe(pages * pageSize);
        expect(digest(copy)).toEqual(expected);
      } finally {
        copy.close();
        source.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
