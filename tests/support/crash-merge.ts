/**
 * Child process for the crash test: sets up two patients and a concern, then
 * runs the real merge handler and is killed (SIGKILL) inside its transaction,
 * after every write of the merge and before the commit.
 */
import { openKeelApp } from '../../electron/core/app';
import { allHandlers } from '../../electron/core/handlers/index';
import { createRouter } from '../../electron/core/router';
import { CLINIC_EXAMPLE } from '../../shared/contract/clinic-fields';
import { PATIENT_EXAMPLE } from '../../shared/contract/patients';

const dir = process.argv[2]!;
const app = await openKeelApp(dir, { scrypt: { log2N: 10, r: 8, p: 1 }, logError: () => {} });
const realMerge = allHandlers['patients.merge'] as (input: unknown, ctx: unknown) => Promise<unknown>;
const router = createRouter(app, {
  ...allHandlers,
  'patients.merge': async (input, ctx) => {
    await realMerge(input, ctx);
    process.stdout.write('merging…\n');
    process.kill(process.pid, 'SIGKILL');
    return new Promise(() => {});
  },
});
const setup = await router.call({ token: null, channel: 'setup.createClinic', input: { clinic: CLINIC_EXAMPLE, manager: { fullName: 'M', username: 'manager', password: 'a-long-password' } } });
const token = setup.session && 'start' in setup.session ? setup.session.start : null;
const create = async (firstName: string) => {
  const out = await router.call({ token, channel: 'patients.create', input: { details: { ...PATIENT_EXAMPLE, firstName }, confirmDuplicate: true } });
  if (!out.result.ok) throw new Error(out.result.error.message);
  return (out.result.value as { id: string }).id;
};
const keep = await create('Ann');
const other = await create('Anne');
await router.call({ token, channel: 'concerns.create', input: { patientId: other, category: 'billing', description: 'x', severity: 'low', ownerId: null } });
await router.call({ token, channel: 'patients.merge', input: { keepId: keep, mergeId: other } });
