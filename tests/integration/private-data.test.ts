import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import { openTestKeel, setUpClinic, tempDir, valueOf, type TestKeel } from '../support/harness';
import { runKeel } from '../support/serve';

/** A patient's details as an import stages them, under a name found nowhere else. */
const STAGED = JSON.stringify({ ...PATIENT_EXAMPLE, firstName: 'Quillon', lastName: 'Staged-Only', dob: '1961-04-05' });

let dir: string;
let keel: TestKeel;
let manager: string;
beforeEach(async () => {
  dir = tempDir('keel-private-');
  keel = await openTestKeel({ dir });
  manager = await setUpClinic(keel);
});
afterEach(async () => {
  await keel.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What an import killed half-way (a crash, a kill, a power cut) leaves behind: staged rows and no patients. */
async function stageLikeACutOffImport(rows: number): Promise<void> {
  const now = '2026-03-02T14:00:00.000Z';
  const values = Array.from({ length: rows }, (_, i) => ({ import_id: 'cut-off-import', row_number: i, data: STAGED, created_at: now, updated_at: now }));
  await keel.app.db.insertInto('patient_import_rows').values(values).execute();
}

const stagedCount = (k: TestKeel) => k.app.database.sqlite.prepare('select count(*) from patient_import_rows').pluck().get();

describe('what an import cut off leaves behind', () => {
  it('is cleared when the data folder opens again, and nothing else is touched', async () => {
    await stageLikeACutOffImport(250);
    const users = keel.app.database.sqlite.prepare('select * from users').all();
    await keel.close();
    keel = await openTestKeel({ dir });
    expect(stagedCount(keel)).toBe(0);
    expect(keel.app.database.sqlite.prepare('select * from users').all()).toEqual(users);
  });
});

describe('an import that has ended', () => {
  it('leaves none of its staged rows in the database file, not even in free pages a backup would copy', async () => {
    const csv = `First name,Last name,Date of birth\n${Array.from({ length: 500 }, (_, i) => `Quillon${i},Staged,1961-04-05`).join('\n')}\n`;
    valueOf(await keel.call('patients.importRun', { csv, mapping: { '0': 'firstName', '1': 'lastName', '2': 'dob' }, duplicates: 'import' }, manager));
    expect(stagedCount(keel)).toBe(0);
    keel.app.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // Staged rows hold each patient as JSON; the patients table holds columns.
    expect(fs.readFileSync(keel.app.database.file).toString('latin1')).not.toContain('"firstName":"Quillon');
  });
});

describe('keel export', () => {
  it('writes no password hash (nor any secret column) and no staged import rows', async () => {
    await stageLikeACutOffImport(3);
    await keel.close();
    // Read as it is: keel export opens the database read-only and clears nothing itself.
    const out = path.join(dir, 'export');
    const exported = runKeel('export', '--data', dir, '--to', out);
    expect(exported.code, exported.err).toBe(0);
    const [header, ...rows] = Papa.parse<string[]>(fs.readFileSync(path.join(out, 'users.csv'), 'utf8'), { skipEmptyLines: true }).data;
    expect(header).toEqual(expect.arrayContaining(['id', 'username', 'full_name', 'role']));
    expect(header!.filter((column) => /password|secret|token/i.test(column))).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(fs.readFileSync(path.join(out, 'patient_import_rows.csv'), 'utf8').trim()).toBe('import_id,row_number,data,created_at,updated_at');
    for (const file of fs.readdirSync(out)) {
      const text = fs.readFileSync(path.join(out, file), 'utf8');
      expect(text, file).not.toContain('Quillon');
      expect(text, file).not.toMatch(/scrypt\$\d/);
    }
    expect(fs.readdirSync(out)).toEqual(expect.arrayContaining(['users.csv', 'patients.csv', 'audit_log.csv']));
    // The key behind the audit log's hashes of unknown names is a secret kept as a settings row.
    const key = new Database(path.join(dir, 'keel.db'), { readonly: true }).prepare("select value from settings where key = 'audit.unknownNameKey'").pluck().get() as string;
    expect(JSON.parse(key)).toMatch(/^[0-9a-f]{64}$/);
    const settings = fs.readFileSync(path.join(out, 'settings.csv'), 'utf8');
    expect(settings).not.toContain('audit.unknownNameKey');
    expect(settings).not.toContain(JSON.parse(key) as string);
    expect(settings).toContain('key,value');
    keel = await openTestKeel({ dir });
  });
});
