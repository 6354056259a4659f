import { SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type Driver, type SqliteDialectConfig } from 'kysely';

/**
 * SQLite runs DDL inside transactions, but kysely's adapter says it does not, which
 * would make its Migrator run migrations without one. This adapter tells the truth,
 * so each migration is all-or-nothing.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** The connection as the driver needs it: kysely's interface plus whether a transaction is open. */
interface TransactionAware {
  readonly inTransaction: boolean;
}

/**
 * On a full disk (SQLITE_FULL) or an I/O error SQLite rolls the transaction back
 * itself; kysely's ROLLBACK then fails with "no transaction is active", and that
 * error replaced the real one. This driver skips a rollback SQLite already did.
 */
class KeelSqliteDriver extends SqliteDriver {
  readonly #database: TransactionAware;
  constructor(config: SqliteDialectConfig & { database: TransactionAware }) {
    super(config);
    this.#database = config.database;
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#database.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

export class KeelSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig & { database: TransactionAware };
  constructor(config: SqliteDialectConfig & { database: TransactionAware }) {
    super(config);
    this.#config = config;
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
  override createDriver(): Driver {
    return new KeelSqliteDriver(this.#config);
  }
}
