import { useState } from 'react';
import type { WaitlistEntry } from '../../../../shared/contract/waitlist';
import { call, messageOf } from '../../../app/api';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert } from '../../../ui/Feedback';

interface RemoveProps {
  entry: WaitlistEntry | null;
  onClose: () => void;
  onRemoved: (entry: WaitlistEntry) => void;
}

/** Asks before taking someone off the waitlist: they lose their place in the queue. */
export function RemoveFromWaitlistDialog({ entry, onClose, onRemoved }: RemoveProps) {
  return (
    <Dialog open={entry !== null} title="Remove from the waitlist?" onClose={onClose}>
      {entry && <ConfirmRemove key={entry.id} entry={entry} onClose={onClose} onRemoved={onRemoved} />}
    </Dialog>
  );
}

function ConfirmRemove({ entry, onClose, onRemoved }: { entry: WaitlistEntry; onClose: () => void; onRemoved: (entry: WaitlistEntry) => void }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setFailure(null);
    try {
      onRemoved(await call('waitlist.close', { id: entry.id }));
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <p>
        <strong>{entry.patient.name}</strong> will no longer be offered a {entry.typeName.toLowerCase()} appointment when a time frees up. Do this when they no longer need one
        or have found a time elsewhere.
      </p>
      <p className="muted small">If they need to wait again later, add them again; they will start at the end of the list.</p>
      {failure && <Alert>{failure}</Alert>}
      <div className="form-actions">
        <Button variant="danger" busy={busy} onClick={() => void remove()}>
          Remove from waitlist
        </Button>
        <Button onClick={onClose}>
          Keep waiting
        </Button>
      </div>
    </div>
  );
}
