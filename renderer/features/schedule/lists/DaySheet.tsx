import type { Appointment } from '../../../../shared/contract/appointments';
import type { ScheduleFrame } from '../../../../shared/contract/schedule';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { ageOn, formatDate, formatInstant, formatWallTime } from '../../../../shared/domain/format';
import { datePart, timePart } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { useLoad } from '../../../app/useLoad';
import { EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { ScrollRegion } from '../../../ui/ScrollRegion';
import { StatusBadge } from '../calendar/StatusBadge';

export interface SheetContext {
  date: string;
  dateLabel: string;
  clinicName: string;
  zone: string;
  order: DateOrder;
  printedAt: Date;
}

interface ProviderGroup {
  providerId: string;
  providerName: string;
  colour: string | null;
  appointments: Appointment[];
}

/** Providers in the frame's order (then anyone else who has appointments), each with their day in time order. */
function groupByProvider(list: readonly Appointment[], frame: ScheduleFrame | null): ProviderGroup[] {
  const groups = new Map<string, ProviderGroup>();
  for (const p of frame?.providers ?? []) groups.set(p.id, { providerId: p.id, providerName: p.fullName, colour: p.colour, appointments: [] });
  for (const a of list) {
    let group = groups.get(a.providerId);
    if (!group) {
      group = { providerId: a.providerId, providerName: a.providerName, colour: null, appointments: [] };
      groups.set(a.providerId, group);
    }
    group.appointments.push(a);
  }
  for (const g of groups.values()) g.appointments.sort((a, b) => a.start.localeCompare(b.start) || a.patient.name.localeCompare(b.patient.name));
  return [...groups.values()].filter((g) => g.appointments.length > 0);
}

function workingText(frame: ScheduleFrame | null, providerId: string, date: string, order: DateOrder): string {
  const intervals = frame?.working.find((w) => w.staffId === providerId)?.intervals.filter((i) => datePart(i.start) === date) ?? [];
  if (intervals.length === 0) return 'No working hours on the roster';
  return `Working ${intervals.map((i) => `${formatWallTime(timePart(i.start), order)}–${formatWallTime(timePart(i.end), order)}`).join(', ')}`;
}

const count = (n: number) => `${n} appointment${n === 1 ? '' : 's'}`;

/** The day sheet: the day's appointments per provider, for the screen and for paper (one page per provider). */
export function DaySheet({ context, providerId, frame }: { context: SheetContext; providerId: string | null; frame: ScheduleFrame | null }) {
  const { date, dateLabel, order } = context;
  const { data, error, loading, reload } = useLoad(
    () => call('appointments.list', { from: date, to: date, ...(providerId ? { providerIds: [providerId] } : {}) }),
    `${date}|${providerId ?? 'all'}`,
  );
  const list = data?.filter((a) => datePart(a.start) === date) ?? null;
  const groups = list ? groupByProvider(list, frame) : [];
  const providerName = providerId ? (frame?.providers.find((p) => p.id === providerId)?.fullName ?? 'This provider') : null;

  return (
    <section className="card lists-sheet" aria-label="Day sheet" aria-busy={loading || undefined}>
      <header className="lists-sheet-head lists-screen-only">
        <h2>Day sheet for {dateLabel}</h2>
        <p className="muted">
          {list === null
            ? providerName ?? 'Whole clinic'
            : `${providerName ?? 'Whole clinic'} · ${count(list.length)}${providerName ? '' : ` with ${groups.length} provider${groups.length === 1 ? '' : 's'}`}`}
        </p>
      </header>
      <LoadError error={error} onRetry={reload} title="The day sheet could not be loaded" />
      {!data && loading && <Loading label="Loading the day sheet…" />}
      {list && groups.length === 0 && (
        <EmptyState title={providerName ? `${providerName} has no appointments on ${dateLabel}` : `No appointments on ${dateLabel}`}>
          {providerName ? 'Choose another day or the whole clinic above.' : 'The clinic may be closed that day. Choose another day above.'}
        </EmptyState>
      )}
      {groups.map((g) => (
        <section key={g.providerId} className="lists-provider" aria-labelledby={`sheet-${g.providerId}`}>
          <div className="lists-print-head lists-print-only">
            <strong>{context.clinicName}</strong>
            <span>Printed {formatInstant(context.printedAt.toISOString(), context.zone, order)}</span>
          </div>
          <header className="lists-provider-head">
            <h3 id={`sheet-${g.providerId}`}>
              {g.colour && <span className="swatch lists-screen-only" style={{ background: g.colour }} aria-hidden="true" />}
              <span className="lists-print-only">Day sheet · </span>
              {g.providerName}
            </h3>
            <p className="muted small">
              <span className="lists-print-only lists-print-date">{dateLabel} · </span>
              {count(g.appointments.length)} · {workingText(frame, g.providerId, date, order)}
            </p>
          </header>
          <ScrollRegion label={`Day sheet of ${g.providerName} (scrolls sideways)`}>
            <table className="table lists-table">
              <thead>
                {/* On paper the head repeats on every page a long day runs to, so a continued page still names the provider. */}
                <tr className="lists-print-row" aria-hidden="true">
                  <th colSpan={8}>
                    Day sheet · {g.providerName} · {dateLabel} · {count(g.appointments.length)} · {workingText(frame, g.providerId, date, order)}
                  </th>
                </tr>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Patient</th>
                  <th scope="col">Date of birth</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Type</th>
                  <th scope="col">Room</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {g.appointments.map((a) => (
                  <tr key={a.id}>
                    <td className="lists-time">
                      <span className="nowrap">{formatWallTime(timePart(a.start), order)}</span>
                      <span className="muted nowrap">–{formatWallTime(timePart(a.end), order)}</span>
                    </td>
                    <td className="lists-patient">
                      <strong>{a.patient.name}</strong>
                      <div className="muted small">Record {a.patient.mrn}</div>
                    </td>
                    <td>
                      <span className="nowrap">{formatDate(a.patient.dob, order)}</span> <span className="muted small nowrap">({ageOn(a.patient.dob, date)})</span>
                    </td>
                    <td className="nowrap">{a.patient.phone || <span className="muted">None on file</span>}</td>
                    <td>{a.typeName}</td>
                    <td>{a.roomName ?? <span className="muted">—</span>}</td>
                    <td className="lists-reason">{a.reason || <span className="muted">—</span>}</td>
                    <td>
                      <StatusBadge status={a.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      ))}
    </section>
  );
}
