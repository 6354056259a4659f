import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allHandlers } from '../../electron/core/handlers/index';
import { createRouter } from '../../electron/core/router';
import { KeelError } from '../../shared/contract/index';
import { addUser, auditRows, errorOf, openTestKeel, setUpClinic, snapshot, valueOf, type TestKeel } from '../support/harness';

let keel: TestKeel;
let manager: string;
beforeEach(async () => {
  keel = await openTestKeel();
  manager = await setUpClinic(keel);
});
afterEach(async () => keel.close());

describe('the router', () => {
  it('answers an unknown channel with not_found', async () => {
    const error = errorOf(await keel.call('patients.delete_everything', {}, manager));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('patients.delete_everything');
  });

  it('names the field for wrong types, missing fields, extra keys and over-long strings, and writes nothing', async () => {
    const before = snapshot(keel);
    const wrongType = errorOf(await keel.call('users.create', { username: 42, fullName: 'A', role: 'receptionist', password: 'long-enough-1' }, manager));
    expect(wrongType.code).toBe('invalid_input');
    expect(wrongType.issues).toContainEqual({ path: 'username', message: 'Expected a username' });

    const missing = errorOf(await keel.call('users.create', { fullName: 'A', role: 'receptionist', password: 'long-enough-1' }, manager));
    expect(missing.issues).toContainEqual({ path: 'username', message: 'Required' });

    const extra = errorOf(await keel.call('users.create', { username: 'abc', fullName: 'A', role: 'receptionist', password: 'long-enough-1', isAdmin: true }, manager));
    expect(extra.issues).toContainEqual({ path: 'isAdmin', message: 'Unknown field' });
    expect(extra.message).toContain('isAdmin');

    const long = errorOf(await keel.call('users.create', { username: 'abc', fullName: 'x'.repeat(5000), role: 'receptionist', password: 'long-enough-1' }, manager));
    expect(long.issues?.[0]?.path).toBe('fullName');
    expect(long.issues?.[0]?.message).toMatch(/at most 120/);

    const notObject = errorOf(await keel.call('users.create', 'a string', manager));
    expect(notObject.code).toBe('invalid_input');
    expect(snapshot(keel)).toEqual(before);
  });

  it('checks the session, then the permission, and only then the input: nobody signed out makes Keel parse anything', async () => {
    // A huge record sent signed out is refused for the session before its million keys are looked at.
    const huge = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]));
    expect(errorOf(await keel.call('users.list', huge)).code).toBe('unauthenticated');
    expect(errorOf(await keel.call('users.list', { surprise: 1 })).code).toBe('unauthenticated');
    expect(errorOf(await keel.call('users.list', { surprise: 1 }, manager)).code).toBe('invalid_input');
    expect(errorOf(await keel.call('users.list', {})).code).toBe('unauthenticated');
    expect(errorOf(await keel.call('users.list', {}, 'made-up-token')).code).toBe('unauthenticated');
    const reception = await addUser(keel, manager, { username: 'frontdesk', role: 'receptionist' });
    const denied = errorOf(await keel.call('users.list', {}, reception.token));
    expect(denied.code).toBe('forbidden');
    // Wrong input to a channel one may not use is still "forbidden": the input is never read.
    expect(errorOf(await keel.call('users.list', { surprise: 1 }, reception.token)).code).toBe('forbidden');
    expect(denied.message).toBe('Your role (Receptionist) is not allowed to do this.');
  });

  it('counts a huge record, list or object before parsing it, signed in as the manager: one plain refusal by the count rule', async () => {
    const before = snapshot(keel);
    const million = () => Object.fromEntries(Array.from({ length: 1_000_000 }, (_, i) => [`k${i}`, 3]));
    const review = { staffId: '00000000-0000-7000-8000-000000000000', reviewDate: '2026-03-02', reviewer: 'Morgan Avery', comments: '', goals: '' };
    const ratings = errorOf(await keel.call('evaluations.add', { ...review, ratings: million() }, manager));
    expect(ratings).toMatchObject({ code: 'invalid_input', message: 'Please check: ratings: Give at most 15 ratings, one per criterion' });
    expect(ratings.issues).toHaveLength(1);
    const providers = errorOf(await keel.call('appointments.list', { from: '2026-03-02', to: '2026-03-02', providerIds: new Array(1_000_000).fill('00000000-0000-7000-8000-000000000000') }, manager));
    expect(providers).toMatchObject({ code: 'invalid_input', message: 'Please check: providerIds: Choose at most 100 providers' });
    const unknown = errorOf(await keel.call('patients.search', { query: 'smith', ...million() }, manager));
    expect(unknown).toMatchObject({ code: 'invalid_input', message: 'Please check: input: 1,000,001 fields given; this takes at most 3' });
    expect(unknown.issues).toHaveLength(1);
    expect(snapshot(keel)).toEqual(before);
    // Ordinary input is still checked field by field and goes through.
    expect(valueOf<unknown[]>(await keel.call('patients.search', { query: 'smith' }, manager))).toEqual([]);
    expect(valueOf<unknown[]>(await keel.call('appointments.list', { from: '2026-03-02', to: '2026-03-02', providerIds: [] }, manager))).toEqual([]);
    expect(errorOf(await keel.call('evaluations.add', { ...review, ratings: { Punctuality: 6 } }, manager)).message).toBe('Please check: ratings.Punctuality: Ratings go from 1 to 5');
  });

  it('writes the audit row in the same transaction as the change, and neither when the handler fails', async () => {
    const failing = createRouter(keel.app, {
      ...allHandlers,
      'clinic.update': async (input, ctx) => {
        await ctx.db.updateTable('clinic').set({ name: 'Half-changed' }).execute();
        throw new KeelError('conflict', 'Refused after writing.');
      },
    });
    const before = snapshot(keel);
    const outcome = await failing.call({ channel: 'clinic.update', input: (await import('../../shared/contract/clinic-fields')).CLINIC_EXAMPLE, token: manager });
    expect(errorOf(outcome)).toEqual({ code: 'conflict', message: 'Refused after writing.' });
    expect(snapshot(keel)).toEqual(before);
  });

  it('hides unexpected errors behind a plain internal error, without a stack', async () => {
    const logged: unknown[] = [];
    const broken = createRouter({ ...keel.app, logError: (e) => logged.push(e) }, {
      ...allHandlers,
      'clinic.get': async () => {
        throw new TypeError('cannot read properties of undefined (reading "secret")');
      },
    });
    const error = errorOf(await broken.call({ channel: 'clinic.get', input: {}, token: manager }));
    expect(error.code).toBe('internal');
    expect(error.message).not.toMatch(/secret|TypeError|at /);
    expect(logged).toHaveLength(1);
  });

  it('audits each write with who, what and the target', async () => {
    const created = valueOf<{ id: string }>(await keel.call('users.create', { username: 'newbie', fullName: 'New Bie', role: 'billing', password: 'temporary-123' }, manager));
    const row = auditRows(keel).at(-1)!;
    expect(row).toMatchObject({ action: 'users.create', kind: 'admin', outcome: 'ok', username: 'dana', target_id: created.id });
    expect(JSON.parse(row.detail!)).toEqual({ username: 'newbie', role: 'billing' });
    expect(row.detail).not.toContain('temporary-123');
  });
});
