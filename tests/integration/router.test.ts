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
