/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab or carriage
 * return before them) as a formula. Exports put an apostrophe in front of such
 * cells, so a patient named "=HYPERLINK(…)" stays text.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
