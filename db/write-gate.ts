import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryCompiler, QueryResult, TransactionSettings } from 'kysely';

/**
 * One writer at a time between the main connection and a transaction that runs
 * on a connection of its own in a worker thread (`transactionInWorker`), without
 * the main thread ever waiting inside SQLite.
 *
 * SQLite lets one connection write at a time; a second one that tries waits in
 * its busy handler, which on the main connection is a synchronous wait of up to
 * busy_timeout: the whole app frozen. So while a worker holds the gate, a write
 * on the main connection (a transaction, or a statement that is not read-only)
 * waits here, asynchronously, with the connection released so reads go on; WAL
 * lets them read the last committed state meanwhile. The worker in turn takes the
 * gate only once the main connection's open transactions have ended.
 */
export class WriteGate {
  /** Main-connection transactions and writes under way. */
  #active = 0;
  /** Settles when the exclusive holder (a worker transaction) is done. */
  #held: Promise<void> | null = null;
  #drained: (() => void) | null = null;

  /** Resolves once no worker holds the gate (it may be taken again right after: `tryEnter` says). */
  async opened(): Promise<void> {
    while (this.#held) await this.#held;
  }

  /**
   * A main-connection write starts, if no worker holds the gate. Checking and
   * entering are one step: with an await between them, a worker could take the
   * gate in that moment and the write would then wait inside SQLite, blocking.
   */
  tryEnter(): boolean {
    if (this.#held) return false;
    this.#active++;
    return true;
  }

  leave(): void {
    this.#active--;
    if (this.#active === 0) this.#drained?.();
  }

  /** Runs `work` once the main connection's writes have ended, holding every new one back until it is done. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    // Checked and taken in one step, so two worker transactions never hold it at once.
    while (this.#held) await this.#held;
    let release!: () => void;
    this.#held = new Promise<void>((resolve) => (release = resolve));
    try {
      if (this.#active > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
      this.#drained = null;
      return await work();
    } finally {
      this.#held = null;
      release();
    }
  }
}

/** kysely's connection, wrapped: knows whether it holds the gate for an open transaction. */
class GatedConnection implements DatabaseConnection {
  holdsGate = false;
  constructor(
    public inner: DatabaseConnection,
    private readonly driver: GatedDriver,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.holdsGate || !this.driver.isWrite(query.sql)) return this.inner.executeQuery<R>(query);
    await this.driver.enter(this);
    try {
      return await this.inner.executeQuery<R>(query);
    } finally {
      this.driver.gate.leave();
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** Passes every write on the one main connection through the gate. */
class GatedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    readonly gate: WriteGate,
    readonly isWrite: (sql: string) => boolean,
  ) {}

  /**
   * Enters the gate; while a worker holds it, waits with the connection given
   * back, so that queries queued behind this one (reads) run meanwhile, and
   * takes the connection again before trying once more.
   */
  async enter(connection: GatedConnection): Promise<void> {
    while (!this.gate.tryEnter()) {
      await this.inner.releaseConnection(connection.inner);
      await this.gate.opened();
      connection.inner = await this.inner.acquireConnection();
    }
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new GatedConnection(await this.inner.acquireConnection(), this);
  }

  async beginTransaction(connection: GatedConnection, settings: TransactionSettings): Promise<void> {
    await this.enter(connection);
    connection.holdsGate = true;
    try {
      await this.inner.beginTransaction(connection.inner, settings);
    } catch (error) {
      this.#leave(connection);
      throw error;
    }
  }

  async commitTransaction(connection: GatedConnection): Promise<void> {
    // A failed commit is followed by kysely's rollback, which leaves the gate.
    await this.inner.commitTransaction(connection.inner);
    this.#leave(connection);
  }

  async rollbackTransaction(connection: GatedConnection): Promise<void> {
    try {
      await this.inner.rollbackTransaction(connection.inner);
    } finally {
      this.#leave(connection);
    }
  }

  async savepoint(connection: GatedConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.savepoint?.(connection.inner, name, compile);
  }

  async rollbackToSavepoint(connection: GatedConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.rollbackToSavepoint?.(connection.inner, name, compile);
  }

  async releaseSavepoint(connection: GatedConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.releaseSavepoint?.(connection.inner, name, compile);
  }

  releaseConnection(connection: GatedConnection): Promise<void> {
    return this.inner.releaseConnection(connection.inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }

  #leave(connection: GatedConnection): void {
    if (!connection.holdsGate) return;
    connection.holdsGate = false;
    this.gate.leave();
  }
}

/** The same dialect, with every write of its connection passed through `gate`. */
export function gatedDialect(dialect: Dialect, gate: WriteGate, isWrite: (sql: string) => boolean): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new GatedDriver(dialect.createDriver(), gate, isWrite),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
