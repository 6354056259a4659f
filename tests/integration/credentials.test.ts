import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentPath } from '../../db/attachments';
import type { AttachmentFile } from '../../shared/contract/attachments';
import type { Credential } from '../../shared/contract/credentials';
import type { StaffMember } from '../../shared/contract/staff';
import { addStaff, errorOf, openTestKeel, setUpClinic, snapshot, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
let manager: string;
beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
});
afterEach(async () => keel.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('credentials', () => {
  let doc: string;
  beforeEach(async () => {
    doc = await addStaff(keel, manager, { fullName: 'Dr Lee', staffRole: 'physician', bookable: true });
  });

  it('refuses an expiry before the issue date', async () => {
    const error = errorOf(await keel.call('credentials.save', { staffId: doc, kind: 'licence', number: 'L-1', issuer: 'State', issuedOn: '2026-01-01', expiresOn: '2025-12-31', note: '' }, manager));
    expect(error.issues).toEqual([{ path: 'expiresOn', message: 'The expiry date is before the issue date' }]);
  });

  it('stores a scan inside the data folder by its SHA-256, returns it checked, and notices tampering', async () => {
    const saved = valueOf<Credential>(
      await keel.call('credentials.save', { staffId: doc, kind: 'licence', number: 'L-1', issuer: 'State', issuedOn: '2025-01-01', expiresOn: '2027-01-01', note: '', attachment: { fileName: 'licence.pdf', mime: 'application/pdf', dataBase64: PDF.toString('base64') } }, manager),
    );
    expect(saved.attachment).toMatchObject({ fileName: 'licence.pdf', mime: 'application/pdf', sizeBytes: PDF.length });
    const file = valueOf<AttachmentFile>(await keel.call('attachments.get', { id: saved.attachment!.id }, manager));
    expect(Buffer.from(file.dataBase64, 'base64')).toEqual(PDF);
    const stored = attachmentPath(keel.dir, file.sha256);
    expect(stored.startsWith(path.join(keel.dir, 'attachments'))).toBe(true);
    fs.writeFileSync(stored, Buffer.concat([PDF, Buffer.from('tampered')]));
    expect(errorOf(await keel.call('attachments.get', { id: saved.attachment!.id }, manager)).message).toMatch(/no longer matches its fingerprint/);
  });

  it('refuses a file that is not a PDF or image, one that lies about its type, and one over 20 MB', async () => {
    const before = snapshot(keel);
    const save = (attachment: object) => keel.call('credentials.save', { staffId: doc, kind: 'licence', number: '', issuer: '', issuedOn: null, expiresOn: null, note: '', attachment }, manager);
    const exe = Buffer.from('MZ\x90\x00 this is not a scan');
    expect(errorOf(await save({ fileName: 'x.pdf', mime: 'application/pdf', dataBase64: exe.toString('base64') })).issues).toEqual([{ path: 'attachment', message: 'This file is not a PDF, PNG or JPEG image' }]);
    expect(errorOf(await save({ fileName: 'x.png', mime: 'image/png', dataBase64: PDF.toString('base64') })).issues).toEqual([{ path: 'attachment', message: 'The file is a PDF, not what its name says' }]);
    expect(errorOf(await save({ fileName: 'x.doc', mime: 'application/msword', dataBase64: PDF.toString('base64') })).issues).toEqual([{ path: 'attachment.mime', message: 'Attach a PDF, PNG or JPEG file' }]);
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
    PDF.copy(big);
    expect(errorOf(await save({ fileName: 'big.pdf', mime: 'application/pdf', dataBase64: big.toString('base64') })).issues?.[0]?.message).toBe('The file is larger than 20 MB');
    expect(snapshot(keel)).toEqual(before);
    expect(fs.existsSync(path.join(keel.dir, 'attachments'))).toBe(false);
  });

  it('lists credentials expiring within the window at each alert level, and missing required ones', async () => {
    const save = (kind: string, expiresOn: string | null) => keel.call('credentials.save', { staffId: doc, kind, number: '', issuer: '', issuedOn: null, expiresOn, note: '' }, manager);
    valueOf(await save('licence', '2026-03-01')); // expired yesterday
    valueOf(await save('dea', '2026-03-09')); // 7 days
    valueOf(await save('board_cert', '2026-04-01')); // 30 days
    valueOf(await save('cpr_bls', '2026-05-31')); // 90 days
    valueOf(await save('osha_bbp', '2026-06-01')); // 91 days: not listed
    valueOf(await save('hipaa', null)); // never expires
    const { expiring, missing } = valueOf<{ expiring: Array<{ kind: string; alert: unknown; daysLeft: number }>; missing: unknown[] }>(
      await keel.call('credentials.expiring', { withinDays: 90, asOf: '2026-03-02' }, manager),
    );
    expect(expiring.map((e) => [e.kind, e.alert, e.daysLeft])).toEqual([
      ['licence', 'expired', -1],
      ['dea', 7, 7],
      ['board_cert', 30, 30],
      ['cpr_bls', 90, 90],
    ]);
    expect(missing).toEqual([]);
    // A renewal replaces the expired licence: it leaves the list.
    valueOf(await save('licence', '2028-03-01'));
    const after = valueOf<{ expiring: Array<{ kind: string }> }>(await keel.call('credentials.expiring', { withinDays: 30, asOf: '2026-03-02' }, manager));
    expect(after.expiring.map((e) => e.kind)).toEqual(['dea', 'board_cert']);
    const person = valueOf<StaffMember>(await keel.call('staff.get', { id: doc }, manager));
    expect(person.flag).toBeNull();
  });

  it('flags a person missing a required credential, by the clinic’s requirements', async () => {
    const reception = await addStaff(keel, manager, { fullName: 'Riley Chen', staffRole: 'receptionist' });
    expect(valueOf<StaffMember>(await keel.call('staff.get', { id: reception }, manager)).flag).toEqual({ missing: ['hipaa'], expired: [] });
    const settings = valueOf<{ requirements: Record<string, string[]> }>(await keel.call('staffSettings.get', {}, manager));
    valueOf(await keel.call('staffSettings.update', { requirements: { ...settings.requirements, receptionist: [] }, evaluationIntervalMonths: 12, evaluationCriteria: ['Teamwork'] }, manager));
    expect(valueOf<StaffMember>(await keel.call('staff.get', { id: reception }, manager)).flag).toBeNull();
  });
});
