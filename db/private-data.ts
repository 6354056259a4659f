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

/**
 * Tables whose rows are work in progress, not data: an import's staged rows
 * (names and birth dates) exist only while that import runs.
 */
export const TRANSIENT_TABLES: readonly string[] = ['patient_import_rows'];
