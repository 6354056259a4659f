/**
 * A long all-or-nothing transaction (a 100,000-row import) run on a connection
 * of its own in a worker thread, so the main thread keeps serving the front
 * desk. The queries are still built by kysely on the main thread, from the same
 * db/ functions as any other write; each one travels to the worker, which runs
 * it inside its transaction and sends back the rows. Between two queries the
 * main thread is free, so its event loop never stalls for the transaction.
 *
 * While it runs, the worker holds the write gate (write-gate.ts): the main
 * connection's writes wait for it without blocking, its reads go on (WAL).
 * A crash or a kill before the commit leaves nothing: SQLite ignores a
 * transaction that did not commit.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CompiledQuery, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import type { DB } from './schema';
import type { WriteGate } from './write-gate';

/** The worker: one connection, each message one statement; plain JavaScript that needs only better-sqlite3. */
const SQL_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
for (const pragma of workerData.pragmas) db.pragma(pragma);
const statements = new Map();
const blob = (v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v);
parentPort.on('message', (message) => {
  if (message.close) {
    if (db.inTransaction) db.exec('rollback');
    // Copies the transaction's pages into the database here, not in the main thread's next commit.
    else db.pragma('wal_checkpoint(PASSIVE)');
    db.close();
    parentPort.close();
    return;
  }
  try {
    let statement = statements.get(message.sql);
    if (!statement) statements.set(message.sql, (statement = db.prepare(message.sql)));
    const parameters = message.parameters.map(blob);
    if (statement.reader) parentPort.postMessage({ id: message.id, rows: statement.all(parameters) });
    else {
      const { changes, lastInsertRowid } = statement.run(parameters);
      parentPort.postMessage({ id: message.id, changes, lastInsertRowid });
    }
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error && error.message ? error.message : error), code: error && error.code });
  }
});
`;

const driverPath = createRequire(path.join(import.meta.dirname, 'worker-transaction.js')).resolve('better-sqlite3');

interface Reply {
  id: number;
  rows?: unknown[];
  changes?: number;
  lastInsertRowid?: number | bigint;
  error?: string;
  code?: string;
}

/** The worker's connection as kysely sees it: each query posted, its reply awaited. */
class WorkerConnection implements DatabaseConnection {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  #next = 0;
  #failure: Error | null = null;
  #closing = false;
  readonly exited: Promise<void>;

  constructor(file: string, pragmas: readonly string[]) {
    this.#worker = new Worker(SQL_WORKER_SOURCE, { eval: true, workerData: { file, pragmas, driver: driverPath } });
    this.#worker.on('message', (reply: Reply) => {
      const waiting = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (reply.error !== undefined) waiting?.reject(Object.assign(new Error(reply.error), { code: reply.code }));
      else waiting?.resolve(reply);
    });
    this.#worker.on('error', (error) => this.#fail(error));
    this.exited = new Promise((resolve) => {
      this.#worker.once('exit', (code) => {
        this.#fail(new Error(`The database worker stopped before it answered (exit ${code}); nothing it was doing was saved.`));
        resolve();
      });
    });
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const waiting of this.#pending.values()) waiting.reject(error);
    this.#pending.clear();
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const reply = await new Promise<Reply>((resolve, reject) => {
      if (this.#failure) return reject(this.#failure);
      const id = this.#next++;
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, sql: query.sql, parameters: query.parameters });
    });
    if (reply.rows) return { rows: reply.rows.map(withBuffers) as R[] };
    return {
      numAffectedRows: reply.changes === undefined ? undefined : BigInt(reply.changes),
      insertId: reply.lastInsertRowid === undefined ? undefined : BigInt(reply.lastInsertRowid),
      rows: [],
    };
  }

  // eslint-disable-next-line require-yield -- kysely's interface; the worker answers whole results only
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('A transaction in a worker does not stream rows; read them in pages.');
  }

  /** Rolls back a transaction still open (a commit already sent goes first), then ends the worker. */
  async close(): Promise<void> {
    if (!this.#closing) {
      this.#closing = true;
      this.#worker.postMessage({ close: true });
    }
    await this.exited;
  }
}

/** Blobs come back from the worker as Uint8Array; the main connection gives Buffers. */
function withBuffers(row: unknown): unknown {
  if (typeof row !== 'object' || row === null) return row;
  for (const [key, value] of Object.entries(row)) if (value instanceof Uint8Array && !Buffer.isBuffer(value)) (row as Record<string, unknown>)[key] = Buffer.from(value);
  return row;
}

class WorkerDriver implements Driver {
  constructor(readonly connection: WorkerConnection) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // IMMEDIATE: the write lock is taken now (the gate guarantees it is free), never halfway through.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => {
      // A worker that died took its transaction with it: nothing to roll back.
    });
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    await this.connection.close();
  }
}

/** Where the worker transactions run: the database file, its gate, the pragmas, and those under way. */
export interface WorkerTransactionHost {
  file: string;
  writeGate: WriteGate;
  pragmas: readonly string[];
  /**
   * Stops each worker transaction under way (rolled back unless its commit was
   * already sent): closing the database calls them, so no worker still writes
   * once the data folder's lock is given up.
   */
  running: Set<() => Promise<void>>;
}

/**
 * Runs `work` as one transaction on a new connection to `file` in a worker
 * thread, holding `gate` from before it begins until it has committed or rolled
 * back. `work` must write through the db it is given only: a write on the main
 * connection would wait for the gate this transaction holds. Must not be called
 * from inside a main-connection transaction (it waits for those to end).
 */
export async function transactionInWorker<T>(database: WorkerTransactionHost, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return database.writeGate.exclusive(async () => {
    const connection = new WorkerConnection(database.file, database.pragmas);
    const stop = () => connection.close();
    database.running.add(stop);
    const driver = new WorkerDriver(connection);
    const db = new Kysely<DB>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => driver,
        createQueryCompiler: () => new SqliteQueryCompiler(),
        createIntrospector: (k) => new SqliteIntrospector(k),
      },
    });
    try {
      return await db.transaction().execute(work);
    } finally {
      database.running.delete(stop);
      await db.destroy();
    }
  });
}
