import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataFolderError, isDiskFull } from '../../db/errors';
import { DEMO_CLINIC } from '../../db/demo/index';
import { openDataFolder } from '../../db/open';
import { date } from '../../shared/contract/fields';
import { KeelError } from '../../shared/contract/index';
import { quoted } from '../../shared/domain/backup';
import { dateInZone, daysBetween } from '../../shared/domain/time';
import { openKeelApp } from '../core/app';
import { checkAgainstManifest } from '../core/backup-restore';
import { BACKUP_DIR, BackupError, pruneBackups, takeBackup, verifyFile, type BackupProgress } from '../core/backups';
import { onlineBackupSource } from '../core/backup-service';
import { exportFolder, restoreDataFolder, withNewestBackup } from '../core/data-tools';
import { createDemoClinic, demoAccountsStillValid } from '../core/demo';
import { defaultDataDir } from '../core/paths';
import { startKeel } from '../core/runtime';
import { unlockUser } from '../core/unlock-user';
import { createProgress } from './progress';
import { ensureRendererBuilt } from './renderer-build';
import { startWebHost } from './web';

const USAGE = `Keel admin command

  keel demo    --data DIR [--size small|large] [--seed N] [--today YYYY-MM-DD]
                                                            create a demo clinic in an empty folder
  keel serve   --data DIR [--port N] [--demo] [--today YYYY-MM-DD]
                                                            run Keel in the browser on 127.0.0.1
                                                            (--today: as if it were that day, for previews and tests)
  keel migrate --data DIR                                   bring a data folder to the current schema
  keel backup  --data DIR [--to DIR]                        take and verify a backup (default: DIR/backups)
  keel verify  FILE                                         check a backup; non-zero exit and the reason if bad
  keel restore FILE --data DIR                              restore a backup (the current data is kept as a safety copy)
  keel export  --data DIR --to DIR                          every table to CSV, for moving to another system
  keel unlock-user USERNAME --data DIR                      unlock an account locked by failed sign-ins (audited)
  keel help                                                 this text

--data defaults to the desktop app's own folder (${defaultDataDir()}), or $KEEL_DATA.
Exit code 0 on success; otherwise 1 and a one-line reason.`;

export const DEFAULT_PORT = 4700;

class UsageError extends Error {}

const say = (line: string) => process.stdout.write(`${line}\n`);

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;
type ParsedValues = Record<string, string | boolean | undefined>;

function parse(args: string[], options: OptionSpec): { values: ParsedValues } {
  try {
    const { values } = parseArgs({ args, options: { data: { type: 'string' }, ...options }, strict: true, allowPositionals: false });
    return { values: values as ParsedValues };
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
}

function intOption(value: string | boolean | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function printAccounts(accounts: ReadonlyArray<{ username: string; password: string; role: string }>): void {
  say('Sign in with one of these demo accounts:');
  for (const a of accounts) say(`  ${a.role.padEnd(13)} ${a.username.padEnd(10)} ${a.password}`);
}

async function demo(args: string[]): Promise<void> {
  const { values } = parse(args, { size: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' } });
  const size = (values.size as string | undefined) ?? 'small';
  if (size !== 'small' && size !== 'large') throw new UsageError('--size must be small or large');
  const seed = intOption(values.seed, 'seed', 1, 0, 2 ** 31 - 1);
  const today = values.today as string | undefined;
  if (today !== undefined && !date().safeParse(today).success) throw new UsageError('--today must be a date like 2026-03-02');
  const dir = (values.data as string | undefined) ?? defaultDataDir();
  say(`Creating the ${size} demo clinic (seed ${seed}) in ${dir}`);
  const app = await openKeelApp(dir, { onStep: say });
  try {
    const progress = createProgress();
    const accounts = await createDemoClinic(app, { size, seed, ...(today ? { today } : {}), onProgress: progress.update });
    progress.finish();
    say('Demo clinic created.');
    printAccounts(accounts);
  } finally {
    await app.close();
  }
}

async function serve(args: string[]): Promise<void> {
  const { values } = parse(args, { port: { type: 'string' }, demo: { type: 'boolean' }, today: { type: 'string' } });
  const port = intOption(values.port, 'port', DEFAULT_PORT, 0, 65535);
  const dir = (values.data as string | undefined) ?? defaultDataDir();
  const today = values.today as string | undefined;
  if (today !== undefined && !date().safeParse(today).success) throw new UsageError('--today must be a date like 2026-03-02');
  // Before anything is opened or created: a busy port would otherwise leave a new demo behind.
  await assertPortFree(port);
  // --today moves the clock by whole days, so that it is that day in the clinic's time zone; the time of day still runs.
  let shift = 0;
  const runtime = await startKeel(dir, { onStep: say, ...(today !== undefined ? { now: () => new Date(Date.now() + shift) } : {}) });
  const shiftTo = (zone: string) => {
    if (today !== undefined) shift = daysBetween(dateInZone(new Date(), zone), today) * 86_400_000;
  };
  try {
    shiftTo((await runtime.app?.clinic())?.timeZone ?? DEMO_CLINIC.timeZone);
    if (runtime.app && values.demo === true) {
      if ((await runtime.app.clinic()) === undefined) {
        say('Empty folder: creating the small demo clinic first.');
        printAccounts(await createDemoClinic(runtime.app, { size: 'small', seed: 1 }));
      } else {
        const accounts = await demoAccountsStillValid(runtime.app);
        if (accounts.length > 0) printAccounts(accounts);
        else say('This folder already holds a clinic without the demo accounts: sign in with its own accounts.');
      }
    }
    if (runtime.mode === 'recovery') {
      // Never an empty database in its place: the browser shows the recovery screen instead.
      const message = withNewestBackup(new DataFolderError('damaged', runtime.problem ?? 'The database is damaged.'), dir) as Error;
      say(`${message.message}`);
      say('Keel is serving its recovery screen: a manager can restore the newest verified backup there, or look at the damaged data read-only.');
    }
    runtime.onNormal((app) => app.backups.startSchedule());
    const staticDir = await ensureRendererBuilt(say);
    const host = await startWebHost({ app: runtime, router: runtime, staticDir, port }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new UsageError(`port ${port} is already in use; choose another with --port N`);
      throw error;
    });
    say(`Keel is running at ${host.url}  (data: ${path.resolve(dir)})`);
    say('Press Ctrl+C to stop.');
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    say('Stopping…');
    await host.close();
    const app = runtime.app;
    if (app && (await app.clinic()) !== undefined && !app.backups.isRunning) {
      say('Backing up before closing…');
      const done = await app.backups.run('quit');
      say(done ? `Backup ${done.manifest.file} verified.` : 'The backup on closing failed; see Settings → Backups.');
    }
  } finally {
    await runtime.close();
  }
}

/** Refuses a port something else listens on, in the words `keel serve` uses. */
async function assertPortFree(port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new UsageError(`port ${port} is already in use; choose another with --port N`) : error);
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

async function migrate(args: string[]): Promise<void> {
  const { values } = parse(args, {});
  const dir = (values.data as string | undefined) ?? defaultDataDir();
  say(`Migrating ${dir}`);
  const database = await openDataFolder(dir, { onStep: say });
  await database.close();
  say('Done.');
}

/** The one argument that is not an option or an option's value (every option here takes a value). */
function positional(args: string[], what: string): [string, string[]] {
  const index = args.findIndex((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1]!.startsWith('--')));
  if (index === -1) throw new UsageError(`name the ${what}`);
  return [args[index]!, args.filter((_, i) => i !== index)];
}

const progressOf = (progress: ReturnType<typeof createProgress>) => (p: BackupProgress) =>
  progress.update(p.phase === 'copying' ? 'Copying the database' : p.phase === 'verifying' ? 'Verifying the backup' : 'Copying attachments', Math.round(p.fraction * 100), 100);

async function backup(args: string[]): Promise<void> {
  const { values } = parse(args, { to: { type: 'string' } });
  const dir = (values.data as string | undefined) ?? defaultDataDir();
  const to = (values.to as string | undefined) ?? path.join(dir, BACKUP_DIR);
  // Safe while Keel runs: SQLite's online backup beside it, never its folder lock, a migration or a write to its database.
  const source = await onlineBackupSource(dir);
  say(`Backing up ${source.file} to ${to}`);
  const progress = createProgress();
  const result = await takeBackup(source, { to, reason: 'cli', now: new Date(), onProgress: progressOf(progress) });
  progress.finish();
  say(`Verified backup: ${result.file}`);
  say(`  ${result.manifest.bytes} bytes · schema ${result.manifest.schemaVersion} · SHA-256 ${result.manifest.sha256}`);
  if (!source.retention) {
    say("Older backups were all kept: the clinic's retention settings could not be read.");
    return;
  }
  // By the clinic's own retention settings, under the backup folder's lock that the running Keel takes too.
  const pruned = await pruneBackups(to, source.retention);
  if (pruned.length) say(`Removed ${pruned.length} older backup${pruned.length === 1 ? '' : 's'} no longer kept: ${pruned.join(', ')}`);
}

async function verify(args: string[]): Promise<void> {
  const [file] = positional(args, 'backup file to check (keel verify FILE)');
  say(`Checking ${file}`);
  const result = await verifyFile(file);
  if (!result.ok) throw new UsageError(`not a good backup: ${result.reason}`);
  // The same checks a restore makes of its description file and the scans beside it.
  const described = await checkAgainstManifest(path.resolve(file), result, null);
  if (!described.ok) throw new UsageError(`not a good backup: ${described.reason}`);
  say(`Good backup: schema ${result.schemaVersion}, ${result.bytes} bytes, SHA-256 ${result.sha256}`);
  // Table names come from the file: shown as text, never as terminal control sequences.
  for (const [table, count] of Object.entries(result.counts)) if (!table.startsWith('keel_')) say(`  ${printable(table).padEnd(28)} ${count}`);
  if (!described.manifest) say('It has no description file (.json) beside it: keel backup and Keel write one once a backup passes its check.');
  else say(`Its description file matches it (taken ${described.manifest.takenAt}); ${described.scans.length} scans beside it checked${described.missing.length ? `, ${described.missing.length} missing` : ''}.`);
}

/** Text from a file for a terminal: control and direction characters escaped, cut short. */
const printable = (text: string) => (/^[\w .-]{1,64}$/.test(text) ? text : quoted(text));

async function restore(args: string[]): Promise<void> {
  const [file, rest] = positional(args, 'backup file to restore (keel restore FILE --data DIR)');
  const { values } = parse(rest, {});
  const dir = (values.data as string | undefined) ?? defaultDataDir();
  say(`Restoring ${file} into ${dir}`);
  const outcome = await restoreDataFolder(dir, file, { now: new Date(), actor: 'keel restore (command line)', onStep: say });
  if (outcome.safetyCopy) say(`The data it replaced is kept as ${outcome.safetyCopy}`);
  say('Restored.');
}

async function exportTables(args: string[]): Promise<void> {
  const { values } = parse(args, { to: { type: 'string' } });
  const dir = (values.data as string | undefined) ?? defaultDataDir();
  const to = values.to as string | undefined;
  if (!to) throw new UsageError('name the folder for the CSV files with --to DIR');
  // Read-only, so it also serves to look at a damaged database: what can be read is written out.
  const progress = createProgress();
  const outcome = exportFolder(dir, to, (table, done, total) => progress.update(`Exporting ${table}`, done, total));
  progress.finish();
  say(`Wrote ${outcome.files.length} CSV files to ${path.resolve(to)}`);
  if (outcome.failed.length) throw new UsageError(`${outcome.failed.length} table${outcome.failed.length === 1 ? '' : 's'} could not be read: ${outcome.failed.map((f) => `${f.table} (${f.reason})`).join('; ')}`);
}

async function unlockAccount(args: string[]): Promise<void> {
  const [username, rest] = positional(args, 'account to unlock (keel unlock-user USERNAME --data DIR)');
  const { values } = parse(rest, {});
  const dir = (values.data as string | undefined) ?? defaultDataDir();
  const { fullName, wasLocked } = await unlockUser(dir, username);
  say(wasLocked ? `Unlocked ${username} (${fullName}): they can sign in again with their password. Recorded in the audit trail.` : `${username} (${fullName}) was not locked; their failed sign-ins are cleared. Recorded in the audit trail.`);
}

/** Runs the admin command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'demo':
        await demo(rest);
        return 0;
      case 'serve':
        await serve(rest);
        return 0;
      case 'migrate':
        await migrate(rest);
        return 0;
      case 'backup':
        await backup(rest);
        return 0;
      case 'verify':
        await verify(rest);
        return 0;
      case 'restore':
        await restore(rest);
        return 0;
      case 'export':
        await exportTables(rest);
        return 0;
      case 'unlock-user':
        await unlockAccount(rest);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        say(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command "${command}" (try: keel help)`);
    }
  } catch (error) {
    const known = error instanceof UsageError || error instanceof DataFolderError || error instanceof KeelError || error instanceof BackupError;
    const reason = known
      ? (error as Error).message
      : isDiskFull(error)
        ? 'the disk is full: nothing was saved. Free some space and try again.'
        : `unexpected error: ${(error as Error).message ?? String(error)}`;
    process.stderr.write(`keel: ${reason}\n`);
    return 1;
  }
}
