import { Button } from './Button';

/** A settings form's actions: save (only when changed), undo the changes, and a note while unsaved. */
export function SaveUndo({ saveLabel, dirty, busy, onUndo }: { saveLabel: string; dirty: boolean; busy: boolean; onUndo: () => void }) {
  return (
    <div className="form-actions">
      <Button type="submit" variant="primary" busy={busy} disabled={!dirty}>
        {saveLabel}
      </Button>
      <Button onClick={onUndo} disabled={!dirty || busy}>
        Undo changes
      </Button>
      {dirty && <span className="muted small">You have unsaved changes.</span>}
    </div>
  );
}
