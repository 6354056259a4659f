import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SCHEMA_VERSION } from '../../db/migrations/index';
import { takeBackup, verifyFile } from '../../electron/core/backups';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import { openTestKeel, setUpClinic, tempDir } from '../support/harness';
import { startKeel } from '../support/keel-child';
import { filesUnder, plantBackup } from '../support/planted-backup';
import { runKeel, spawnServe, stopServe } from '../support/serve';

// Every test here starts one or more keel processes (Node, tsx, a database): minutes, not seconds, on a loaded machine.
vi.setConfig({ testTimeout: 240_000 });

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const keel = runKeel;

function folder(): string {
  const dir = tempDir('keel-cli-');
  dirs.push(dir);
  return dir;
}

/** Every table's rows, minus what is random by design (password salts) or a log of the run itself. */
function dataOf(dir: string): Record<string, unknown[]> {
  const db = new Database(path.join(dir, 'keel.db'), { readonly: true });
  const tables = db.prepare("select name from sqlite_master where type='table' and name not in ('audit_log', 'keel_migration', 'keel_migration_lock') and name not like 'sqlite_%' order by name").pluck().all() as string[];
  const out: Record<string, unknown[]> = {};
  // Defaults seeded by migrations carry the time the folder was created; the demo's own rows do not.
  const seededByMigration = new Set(['settings', 'credential_requirements']);
  for (const t of tables) {
    out[t] = db
      .prepare(`select * from "${t}" order by rowid`)
      .all()
      .map((row) => ({ ...(row as object), password_hash: undefined, ...(seededByMigration.has(t) ? { created_at: undefined, updated_at: undefined } : {}) }))
      // The audit log's key for hashing unknown usernames is random per folder, like a password salt.
      .map((row) => ((row as { key?: string }).key === 'audit.unknownNameKey' ? { ...row, value: undefined } : row));
  }
  db.close();
  return out;
}

describe('the keel admin command', () => {
  it('creates the same demo clinic from the same seed and day, prints the accounts, and refuses a folder that has a clinic', () => {
    const a = folder();
    const b = folder();
    const first = keel('demo', '--data', a, '--seed', '7', '--today', '2026-03-02');
    expect(first.code).toBe(0);
    expect(first.out).toContain('Applying migration 0001-foundation…');
    expect(first.out).toMatch(/manager\s+manager\s+keel-demo-manager/);
    expect(first.out).toMatch(/receptionist\s+reception\s+keel-demo-reception/);
    expect(keel('demo', '--data', b, '--seed', '7', '--today', '2026-03-02').code).toBe(0);
    expect(dataOf(a)).toEqual(dataOf(b));
    expect(dataOf(a).users).toHaveLength(4);

    const again = keel('demo', '--data', a);
    expect(again.code).toBe(1);
    expect(again.err.trim()).toBe('keel: This folder already holds a clinic; the demo needs an empty folder.');
    expect(again.err.trim().split('\n')).toHaveLength(1);
  });

  it('migrates a folder, printing each step, and refuses a newer one with a one-line reason', () => {
    const dir = folder();
    const run = keel('migrate', '--data', dir);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Applying migration 0001-foundation…');
    expect(keel('migrate', '--data', dir).out).toContain(`Schema is up to date (version ${SCHEMA_VERSION}).`);

    const db = new Database(path.join(dir, 'keel.db'));
    db.pragma('user_version = 999');
    db.close();
    const newer = keel('migrate', '--data', dir);
    expect(newer.code).toBe(1);
    expect(newer.err).toMatch(/^keel: This data folder was written by a newer version of Keel/);
  });

  it('explains bad usage in one line with a non-zero exit', () => {
    expect(keel('frobnicate')).toMatchObject({ code: 1, err: 'keel: unknown command "frobnicate" (try: keel help)\n' });
    expect(keel('demo', '--size', 'huge', '--data', folder())).toMatchObject({ code: 1, err: 'keel: --size must be small or large\n' });
    expect(keel('serve', '--port', '99999', '--data', folder()).err).toBe('keel: --port must be a whole number from 0 to 65535\n');
    expect(keel('migrate', '--bogus').code).toBe(1);
    expect(keel('help')).toMatchObject({ code: 0 });
  });

  it('keel help lists every command the CLI answers, with its arguments, and says where data lives and what the exit codes mean', () => {
    const cli = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'electron', 'host', 'cli.ts'), 'utf8');
    const commands = [...cli.matchAll(/^\s+case '([a-z][a-z-]*)':/gm)].map((m) => m[1]!);
    expect(commands).toEqual(['demo', 'serve', 'migrate', 'backup', 'verify', 'restore', 'export', 'unlock-user', 'help']);
    const help = keel('help');
    expect(help.code).toBe(0);
    expect(help.err).toBe('');
    for (const command of commands) expect(help.out, command).toMatch(new RegExp(`^  keel ${command} `, 'm'));
    expect(help.out).toContain('keel restore FILE --data DIR');
    expect(help.out).toContain('keel demo    --data DIR [--size small|large] [--seed N] [--today YYYY-MM-DD]');
    expect(help.out).toContain("--data defaults to the desktop app's own folder");
    expect(help.out).toContain('Exit code 0 on success; otherwise 1 and a one-line reason.');
    expect(keel('--help').out).toBe(help.out);
  });
});

describe('keel serve --demo', () => {
  it('refuses a busy port before it creates anything, and prints the demo accounts again on a second run', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
    const port = String((busy.address() as net.AddressInfo).port);
    const dir = folder();
    try {
      const refused = keel('serve', '--demo', '--port', port, '--data', dir);
      expect(refused).toMatchObject({ code: 1, err: `keel: port ${port} is already in use; choose another with --port N\n` });
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
    const first = await spawnServe(['--demo', '--port', '0', '--data', dir]);
    await stopServe(first.process);
    expect(first.output()).toContain('creating the small demo clinic first');
    expect(first.output()).toMatch(/manager\s+manager\s+keel-demo-manager/);
    const second = await spawnServe(['--demo', '--port', '0', '--data', dir]);
    await stopServe(second.process);
    expect(second.output()).not.toContain('creating the small demo clinic');
    expect(second.output()).toMatch(/Sign in with one of these demo accounts:[\s\S]*receptionist\s+reception\s+keel-demo-reception/);
  }, 240_000); // three keel commands, two of them serving: slow on a loaded machine
});

describe('keel backup, verify, restore and export', () => {
  it('backs up with progress, verifies (non-zero exit and a reason for a bad file), restores with a safety copy, and exports every table to CSV', () => {
    const dir = folder();
    expect(keel('demo', '--data', dir, '--today', '2026-03-02').code).toBe(0);
    const backedUp = keel('backup', '--data', dir);
    expect(backedUp.code, backedUp.err).toBe(0);
    expect(backedUp.out).toMatch(/Copying the database/);
    const file = /Verified backup: (.+\.db)/.exec(backedUp.out)?.[1];
    expect(file && fs.existsSync(file)).toBeTruthy();
    const checked = keel('verify', file!);
    expect(checked.code).toBe(0);
    expect(checked.out).toMatch(/Good backup: schema \d+/);
    expect(checked.out).toMatch(/patients\s+\d{3}\n/);
    const bad = path.join(folder(), 'half.db');
    fs.writeFileSync(bad, fs.readFileSync(file!).subarray(0, 20_000));
    const refused = keel('verify', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^keel: not a good backup: The file is truncated/);
    // A change after the backup, undone by the restore.
    const db = new Database(path.join(dir, 'keel.db'));
    db.prepare("update patients set first_name = 'Changed'").run();
    db.close();
    const restored = keel('restore', file!, '--data', dir);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toMatch(/kept as .*keel-safety-/);
    const after = new Database(path.join(dir, 'keel.db'), { readonly: true });
    expect(after.prepare("select count(*) from patients where first_name = 'Changed'").pluck().get()).toBe(0);
    expect(after.prepare("select count(*) from audit_log where action = 'backups.restore'").pluck().get()).toBe(1);
    after.close();
    expect(keel('restore', bad, '--data', dir).code).toBe(1);
    const out = folder();
    const exported = keel('export', '--data', dir, '--to', out);
    expect(exported.code, exported.err).toBe(0);
    const parsed = Papa.parse<string[]>(fs.readFileSync(path.join(out, 'patients.csv'), 'utf8').trim());
    const live = new Database(path.join(dir, 'keel.db'), { readonly: true });
    const count = live.prepare('select count(*) from patients').pluck().get() as number;
    const tables = live.prepare("select count(*) from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'keel_migration%'").pluck().get() as number;
    live.close();
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(count + 1);
    expect(parsed.data[0]?.[0]).toBe('id');
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.csv'))).toHaveLength(tables);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, 240_000); // about ten keel commands, each starting Node: slow on a loaded machine

  it('serves the recovery screen for a damaged database, never an empty one, naming the newest verified backup', async () => {
    const dir = folder();
    expect(keel('demo', '--data', dir, '--today', '2026-03-02').code).toBe(0);
    expect(keel('backup', '--data', dir).code).toBe(0);
    const live = path.join(dir, 'keel.db');
    const bytes = fs.readFileSync(live);
    const pageSize = bytes.readUInt16BE(16);
    // Damage the first page of the schema table's tree (page 1 after the header).
    for (let i = 100; i < pageSize; i += 3) bytes[i] = 0xff;
    fs.writeFileSync(live, bytes);
    const served = await spawnServe(['--data', dir, '--port', '0']);
    try {
      expect(served.output()).toMatch(/damaged/);
      expect(served.output()).toMatch(/newest verified backup is .*keel-.*\.db/);
      expect(served.output()).toMatch(/recovery screen/);
      const api = (channel: string) => fetch(`${served.url}api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Keel-Request': '1' }, body: '{}' }).then((r) => r.json() as Promise<{ ok: boolean; value?: { newestBackup: { name: string } | null }; error?: { code: string } }>);
      expect((await api('recovery.status')).value?.newestBackup?.name).toMatch(/^keel-.*\.db$/);
      expect((await api('setup.status')).error?.code).toBe('damaged');
    } finally {
      await stopServe(served.process);
    }
    // Nothing was put in the damaged database's place.
    expect(fs.readFileSync(live).equals(bytes)).toBe(true);
  });
});

describe('keel backup while Keel runs (review 12, point 10)', () => {
  it('backs up a folder a running Keel holds while it writes: verified, and the running Keel keeps its lock and goes on working', async () => {
    const dataDir = folder();
    const app = await openTestKeel({ dir: dataDir });
    try {
      const manager = await setUpClinic(app);
      const addPatient = async (i: number) => {
        const outcome = await app.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName: `Pat${i}`, lastName: `Running${i}`, phones: { mobile: '', home: '', work: '' } }, confirmDuplicate: true }, manager);
        if (!outcome.result.ok) throw new Error(outcome.result.error.message);
      };
      for (let i = 0; i < 20; i++) await addPatient(i);
      const lock = fs.readFileSync(path.join(dataDir, 'keel.lock'), 'utf8');
      const version = app.app.database.sqlite.pragma('user_version', { simple: true });
      const run = startKeel('backup', '--data', dataDir);
      // The front desk goes on writing for as long as the backup runs.
      let written = 20;
      while (run.running()) {
        await addPatient(written++);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const done = await run.finished;
      expect(done.code, done.err).toBe(0);
      const file = /Verified backup: (.+\.db)/.exec(done.out)?.[1];
      expect(file && fs.existsSync(file)).toBeTruthy();
      const check = await verifyFile(file!);
      expect(check.ok).toBe(true);
      const manifest = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as { reason: string; counts: Record<string, number>; sha256: string };
      expect(manifest).toMatchObject({ reason: 'cli', sha256: check.ok ? check.sha256 : '' });
      // One committed moment: after the first 20 patients, before the writes that went on after the copy.
      expect(manifest.counts.patients).toBeGreaterThanOrEqual(20);
      expect(manifest.counts.patients).toBeLessThan(written);
      // The running Keel still holds its folder, on the same schema, and goes on working.
      expect(fs.readFileSync(path.join(dataDir, 'keel.lock'), 'utf8')).toBe(lock);
      expect(app.app.database.sqlite.pragma('user_version', { simple: true })).toBe(version);
      await addPatient(written++);
      expect(app.app.database.sqlite.prepare('select count(*) from patients').pluck().get()).toBe(written);
    } finally {
      await app.close();
    }
  });

  it('refuses a database from a newer Keel without copying it or changing it', () => {
    const dir = folder();
    expect(keel('migrate', '--data', dir).code).toBe(0);
    const db = new Database(path.join(dir, 'keel.db'));
    db.pragma('user_version = 999');
    db.close();
    const before = filesUnder(dir);
    const refused = keel('backup', '--data', dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^keel: This data folder was written by a newer version of Keel \(schema 999; this Keel knows up to \d+\)/);
    expect(refused.err.trim().split('\n')).toHaveLength(1);
    expect(filesUnder(dir)).toEqual(before);
  });
});

describe('keel restore and keel verify of a planted backup (review 12, point 1)', () => {
  it('refuse it in one plain line, write nothing outside the data folder and leave the live database as it was', async () => {
    const root = folder();
    const dataDir = path.join(root, 'clinic', 'data');
    const app = await openTestKeel({ dir: dataDir });
    await setUpClinic(app);
    const good = (await takeBackup(app.app.database, { to: path.join(root, 'made'), reason: 'manual', now: app.clock.now() })).file;
    await app.close();
    const planted = plantBackup(good, path.join(root, 'usb'), (m) => ({ ...m, attachments: ['../autostart/evil.desktop'] }), { '../autostart/evil.desktop': '[Desktop Entry]\nExec=evil\n' });
    const before = filesUnder(dataDir);
    const reason = `This backup's description file (${path.basename(planted)}.json) has been changed or is damaged, so Keel will not restore it: it lists an attachment named "../autostart/evil.desktop", which Keel never writes.`;
    const restored = keel('restore', planted, '--data', dataDir);
    expect(restored.code).toBe(1);
    expect(restored.err).toBe(`keel: ${reason} Nothing was changed.\n`);
    expect(fs.existsSync(path.join(root, 'clinic', 'autostart'))).toBe(false);
    expect(filesUnder(dataDir)).toEqual(before);
    const verified = keel('verify', planted);
    expect(verified).toMatchObject({ code: 1, err: `keel: not a good backup: ${reason}\n` });
    // The backup Keel wrote still checks out, description and all.
    expect(keel('verify', good).out).toMatch(/Its description file matches it/);
  });
});

describe('looking at a damaged database', () => {
  it('exports what can still be read, read-only, and names the table that cannot be', () => {
    const dir = folder();
    expect(keel('demo', '--data', dir, '--today', '2026-03-02').code).toBe(0);
    const live = path.join(dir, 'keel.db');
    const db = new Database(live);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const root = db.prepare("select rootpage from sqlite_master where name = 'rooms'").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const bytes = fs.readFileSync(live);
    // Scribble over the rooms table's root page, past its header byte, so only that table is unreadable.
    for (let i = (root - 1) * pageSize + 1; i < root * pageSize; i++) bytes[i] = 0xee;
    fs.writeFileSync(live, bytes);
    const before = fs.readFileSync(live);
    const out = folder();
    const looked = keel('export', '--data', dir, '--to', out);
    expect(looked.code).toBe(1);
    expect(looked.err).toMatch(/1 table could not be read: rooms \(/);
    expect(fs.existsSync(path.join(out, 'patients.csv'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'rooms.csv'))).toBe(false);
    // Looking changed nothing.
    expect(fs.readFileSync(live).equals(before)).toBe(true);
  });
});
