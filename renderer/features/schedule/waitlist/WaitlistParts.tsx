import type { WaitlistEntry } from '../../../../shared/contract/waitlist';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { formatDate, formatWallTime } from '../../../../shared/domain/format';
import { URGENCY_LABELS, type WaitlistUrgency } from '../../../../shared/domain/appointments';
import { dateInZone, WEEKDAYS, daysBetween } from '../../../../shared/domain/time';
import { navigate } from '../../../app/route';
import { Badge } from '../../../ui/Feedback';

const URGENCY_TONES: Record<WaitlistUrgency, 'bad' | 'warn' | 'neutral'> = { urgent: 'bad', soon: 'warn', routine: 'neutral' };

/** What each urgency means at the front desk, for the add dialog. */
export const URGENCY_HINTS: Record<WaitlistUrgency, string> = {
  urgent: 'Needs to be seen within days; offered first.',
  soon: 'Within the next week or two.',
  routine: 'Whenever a suitable time frees up.',
};

export function UrgencyBadge({ urgency }: { urgency: WaitlistUrgency }) {
  return <Badge tone={URGENCY_TONES[urgency]}>{URGENCY_LABELS[urgency]}</Badge>;
}

/** "Mon, Wed" or "Any day". */
export function weekdaysLabel(weekdays: readonly number[]): string {
  if (weekdays.length === 0) return 'Any day';
  return WEEKDAYS.filter((w) => weekdays.includes(w.day))
    .map((w) => w.short)
    .join(', ');
}

/** "Dr Patel, Dr Lee" or "Any provider". */
export function providersLabel(entry: Pick<WaitlistEntry, 'providerNames'>): string {
  const names = entry.providerNames.filter(Boolean);
  return names.length === 0 ? 'Any provider' : names.join(', ');
}

/** "8:00 AM – 12:00 PM" in the clinic's way of writing times. */
export function timeWindowLabel(from: string, to: string, order: DateOrder): string {
  return `${formatWallTime(from, order)} – ${formatWallTime(to, order)}`;
}

/** How long someone has been waiting, in days, from the instant they were added. */
export function WaitingSince({ addedAt, zone, order, today }: { addedAt: string; zone: string; order: DateOrder; today: string }) {
  const added = dateInZone(new Date(addedAt), zone);
  const days = Math.max(0, daysBetween(added, today));
  const label = days === 0 ? 'added today' : days === 1 ? 'added yesterday' : `added ${days} days ago`;
  return (
    <span className="waitlist-since">
      <span className={days >= 28 ? 'waitlist-long-wait' : undefined}>{label}</span>
      <span className="muted small">on {formatDate(added, order)}</span>
    </span>
  );
}

/** The patient's name (a link to their record), phone and record number. */
export function WaitlistPatient({ patient }: { patient: WaitlistEntry['patient'] }) {
  return (
    <span className="waitlist-patient">
      <a
        href={`#/patients/record/${patient.id}`}
        className="waitlist-patient-name"
        onClick={(e) => {
          e.preventDefault();
          navigate(`/patients/record/${patient.id}`);
        }}
      >
        {patient.name}
      </a>
      <span className="small">
        {patient.phone || <span className="muted">no phone</span>}
        <span className="muted"> · Record</span> {patient.mrn}
      </span>
    </span>
  );
}

/** Providers, days and time window, one per line. */
export function WaitlistWishes({ entry, order }: { entry: WaitlistEntry; order: DateOrder }) {
  return (
    <dl className="waitlist-wishes">
      <dt>With</dt>
      <dd>{providersLabel(entry)}</dd>
      <dt>Days</dt>
      <dd>{weekdaysLabel(entry.weekdays)}</dd>
      <dt>Times</dt>
      <dd className="nowrap">{timeWindowLabel(entry.timeFrom, entry.timeTo, order)}</dd>
    </dl>
  );
}
