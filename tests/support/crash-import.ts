/**
 * Child process for the import crash test: sets up a clinic, then runs a real
 * patient import and is killed (SIGKILL) inside its final transaction, in the
 * worker thread that runs it, after every write of the import and its audit
 * row and before the commit.
 */
import { openKeelApp } from '../../electron/core/app';
import { createRouter } from '../../electron/core/router';
import { CLINIC_EXAMPLE } from '../../shared/contract/clinic-fields';

const [dir, rowCount] = process.argv.slice(2);
const app = await openKeelApp(dir!, { scrypt: { log2N: 10, r: 8, p: 1 }, logError: () => {} });
const inWorker = app.database.transactionInWorker;
app.database.transactionInWorker = (work) =>
  inWorker(async (trx) => {
    await work(trx);
    const written = await trx.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    process.stdout.write(`inside the final transaction: ${written.n} patients written\n`);
    process.kill(process.pid, 'SIGKILL');
    return new Promise<never>(() => {});
  });
const router = createRouter(app);
const setup = await router.call({ token: null, channel: 'setup.createClinic', input: { clinic: CLINIC_EXAMPLE, manager: { fullName: 'M', username: 'manager', password: 'a-long-password' } } });
const token = setup.session && 'start' in setup.session ? setup.session.start : null;
const rows = Array.from({ length: Number(rowCount) }, (_, i) => `P${i},Crash${i % 97},1980-01-${String((i % 28) + 1).padStart(2, '0')}`);
const csv = `First name,Last name,Date of birth\n${rows.join('\n')}\n`;
const run = await router.call({ token, channel: 'patients.importRun', input: { csv, mapping: { '0': 'firstName', '1': 'lastName', '2': 'dob' }, duplicates: 'import' } });
process.stdout.write(`the import ended without being killed: ${JSON.stringify(run.result)}\n`);
