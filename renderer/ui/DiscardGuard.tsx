import { useRef, useState, type ReactNode } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';

/**
 * Closing a form someone has filled in (Esc, ×, Cancel) asks first: "Keep
 * editing" is the default, so a stray Esc loses nothing. An untouched form
 * closes at once. Render `confirm` beside the form's dialog, not inside it.
 */
export function useDiscardGuard({ dirty, onClose, what }: { dirty: boolean; onClose: () => void; what: string }): { requestClose: () => void; confirm: ReactNode } {
  const [asking, setAsking] = useState(false);
  const back = useRef<HTMLElement | null>(null);
  const requestClose = () => {
    if (!dirty) return onClose();
    back.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setAsking(true);
  };
  // Back to the field the person was in when they pressed Esc.
  const keepEditing = () => {
    setAsking(false);
    setTimeout(() => back.current?.focus(), 0);
  };
  const confirm = asking ? (
    <Dialog open title={`Discard ${what}?`} onClose={keepEditing}>
      <p>What you have entered will be lost.</p>
      <div className="form-actions discard-actions">
        <Button
          variant="danger"
          onClick={() => {
            setAsking(false);
            onClose();
          }}
        >
          Discard
        </Button>
        <Button variant="primary" data-autofocus onClick={keepEditing}>
          Keep editing
        </Button>
      </div>
    </Dialog>
  ) : null;
  return { requestClose, confirm };
}
