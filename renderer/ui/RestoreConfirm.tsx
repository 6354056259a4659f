import { RotateCcw, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from './Button';
import { Alert } from './Feedback';
import { TextField } from './Field';

/** The word typed to confirm a restore. */
export const RESTORE_WORD = 'RESTORE';

export function isRestoreTyped(typed: string): boolean {
  return typed.trim().toUpperCase() === RESTORE_WORD;
}

/** A warning in a yellow box, with its icon: what a restore takes away. */
export function WarningBox({ children }: { children: ReactNode }) {
  return (
    <div className="warning-box">
      <TriangleAlert size={20} aria-hidden="true" />
      <div>{children}</div>
    </div>
  );
}

/**
 * The end of every restore form: type RESTORE, then the red button (enabled
 * only once the word is typed) and Cancel; what went wrong, between them.
 */
export function RestoreConfirmFields({ typed, onTyped, busy, error, onCancel, children }: { typed: string; onTyped: (value: string) => void; busy: boolean; error: string | null; onCancel: () => void; children?: ReactNode }) {
  return (
    <>
      <TextField label={`Type ${RESTORE_WORD} to confirm`} value={typed} onChange={onTyped} autoComplete="off" spellCheck={false} hint="This makes sure the backup is not restored by accident." disabled={busy} />
      {children}
      {error && <Alert>{error}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="danger" busy={busy} disabled={!isRestoreTyped(typed)} icon={<RotateCcw size={16} aria-hidden="true" />}>
          Restore this backup
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </>
  );
}
