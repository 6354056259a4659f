/**
 * The SQLite work on backups that takes more than a moment, in worker threads
 * so the process serving the front desk never stalls. Each script is plain
 * JavaScript evaluated in the worker: it needs nothing but better-sqlite3.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** The checks SQLite does not finish in a moment: integrity_check (or quick_check) and row counts. */
const INSPECT_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all();
  const version = Number(db.pragma('user_version', { simple: true }));
  const check = db.pragma(workerData.quick ? 'quick_check' : 'integrity_check').map((row) => Object.values(row)[0]);
  const counts = {};
  if (check.length === 1 && check[0] === 'ok') for (const t of tables) counts[t] = db.prepare('select count(*) from "' + t.replace(/"/g, '""') + '"').pluck().get();
  parentPort.postMessage({ tables, version, check, counts });
} catch (error) {
  parentPort.postMessage({ error: String(error && error.message ? error.message : error) });
} finally {
  if (db) db.close();
}
`;

/**
 * The copy itself, in a worker with its own read-only connection: SQLite's
 * online backup API in one step, inside one read transaction, so the copy is
 * one committed state however busy the front desk is (WAL lets the writers go
 * on), and the main thread only waits on a message.
 *
 * The copy is written into an empty database made with 64 KB pages. SQLite's
 * backup API packs the source's 4 KB pages into the destination's pages (its
 * documented path for a destination with larger pages), so it makes 16 times
 * fewer writes, and the file it leaves has the source's own page size and
 * content: SQLite copies the header and truncates the file to the source's
 * length. The copy is taken under a temporary name, so that empty database
 * needs no flushing of its own.
 */
const COPY_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let source;
try {
  const empty = new Database(workerData.dest);
  empty.pragma('synchronous = OFF');
  empty.pragma('page_size = ' + workerData.writePageSize);
  empty.pragma('user_version = 0');
  empty.close();
  source = new Database(workerData.source, { readonly: true, fileMustExist: true });
  // Another process (a running Keel beside keel backup) may hold the database for a moment: wait, as Keel's own connections do.
  source.pragma('busy_timeout = 5000');
  // Each page is read once: a small cache saves touching memory for nothing.
  source.pragma('cache_size = -1024');
  source.backup(workerData.dest, { progress: () => 2147483647 }).then(
    () => {
      source.close();
      // A backup is a plain file: no WAL beside it, readable read-only anywhere. Flushed by the caller.
      const copy = new Database(workerData.dest);
      copy.pragma('synchronous = OFF');
      copy.pragma('journal_mode = DELETE');
      copy.close();
      parentPort.postMessage({ ok: true });
    },
    (error) => {
      source.close();
      parentPort.postMessage({ error: String(error && error.message ? error.message : error), code: error && error.code });
    },
  );
} catch (error) {
  if (source) source.close();
  parentPort.postMessage({ error: String(error && error.message ? error.message : error), code: error && error.code });
}
`;

/** The page size the copy is written with (SQLite's largest); the backup keeps the source's. */
const COPY_WRITE_PAGE_SIZE = 65536;

export interface InspectReply {
  tables?: string[];
  version?: number;
  check?: string[];
  counts?: Record<string, number>;
  error?: string;
}

const driverPath = createRequire(path.join(import.meta.dirname, 'backup-workers.js')).resolve('better-sqlite3');

/** Runs one of the scripts above in a fresh worker thread and resolves with the one message it sends. */
function runInWorker<T>(source: string, workerData: Record<string, unknown>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { ...workerData, driver: driverPath } });
    worker.once('message', (reply: T) => resolve(reply));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`The ${what} stopped unexpectedly (exit ${code})`));
    });
  });
}

/** Copies a live database to `dest` with the backup API, off the main thread. */
export async function copyInWorker(source: string, dest: string): Promise<void> {
  const reply = await runInWorker<{ ok?: boolean; error?: string; code?: string }>(COPY_WORKER_SOURCE, { source, dest, writePageSize: COPY_WRITE_PAGE_SIZE }, 'copy');
  if (!reply.ok) throw Object.assign(new Error(reply.error ?? 'The copy failed'), { code: reply.code });
}

/** Opens a file read-only off the main thread: its tables, schema version, integrity or quick check, and row counts. */
export function inspectInWorker(file: string, quick: boolean): Promise<InspectReply> {
  return runInWorker<InspectReply>(INSPECT_WORKER_SOURCE, { file, quick }, 'check');
}
