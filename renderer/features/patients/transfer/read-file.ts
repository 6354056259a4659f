/** The main process takes at most 28 MB of CSV text at a time. */
export const MAX_FILE_BYTES = 28 * 1024 * 1024;

export const NOT_UTF8 =
  'This file is not UTF-8 text, so names with accents would be garbled. In your spreadsheet choose Save As → CSV UTF-8, then choose the file again.';

/** A reason, in plain words, why a chosen file cannot be read. */
export class FileReadError extends Error {}

/** A chosen file as text, or a plain reason it cannot be used (thrown as a FileReadError). */
export async function readCsvFile(file: File): Promise<string> {
  if (file.size === 0) throw new FileReadError('This file is empty. Choose the file your old system exported.');
  if (file.size > MAX_FILE_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    throw new FileReadError(`This file is ${mb} MB; Keel takes at most 28 MB at a time. Split the file into smaller ones (for example last names A–M and N–Z, each with the header row) and import them one after the other.`);
  }
  let buffer: ArrayBuffer;
  try {
    buffer = await file.arrayBuffer();
  } catch {
    throw new FileReadError('Keel could not read this file. Is it still there, and not open in another program? Choose it again.');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new FileReadError(NOT_UTF8);
  }
}
