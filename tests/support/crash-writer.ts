/**
 * Child process for the crash-safety tests (tests/support/crash-loop.ts), killed
 * with SIGKILL by its parent at random moments.
 *
 *   node --import tsx tests/support/crash-writer.ts <dir> write <first-n | ->
 *     Opens the data folder through the real data layer (lock, pragmas, Keel's
 *     own migrations), then commits transactions n = first-n, first-n + 1, … for
 *     ever. Transaction n appends exactly rowsFor(n) rows to `audit_log` (Keel's
 *     append-only table, no foreign keys). Prints `opening` before opening the
 *     folder, `ready` once it is open, `open <n>` once transaction n has written
 *     its first row, and `ack <n>` only after the commit of n has returned.
 *     With `-` it first loads, prints `loaded`, and waits for first-n on stdin,
 *     so a parent can start it before the previous writer is killed.
 *
 *   node --import tsx tests/support/crash-writer.ts <dir> migrate
 *     Opens the folder with Keel's migrations followed by a slow test-only
 *     migration, printing its progress; prints `migrated` when the open returned.
 *
 * Every line is awaited until Node has handed it to the kernel (the write
 * callback), so a line once printed survives the SIGKILL, and the writer cannot
 * run ahead of what its parent can learn: stdout here is a non-blocking socket,
 * and a write made while it is full would otherwise wait in this process's memory
 * and die with it.
 */
import { appendAudit } from '../../db/audit';
import { MIGRATIONS } from '../../db/migrations/index';
import { openDataFolder } from '../../db/open';
import { rowsFor, slowMigration, WRITE_ACTION } from './crash-loop';

const [dir, mode, first] = process.argv.slice(2);
if (!dir || (mode !== 'write' && mode !== 'migrate')) {
  process.stderr.write('usage: crash-writer.ts <dir> write <first-n> | crash-writer.ts <dir> migrate\n');
  process.exit(2);
}
const say = (line: string) =>
  new Promise<void>((resolve, reject) => {
    process.stdout.write(`${line}\n`, (error) => (error ? reject(error) : resolve()));
  });

async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    const newline = text.indexOf('\n');
    if (newline >= 0) return text.slice(0, newline);
  }
  throw new Error('stdin closed before the first transaction number arrived');
}

if (mode === 'migrate') {
  const database = await openDataFolder(dir, { migrations: [...MIGRATIONS, slowMigration(say)] });
  await say('migrated');
  await database.close();
} else {
  let text = first ?? '0';
  if (text === '-') {
    await say('loaded');
    text = await firstLineOfStdin();
  }
  const start = Number(text);
  if (!Number.isInteger(start) || start < 0) throw new Error(`bad first transaction number ${JSON.stringify(text)}`);
  await say('opening');
  const database = await openDataFolder(dir);
  await say('ready');
  const at = new Date().toISOString();
  for (let n = start; ; n++) {
    const k = rowsFor(n);
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < k; i++) {
        await appendAudit(trx, {
          id: `crash-${n}-${i}`,
          at,
          userId: null,
          username: null,
          action: WRITE_ACTION,
          kind: 'admin',
          outcome: 'ok',
          targetId: String(n),
          detail: { n, i, k },
        });
        if (i === 0) await say(`open ${n}`);
      }
    });
    await say(`ack ${n}`);
  }
}
