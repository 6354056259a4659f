import { sql, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type Driver, type RawBuilder, type SqliteDialectConfig } from 'kysely';

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

/*
 * JSON parameters: a list of ids or of small records bound as one JSON text, so a
 * compiled query takes any number of them. SQLite reads them with json_each and
 * json_extract; PostgreSQL would use json_array_elements and ->>.
 */

/** The values of a JSON array parameter, for `where(column, 'in', jsonValues(ids))`. */
export function jsonValues(json: unknown): RawBuilder<string> {
  return sql<string>`(select value from json_each(${json}))`;
}

/** A JSON array parameter as a table: `key` is the element's index, `value` the element. */
export function jsonRows(json: unknown): RawBuilder<{ key: number; value: string }> {
  return sql<{ key: number; value: string }>`json_each(${json})`;
}

/** One field of a JSON object held in a column (a jsonRows row's `value`, say). */
export function jsonField(column: string, field: string): RawBuilder<string> {
  return sql<string>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${field}`)})`;
}
