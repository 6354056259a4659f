import type { CredentialFlag } from '../../../shared/contract/credentials';
import { describeFlag } from '../../../shared/domain/roster';

/** One line for a flag, e.g. "HIPAA training missing, CPR / BLS expired". */
export function flagText(flag: CredentialFlag): string {
  return describeFlag(flag);
}

/** Dollars typed by a person ("23.50", "$1,200") to whole cents; null when it is not a number. */
export function dollarsToCents(text: string): number | null {
  const clean = text.replace(/[$,\s]/g, '');
  if (!/^\d+(\.\d{0,2})?$/.test(clean)) return null;
  return Math.round(Number(clean) * 100);
}

export function centsToDollars(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** Reads a chosen file as base64 (without the data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** Offers a file to save or open, from base64 (no window.open: the desktop window refuses new windows). */
export function saveFile(fileName: string, mime: string, dataBase64: string): void {
  const bytes = Uint8Array.from(atob(dataBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
