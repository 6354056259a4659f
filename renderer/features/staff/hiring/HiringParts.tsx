import type { Candidate } from '../../../../shared/contract/candidates';
import { formatDate } from '../../../../shared/domain/format';
import { CANDIDATE_STAGE_LABELS } from '../../../../shared/domain/staff';
import { dateInZone } from '../../../../shared/domain/time';
import { useSession } from '../../../app/session-store';
import { Alert, Badge } from '../../../ui/Feedback';
import { FieldFrame } from '../../../ui/Field';
import { STAGE_TONES } from './hiring-labels';

/** A clinic date, or the raw date until the clinic has loaded. */
export function useFormatDate(): (date: string) => string {
  const clinic = useSession((s) => s.clinic);
  return (date) => (clinic ? formatDate(date, clinic.dateOrder) : date);
}

/** Today in the clinic's time zone. */
export function useClinicToday(): string {
  const clinic = useSession((s) => s.clinic);
  return clinic ? dateInZone(new Date(), clinic.timeZone) : new Date().toISOString().slice(0, 10);
}

/** A multi-line note, labelled and wired for errors like the other fields. */
export function NoteField({ label = 'Note (optional)', value, onChange, error, hint, rows = 3 }: { label?: string; value: string; onChange: (v: string) => void; error?: string | undefined; hint?: string; rows?: number }) {
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} className="hiring-note" rows={rows} maxLength={2000} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
      )}
    </FieldFrame>
  );
}

export function StageBadge({ candidate }: { candidate: Pick<Candidate, 'stage'> }) {
  return <Badge tone={STAGE_TONES[candidate.stage]}>{CANDIDATE_STAGE_LABELS[candidate.stage]}</Badge>;
}

/** Every step a candidate went through, oldest first, with who recorded it. */
export function CandidateHistory({ candidate }: { candidate: Candidate }) {
  const format = useFormatDate();
  if (candidate.history.length === 0) return <p className="muted">No steps recorded yet.</p>;
  return (
    <ol className="hiring-history" aria-label={`Steps for ${candidate.fullName}`}>
      {candidate.history.map((e, i) => (
        <li key={i}>
          <span className="hiring-history-date">{format(e.onDate)}</span>
          <span>
            <strong>{CANDIDATE_STAGE_LABELS[e.stage]}</strong>
            {e.by && <span className="muted small"> — recorded by {e.by}</span>}
            {e.note && <span className="hiring-history-note">{e.note}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The form's message; when fields are highlighted it points at them rather than repeating the first one. */
export function FormMessage({ form }: { form: { message: string | null; errors: Record<string, string> } }) {
  if (!form.message) return null;
  return <Alert>{Object.keys(form.errors).length > 0 ? 'Please correct the highlighted fields.' : form.message}</Alert>;
}

/** Dates inside a message from Keel ("before the last step (2026-03-02)") written the clinic's way. */
export function useLocaliseDates(): (message: string | undefined) => string | undefined {
  const format = useFormatDate();
  return (message) => message?.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => format(d));
}
