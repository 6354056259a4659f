import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallOutcome } from '../../electron/core/router';
import type { Patient, PatientMatch } from '../../shared/contract/patients';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import { auditRows, openTestKeel, setUpClinic, tempDir, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
let manager: string;
beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
});
afterEach(async () => keel.close());

const MAPPING = { '0': 'firstName', '1': 'lastName', '2': 'dob' };
const csvOf = (count: number) => `First name,Last name,Date of birth\n${Array.from({ length: count }, (_, i) => `P${i},Import${i % 97},1980-01-${String((i % 28) + 1).padStart(2, '0')}`).join('\n')}\n`;
const countOf = (table: string) => keel.app.database.sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number;

describe("an import's final transaction", () => {
  it('runs beside the rest of Keel: reads go on, a write made meanwhile waits for it and is then saved, not lost', async () => {
    const ann = valueOf<Patient>(await keel.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName: 'Ann', lastName: 'Before' } }, manager));
    const seen: { read?: CallOutcome; writeSettledInside?: boolean; openedInside?: CallOutcome | 'waiting' } = {};
    let write: Promise<CallOutcome> | undefined;
    let opened: Promise<CallOutcome> | undefined;
    const inWorker = keel.app.database.transactionInWorker;
    keel.app.database.transactionInWorker = (work) =>
      inWorker(async (trx) => {
        // Inside the import's transaction, which holds SQLite's write lock until it commits.
        seen.read = await keel.call('rooms.list', {}, manager);
        let settled = false;
        write = keel.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName: 'Bo', lastName: 'Meanwhile' } }, manager).finally(() => (settled = true));
        // Opening a record is audited, so it is a write too: it waits as well.
        opened = keel.call('patients.get', { id: ann.id }, manager);
        let openedDone = false;
        void opened.then(() => (openedDone = true));
        const result = await work(trx);
        await new Promise((resolve) => setTimeout(resolve, 100));
        seen.writeSettledInside = settled;
        seen.openedInside = openedDone ? await opened : 'waiting';
        return result;
      });
    const run = valueOf<{ imported: number }>(await keel.call('patients.importRun', { csv: csvOf(3000), mapping: MAPPING, duplicates: 'import' }, manager));
    expect(run.imported).toBe(3000);
    expect(seen.read?.result.ok).toBe(true);
    expect(seen.writeSettledInside).toBe(false);
    expect(seen.openedInside).toBe('waiting');
    const bo = valueOf<Patient>(await write!);
    expect(valueOf<Patient>(await opened!).id).toBe(ann.id);
    expect(valueOf<PatientMatch[]>(await keel.call('patients.search', { query: 'meanwhile bo' }, manager)).map((m) => m.id)).toEqual([bo.id]);
    // The import's record numbers and the one written after it never collide.
    expect(Number(bo.mrn)).toBe(Number(ann.mrn) + 3001);
    expect(countOf('patients')).toBe(3002);
    expect(countOf('patient_import_rows')).toBe(0);
    // The import's audit row went into the import's own transaction.
    expect(auditRows(keel).filter((r) => r.action === 'patients.importRun').map((r) => [r.outcome, JSON.parse(r.detail!)])).toEqual([['ok', { imported: 3000, skipped: 0, duplicates: 'import' }]]);
  });
});

describe('a crash in the middle of an import', () => {
  it('leaves no imported patient, no audit row of it and no staged rows once Keel opens again (all or nothing)', async () => {
    const dir = tempDir('keel-crash-');
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '..', 'support', 'crash-import.ts'), dir, '5000'], { encoding: 'utf8', timeout: 120_000 });
      expect(run.stdout).toContain('inside the final transaction: 5000 patients written');
      expect(run.signal).toBe('SIGKILL');
      const after = await openTestKeel({ dir });
      try {
        const sqlite = after.app.database.sqlite;
        expect(sqlite.prepare('select count(*) from patients').pluck().get()).toBe(0);
        expect(sqlite.prepare('select count(*) from patient_changes').pluck().get()).toBe(0);
        expect(sqlite.prepare("select count(*) from audit_log where action = 'patients.importRun'").pluck().get()).toBe(0);
        expect(sqlite.prepare('select count(*) from patient_import_rows').pluck().get()).toBe(0);
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        await after.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
