import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/** The parts of the lists page that print on their own; lists.css shows only the one named on <html>. */
export type PrintPart = 'day-sheet' | 'reminders';

/**
 * Opens the print dialog for one part of the page (Chromium's dialog also saves as PDF).
 * Ctrl+P without a part prints the day sheet.
 */
export function printPart(part: PrintPart): void {
  const root = document.documentElement;
  root.dataset.listsPrint = part;
  window.addEventListener('afterprint', () => delete root.dataset.listsPrint, { once: true });
  window.print();
}

/** The moment the page is printed, for the "Printed …" line; refreshed just before each print. */
export function usePrintedAt(): Date {
  const [printedAt, setPrintedAt] = useState(() => new Date());
  useEffect(() => {
    // The dialog renders the page right after this event, so the new time must be in the DOM by then.
    const before = () => flushSync(() => setPrintedAt(new Date()));
    window.addEventListener('beforeprint', before);
    return () => window.removeEventListener('beforeprint', before);
  }, []);
  return printedAt;
}

