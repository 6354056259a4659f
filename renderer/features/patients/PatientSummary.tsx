import type { PatientFlags, PatientMatch } from '../../../shared/contract/patients';
import type { MatchReason } from '../../../shared/domain/patient-search';
import { ageOn, formatDate } from '../../../shared/domain/format';
import { dateInZone } from '../../../shared/domain/time';
import { useSession } from '../../app/session-store';
import { Badge } from '../../ui/Feedback';

/** Name, date of birth with age, phone and record number: enough to tell two people apart. */
export function PatientLine({ patient }: { patient: Pick<PatientMatch, 'name' | 'dob' | 'phone' | 'mrn'> }) {
  const clinic = useSession((s) => s.clinic);
  const today = clinic ? dateInZone(new Date(), clinic.timeZone) : new Date().toISOString().slice(0, 10);
  return (
    <span className="patient-line">
      <strong className="patient-line-name">{patient.name}</strong>
      <span>
        <span className="muted">Born</span> {formatDate(patient.dob, clinic?.dateOrder ?? 'MDY')} <span className="muted">({ageOn(patient.dob, today)})</span>
      </span>
      <span>{patient.phone || <span className="muted">no phone</span>}</span>
      <span>
        <span className="muted">Record</span> {patient.mrn}
      </span>
    </span>
  );
}

/** Interpreter, mobility and other flags the front desk must notice. */
export function PatientBadges({ flags, active }: { flags: PatientFlags; active: boolean }) {
  return (
    <span className="badges">
      {!active && <Badge tone="neutral">Inactive</Badge>}
      {flags.interpreterLanguage && <Badge tone="info">Interpreter: {flags.interpreterLanguage}</Badge>}
      {flags.mobilityAssistance && <Badge tone="info">Mobility assistance</Badge>}
      {flags.other && <Badge tone="warn">{flags.other}</Badge>}
    </span>
  );
}

const MATCH_WORDS: Record<MatchReason['field'], ((value: string) => string) | null> = {
  // The name is on the line already.
  lastName: null,
  firstName: null,
  preferredName: null,
  middleName: (v) => `middle name ${v}`,
  previousName: (v) => `previous name ${v}`,
  mobilePhone: (v) => `mobile phone ${v}`,
  homePhone: (v) => `home phone ${v}`,
  workPhone: (v) => `work phone ${v}`,
  dob: () => 'date of birth',
  mrn: () => 'record number',
};

/** Why a search found this row when the name alone does not say: "Found by previous name Jones · home phone (555) 222-3333". */
export function MatchedBy({ reasons }: { reasons: readonly MatchReason[] }) {
  const words = reasons.map((r) => MATCH_WORDS[r.field]?.(r.value)).filter((w): w is string => Boolean(w));
  if (words.length === 0) return null;
  return <span className="matched-by">Found by {words.join(' · ')}</span>;
}
