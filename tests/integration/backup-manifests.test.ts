import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackups, newestVerifiedBackup, takeBackup } from '../../electron/core/backups';
import { restoreDataFolder } from '../../electron/core/data-tools';
import type { BackupEntry } from '../../shared/contract/backups';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import { errorOf, openTestKeel, setUpClinic, tempDir, valueOf, type TestKeel } from '../support/harness';
import { filesUnder, plantBackup, sha256Of } from '../support/planted-backup';

/**
 * Review 12, point 1: a backup's description file (manifest) and the scans
 * beside it are untrusted input, e.g. on a USB backup folder someone else had.
 */

let keel: TestKeel;
let manager: string;
afterEach(async () => {
  await keel.close();
});

async function addPatients(n: number): Promise<void> {
  for (let i = 0; i < n; i++) valueOf(await keel.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName: `Pat${i}`, lastName: `Backup${i}`, phones: { mobile: '', home: '', work: '' } }, confirmDuplicate: true }, manager));
}

/** Waits for the running restore to finish (it reports through events). */
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

describe('a planted backup (review 12, point 1)', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });
  let root: string;
  let dataDir: string;
  let good: string;

  beforeEach(async () => {
    root = tempDir('keel-planted-');
    roots.push(root);
    // The data folder two levels down, so "../" in a planted name lands in a folder the test owns.
    dataDir = path.join(root, 'clinic', 'data');
    keel = await openTestKeel({ dir: dataDir });
    manager = await setUpClinic(keel);
    await addPatients(2);
    good = (await takeBackup(keel.app.database, { to: path.join(root, 'made'), reason: 'manual', now: keel.clock.now() })).file;
  });

  it('refuses a description that lists "../", an absolute path, a name Keel never writes, wrong types or huge extra fields; nothing is written anywhere', async () => {
    const json = `${path.basename(good)}.json`;
    const refusal = (detail: string) => `This backup's description file (${json}) has been changed or is damaged, so Keel will not restore it: ${detail} Nothing was changed.`;
    const absolute = path.join(root, 'abs-evil.desktop');
    const scan = sha256Of('the scan Keel stored');
    const cases: Array<{ folder: string; change: (m: Record<string, unknown>) => Record<string, unknown> | string; files?: Record<string, string>; reason: string; mustNotExist: string[] }> = [
      {
        folder: 'usb-dotdot',
        change: (m) => ({ ...m, attachments: ['../autostart/evil.desktop'] }),
        // Where the old code read it from (beside the backup folder) and where it wrote it (beside the data folder).
        files: { '../autostart/evil.desktop': '[Desktop Entry]\nExec=evil\n' },
        reason: refusal('it lists an attachment named "../autostart/evil.desktop", which Keel never writes.'),
        mustNotExist: [path.join(root, 'clinic', 'autostart', 'evil.desktop')],
      },
      {
        folder: 'usb-absolute',
        change: (m) => ({ ...m, attachments: [absolute] }),
        files: { [path.join('attachments', absolute.slice(0, 2), absolute)]: 'evil' },
        reason: refusal(`it lists an attachment named ${JSON.stringify(absolute)}, which Keel never writes.`),
        mustNotExist: [absolute],
      },
      {
        folder: 'usb-not-hex',
        change: (m) => ({ ...m, attachments: ['Z'.repeat(64)] }),
        files: { [path.join('attachments', 'ZZ', 'Z'.repeat(64))]: 'evil' },
        reason: refusal(`it lists an attachment named "${'Z'.repeat(64)}", which Keel never writes.`),
        mustNotExist: [path.join(dataDir, 'attachments', 'ZZ')],
      },
      {
        folder: 'usb-wrong-content',
        change: (m) => ({ ...m, attachments: [scan] }),
        files: { [path.join('attachments', scan.slice(0, 2), scan)]: 'something else entirely' },
        reason: `One of the scans kept beside this backup (attachments/${scan.slice(0, 2)}/${scan}) has been changed or is damaged: its content no longer matches its name, so Keel will not restore this backup. Nothing was changed.`,
        mustNotExist: [path.join(dataDir, 'attachments', scan.slice(0, 2), scan)],
      },
      { folder: 'usb-wrong-type', change: (m) => ({ ...m, attachments: 'abc' }), reason: refusal('its entry "attachments" is not what Keel writes there.'), mustNotExist: [] },
      { folder: 'usb-huge-field', change: (m) => ({ ...m, note: 'x'.repeat(3_000_000) }), reason: refusal('it holds an entry "note" that Keel never writes.'), mustNotExist: [] },
      { folder: 'usb-huge-version', change: (m) => ({ ...m, keelVersion: 'x'.repeat(100_000) }), reason: refusal('its entry "keelVersion" is not what Keel writes there.'), mustNotExist: [] },
      { folder: 'usb-not-json', change: () => '{"file": "keel-', reason: refusal('it cannot be read as a description of a backup.'), mustNotExist: [] },
    ];
    const planted = cases.map((c) => plantBackup(good, path.join(root, c.folder), c.change, c.files));
    await keel.app.database.close();
    const before = filesUnder(dataDir);
    for (const [i, c] of cases.entries()) {
      await expect(restoreDataFolder(dataDir, planted[i]!, { now: new Date(), actor: 'test' }), c.folder).rejects.toThrow(c.reason);
      for (const target of c.mustNotExist) expect(fs.existsSync(target), target).toBe(false);
      // A list of backups shows it as not verified (the recovery screen never offers it), saying why when its description is at fault.
      const listed = listBackups(path.dirname(planted[i]!))[0];
      expect(listed?.manifest, c.folder).toBeNull();
      if (c.reason.startsWith("This backup's description")) expect(listed?.problem, c.folder).toBe(c.reason.replace(' Nothing was changed.', ''));
    }
    // The recovery screen offers the newest backup Keel wrote, never a newer planted one.
    const shelf = path.join(root, 'shelf');
    plantBackup(good, shelf, (m) => m);
    const later = 'keel-2099-01-01T000000Z.db';
    plantBackup(good, shelf, (m) => ({ ...m, file: later, attachments: ['../x'] }), {}, later);
    expect(listBackups(shelf).map((b) => b.name)).toEqual([later, path.basename(good)]);
    expect(newestVerifiedBackup(shelf)?.name).toBe(path.basename(good));
    // No safety copy, no attachment, the database byte for byte as it was.
    expect(filesUnder(dataDir)).toEqual(before);
    expect(fs.readdirSync(path.join(root, 'clinic')).sort()).toEqual(['data']);
    keel = await openTestKeel({ dir: dataDir });
    expect(keel.app.database.sqlite.prepare('select count(*) from patients').pluck().get()).toBe(2);
  });

  it('refuses a planted backup from Settings → Backups, says why, writes nothing, and nobody is signed out', async () => {
    const folder = path.join(dataDir, 'backups');
    // A changed description: listed as not verified, so the Restore button is refused at once.
    let planted = plantBackup(good, folder, (m) => ({ ...m, attachments: ['../autostart/evil.desktop'] }), { '../autostart/evil.desktop': 'evil' });
    let list = valueOf<BackupEntry[]>(await keel.call('backups.list', {}, manager));
    const listed = list.find((b) => b.name === path.basename(planted))!;
    expect(listed).toMatchObject({ verified: false, keelVersion: null, schemaVersion: null });
    // The list and the refusal say why, not "never verified".
    expect(listed.problem).toMatch(/has been changed or is damaged, so Keel will not restore it: .*"\.\.\/autostart\/evil\.desktop"/);
    expect(errorOf(await keel.call('backups.restore', { name: path.basename(planted), destination: 'primary' }, manager))).toEqual({ code: 'invalid_input', message: listed.problem });
    expect(fs.existsSync(path.join(root, 'clinic', 'autostart', 'evil.desktop'))).toBe(false);
    // A scan beside it that is not what its name says: the restore's own check refuses it, with the reason.
    fs.rmSync(`${planted}.json`);
    const scan = sha256Of('the scan Keel stored');
    planted = plantBackup(good, folder, (m) => ({ ...m, attachments: [scan] }), { [path.join('attachments', scan.slice(0, 2), scan)]: 'something else' });
    const failed = finished();
    valueOf(await keel.call('backups.restore', { name: path.basename(planted), destination: 'primary' }, manager));
    const outcome = await failed;
    expect(outcome.phase).toBe('failed');
    expect(outcome.message).toBe(`One of the scans kept beside this backup (attachments/${scan.slice(0, 2)}/${scan}) has been changed or is damaged: its content no longer matches its name, so Keel will not restore this backup. Nothing was changed.`);
    expect(fs.existsSync(path.join(dataDir, 'attachments', scan.slice(0, 2), scan))).toBe(false);
    expect(fs.readdirSync(folder).filter((f) => f.startsWith('keel-safety-'))).toEqual([]);
    list = valueOf<BackupEntry[]>(await keel.call('backups.list', {}, manager));
    expect(list.find((b) => b.name === path.basename(planted))?.verified).toBe(false);
    expect(keel.app.database.sqlite.prepare('select count(*) from patients').pluck().get()).toBe(2);
  });

  it('puts back the scans a good backup refers to, each checked against its name', async () => {
    const bytes = Buffer.from('%PDF-1.4 a scanned insurance card');
    const hash = sha256Of(bytes);
    const stored = path.join(dataDir, 'attachments', hash.slice(0, 2), hash);
    fs.mkdirSync(path.dirname(stored), { recursive: true });
    fs.writeFileSync(stored, bytes);
    const taken = await takeBackup(keel.app.database, { to: path.join(root, 'usb'), reason: 'manual', now: keel.clock.now() });
    expect(taken.manifest.attachments).toEqual([hash]);
    fs.rmSync(path.join(dataDir, 'attachments'), { recursive: true });
    await keel.app.database.close();
    await restoreDataFolder(dataDir, taken.file, { now: new Date(), actor: 'test' });
    expect(fs.readFileSync(stored).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.dirname(stored))).toEqual([hash]);
    keel = await openTestKeel({ dir: dataDir });
  });
});
