import { NAME_KEY } from './audit';

/**
 * What Keel keeps to itself, even from a manager: secret columns are never shown
 * (the recovery screen) or written out (`keel export`); transient tables are
 * never written out, and are emptied whenever the data folder opens.
 */

/** Columns holding secrets: password hashes and the like. */
const SECRET_COLUMN = /password|secret|token/i;

export function isSecretColumn(name: string): boolean {
  return SECRET_COLUMN.test(name);
}

/** Rows that are secrets, by table: the key behind the audit log's hashes of unknown usernames. */
const SECRET_ROWS: Readonly<Record<string, { column: string; values: readonly string[] }>> = { settings: { column: 'key', values: [NAME_KEY] } };

/** A `where` clause (with its parameters) that leaves a table's secret rows out, for raw reads of any table. */
export function withoutSecretRows(table: string): { where: string; params: string[] } {
  const secret = SECRET_ROWS[table];
  if (!secret) return { where: '', params: [] };
  return { where: ` where "${secret.column}" not in (${secret.values.map(() => '?').join(', ')})`, params: [...secret.values] };
}

/**
 * Tables whose rows are work in progress, not data: an import's staged rows
 * (names and birth dates) exist only while that import runs.
 */
export const TRANSIENT_TABLES: readonly string[] = ['patient_import_rows'];
