import { PhoneCall } from 'lucide-react';
import { useState } from 'react';
import type { BookingRisk } from '../../../../shared/contract/booking-risks';
import { call } from '../../../app/api';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert, Loading, LoadError } from '../../../ui/Feedback';
import { CallList } from './CallList';
import { riskCause, riskCount, riskLine } from './risk-text';

/** Which risk's call list to load, as the channel names it. */
function causeKey(risk: BookingRisk) {
  const c = risk.cause;
  return c.kind === 'credential' ? { kind: 'credential' as const, credential: c.credential } : c.kind === 'left' ? { kind: 'left' as const } : { kind: 'timeOff' as const, timeOffId: c.timeOffId };
}

const riskId = (risk: BookingRisk) => `${risk.staffId}|${JSON.stringify(causeKey(risk))}`;

/**
 * Stranded appointments, one line per cause: "DEA registration expires 12/05 · 48
 * appointments booked after that date", each with its call list to reschedule.
 */
export function BookingRiskList({ risks, showStaff }: { risks: readonly BookingRisk[]; showStaff: boolean }) {
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const [open, setOpen] = useState<BookingRisk | null>(null);
  return (
    <>
      <ul className="risk-list">
        {risks.map((r) => (
          <li key={riskId(r)} className="risk-item">
            <div>
              {showStaff && (
                <a
                  className="risk-person"
                  href={`#/staff/person/${r.staffId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/staff/person/${r.staffId}`);
                  }}
                >
                  {r.staffName}
                </a>
              )}
              <div className="risk-line">
                <strong>{riskCause(r, order)}</strong> · {riskCount(r)}
              </div>
            </div>
            <Button variant="ghost" icon={<PhoneCall size={16} aria-hidden="true" />} onClick={() => setOpen(r)} aria-label={`Call list: ${showStaff ? `${r.staffName}, ` : ''}${riskLine(r, order)}`}>
              Call list
            </Button>
          </li>
        ))}
      </ul>
      <Dialog open={open !== null} wide title={open ? `Reschedule: ${open.staffName}` : ''} onClose={() => setOpen(null)}>
        {open && <RiskCallList risk={open} />}
      </Dialog>
    </>
  );
}

function RiskCallList({ risk }: { risk: BookingRisk }) {
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const { data, error, loading, reload } = useLoad(() => call('bookingRisks.appointments', { staffId: risk.staffId, cause: causeKey(risk) }), riskId(risk));
  const current = data?.risk ?? risk;
  return (
    <div className="stack">
      <p>
        <strong>{riskLine(current, order)}</strong>. {risk.staffName} cannot be booked then: call these patients to move their appointments to another provider or day.
      </p>
      <LoadError error={error} onRetry={reload} title="The call list could not be loaded" />
      {loading && !data && <Loading label="Loading the call list…" />}
      {data && data.appointments.length === 0 && <Alert tone="success">Nobody is left to call: every appointment has been moved or cancelled.</Alert>}
      {data && data.appointments.length > 0 && <CallList title={`${risk.staffName}: ${riskCause(current, order)}`} appointments={data.appointments} />}
    </div>
  );
}
