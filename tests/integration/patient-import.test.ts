import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';
import type { ImportPreview, ImportReport, Patient, PatientMatch } from '../../shared/contract/patients';
import { safeCell } from '../../shared/domain/csv';
import { errorOf, openTestKeel, setUpClinic, snapshot, tempDir, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
let manager: string;
beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
});
afterEach(async () => keel.close());

const MAPPING = { '0': 'firstName', '1': 'lastName', '2': 'dob', '3': 'phoneMobile', '4': 'notes' };
const HEADER = 'First name,Last name,Date of birth,Phone,Notes';

describe('CSV import', () => {
  it('previews the header and first rows and guesses the columns, quotes and newlines inside fields included', async () => {
    const csv = `${HEADER}\r\nAnn,"Smith, Jr.",1980-03-07,(555) 123-4567,"Line one\nLine two"\r\nJosé,Álvarez,02/14/1966,,\r\n`;
    const preview = valueOf<ImportPreview>(await keel.call('patients.importPreview', { csv }, manager));
    expect(preview.headers).toEqual(['First name', 'Last name', 'Date of birth', 'Phone', 'Notes']);
    expect(preview.rowCount).toBe(2);
    expect(preview.rows[0]).toEqual(['Ann', 'Smith, Jr.', '1980-03-07', '(555) 123-4567', 'Line one\nLine two']);
    expect(preview.suggested).toEqual(MAPPING);
    const run = valueOf<{ imported: number }>(await keel.call('patients.importRun', { csv, mapping: MAPPING, duplicates: 'skip' }, manager));
    expect(run.imported).toBe(2);
    const [ann] = valueOf<PatientMatch[]>(await keel.call('patients.search', { query: 'smith jr' }, manager));
    const record = valueOf<Patient>(await keel.call('patients.get', { id: ann!.id }, manager));
    expect(record).toMatchObject({ lastName: 'Smith, Jr.', notes: 'Line one\nLine two', dob: '1980-03-07' });
  });

  it('reports every problem by line and field before writing, and imports nothing while any remain', async () => {
    const csv = [HEADER, 'Ann,Smith,1980-03-07,5551234567,', ',Nobody,1990-01-01,,', 'Bo,Lind,2099-01-01,,', 'Cy,Moe,31/31/1990,,', 'Di,Ray,1970-05-05,555-12,'].join('\n');
    const before = snapshot(keel);
    const report = valueOf<ImportReport>(await keel.call('patients.importCheck', { csv, mapping: MAPPING }, manager));
    expect(report.rowCount).toBe(5);
    expect(report.valid).toBe(1);
    expect(report.problems).toEqual([
      { line: 3, field: 'First name', problem: 'Required' },
      { line: 4, field: 'Date of birth', problem: 'The date of birth is in the future' },
      { line: 5, field: 'Date of birth', problem: '“31/31/1990” is not a date Keel can read (use 1980-03-07 or 03/07/1980)' },
      { line: 6, field: 'Mobile phone', problem: 'A phone number needs at least 7 digits' },
    ]);
    const refused = errorOf(await keel.call('patients.importRun', { csv, mapping: MAPPING, duplicates: 'skip' }, manager));
    expect(refused.message).toMatch(/4 problems in the file.*Nothing was imported/);
    // Only the audit row of the check is new.
    const after = snapshot(keel, { skipAudit: true });
    expect(after).toEqual(Object.fromEntries(Object.entries(before).filter(([t]) => t !== 'audit_log')));
  });

  it('reports NUL, direction overrides and broken characters in a row by line and field, and imports nothing', async () => {
    const csv = [HEADER, 'Ann,Smith,1980-03-07,,', 'Bo\u0000,Lind,1990-01-01,,', 'Cy,\u202EeoM,1991-01-01,,', 'Di,Ray,1970-05-05,,Fine\uDC00', 'Ed,Ng,1972-02-02,,"Two\nlines are fine in notes"'].join('\n');
    const before = snapshot(keel);
    const report = valueOf<ImportReport>(await keel.call('patients.importCheck', { csv, mapping: MAPPING }, manager));
    expect(report.valid).toBe(2);
    expect(report.problems).toEqual([
      { line: 3, field: 'First name', problem: 'Contains an invisible control character (U+0000) — retype it' },
      { line: 4, field: 'Last name', problem: 'Contains an invisible control character (U+202E) — retype it' },
      { line: 5, field: 'Notes', problem: 'Contains a broken character (U+DC00) — retype it' },
    ]);
    expect(errorOf(await keel.call('patients.importRun', { csv, mapping: MAPPING, duplicates: 'import' }, manager)).message).toMatch(/3 problems in the file.*Nothing was imported/);
    expect(snapshot(keel, { skipAudit: true })).toEqual(Object.fromEntries(Object.entries(before).filter(([t]) => t !== 'audit_log')));
  });

  it('names the line on which a quoted field opens and is never closed, counting line breaks inside earlier fields', async () => {
    const reason = async (csv: string) => errorOf(await keel.call('patients.importPreview', { csv }, manager)).message;
    const opensOnLine4 = [HEADER, 'Ann,Smith,1980-03-07,,"A note', 'on two lines"', 'Bo,"Lind,1990-01-01,,', 'Cy,Moe,1991-01-01,,'].join('\n');
    expect(await reason(opensOnLine4)).toBe('csv: Line 4: a quoted field is never closed');
    expect(await reason([HEADER, 'Ann,Smith,1980-03-07,,', 'Bo,Lind,1990-01-01,,', 'Cy,Moe,1991-01-01,,"never closed'].join('\r\n'))).toBe('csv: Line 4: a quoted field is never closed');
  });

  it('refuses a file without a header, with the wrong encoding, or with more than 100,000 rows, with a clear reason', async () => {
    const reason = async (csv: string) => errorOf(await keel.call('patients.importPreview', { csv }, manager)).message;
    expect(await reason('Ann,Smith,1980-03-07\nBo,Lind,1990-01-01\n')).toMatch(/first line must name the columns/);
    expect(await reason(`${HEADER}\nJos\uFFFD,\uFFFDlvarez,1966-02-14,,\n`)).toMatch(/not UTF-8 text/);
    const big = `${HEADER}\n${'A,B,1980-01-01,,\n'.repeat(100_001)}`;
    expect(await reason(big)).toMatch(/100,001 rows; import at most 100,000/);
    expect(errorOf(await keel.call('patients.importCheck', { csv: `${HEADER}\nA,B,1980-01-01,,\n`, mapping: { '0': 'firstName' } }, manager)).message).toBe('Choose the columns that hold: last name, date of birth.');
  });

  it('checks a 100,000-row file, and skips or flags duplicates of existing patients and of earlier rows', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `P${i},Test${i % 997},1980-01-${String((i % 28) + 1).padStart(2, '0')},,`);
    const report = valueOf<ImportReport>(await keel.call('patients.importCheck', { csv: `${HEADER}\n${rows.join('\n')}`, mapping: MAPPING }, manager));
    expect(report).toMatchObject({ rowCount: 100_000, valid: 100_000, problemCount: 0, problems: [], duplicates: [] });

    valueOf(await keel.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName: 'Ann', lastName: 'Smith', dob: '1980-03-07', phones: { mobile: '', home: '', work: '' } } }, manager));
    const csv = [HEADER, 'ann,SMITH,1980-03-07,,', 'Bo,Lind,1990-01-01,,', 'Bo,Lind,1990-01-01,,'].join('\n');
    const check = valueOf<ImportReport>(await keel.call('patients.importCheck', { csv, mapping: MAPPING }, manager));
    expect(check.duplicates.map((d) => [d.line, d.matches[0]?.mrn])).toEqual([
      [2, '100001'],
      [4, 'line 3 of this file'],
    ]);
    expect(valueOf<{ imported: number; skipped: number }>(await keel.call('patients.importRun', { csv, mapping: MAPPING, duplicates: 'skip' }, manager))).toEqual({ imported: 1, skipped: 2 });
    const flagged = valueOf<{ imported: number }>(await keel.call('patients.importRun', { csv, mapping: MAPPING, duplicates: 'import' }, manager));
    expect(flagged.imported).toBe(3);
    const anns = valueOf<PatientMatch[]>(await keel.call('patients.search', { query: 'ann smith' }, manager));
    const imported = valueOf<Patient>(await keel.call('patients.get', { id: anns.find((a) => a.mrn !== '100001')!.id }, manager));
    expect(imported.notes).toBe('Flagged at import as a possible duplicate of 100001.');
    expect(keel.app.database.sqlite.prepare('select count(*) from patient_import_rows').pluck().get()).toBe(0);
  });
});

describe('CSV export', () => {
  it('puts an apostrophe before any cell a spreadsheet would run as a formula (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cell = safeCell(text);
        expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
        expect(cell.endsWith(text)).toBe(true);
        if (!/^[=+\-@\t\r]/.test(text)) expect(cell).toBe(text);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string(), (start, rest) => {
        expect(safeCell(start + rest)).toBe(`'${start}${rest}`);
      }),
    );
  });

  it('exports the directory for the manager only, audited, with formula-safe cells', async () => {
    valueOf(await keel.call('patients.create', { details: { ...PATIENT_EXAMPLE, firstName: '=HYPERLINK("http://evil")', lastName: '+Smith', dob: '1980-03-07', notes: '@SUM(A1)' } }, manager));
    const out = valueOf<{ fileName: string; csv: string; rows: number }>(await keel.call('patients.export', {}, manager));
    expect(out.fileName).toMatch(/^keel-patients-\d{4}-\d{2}-\d{2}\.csv$/);
    const parsed = Papa.parse<string[]>(out.csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(parsed[0]?.slice(0, 3)).toEqual(['Record number', 'Last name', 'First name']);
    for (const row of parsed) for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
    expect(parsed[1]?.slice(1, 3)).toEqual(["'+Smith", '\'=HYPERLINK("http://evil")']);
    const audit = keel.app.database.sqlite.prepare("select kind, detail from audit_log where action = 'patients.export'").get() as { kind: string; detail: string };
    expect(audit.kind).toBe('export');
    expect(JSON.parse(audit.detail)).toEqual({ rows: 1, includeInactive: false });
  });
});

describe('a crash in the middle of a merge', () => {
  it('leaves both records as they were (all or nothing)', async () => {
    const dir = tempDir('keel-crash-');
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '..', 'support', 'crash-merge.ts'), dir], { encoding: 'utf8', timeout: 60_000 });
    expect(run.signal).toBe('SIGKILL');
    expect(run.stdout).toContain('merging…');
    const after = await openTestKeel({ dir });
    try {
      const rows = after.app.database.sqlite.prepare('select first_name, active, merged_into from patients order by mrn').all();
      expect(rows).toEqual([
        { first_name: 'Ann', active: 1, merged_into: null },
        { first_name: 'Anne', active: 1, merged_into: null },
      ]);
      expect(after.app.database.sqlite.prepare('select count(distinct patient_id) from concerns').pluck().get()).toBe(1);
      expect(after.app.database.sqlite.prepare("select count(*) from patient_changes where field = 'merged'").pluck().get()).toBe(0);
      expect(after.app.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await after.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
