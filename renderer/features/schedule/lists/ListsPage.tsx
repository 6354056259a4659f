import { ChevronLeft, ChevronRight, Printer } from 'lucide-react';
import { useState, type MouseEvent } from 'react';
import { formatLongDate } from '../../../../shared/domain/format';
import { roleHas } from '../../../../shared/domain/permissions';
import { dateInZone, addDays } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Loading, LoadError } from '../../../ui/Feedback';
import { DateField } from '../../../ui/DateField';
import { SelectField } from '../../../ui/Field';
import { CalendarFile } from './CalendarFile';
import { DaySheet } from './DaySheet';
import { isDate, nextOpenDay } from './dates';
import { printPart, usePrintedAt } from './print';
import { ReminderList } from './ReminderList';
import './lists.css';

const WHOLE_CLINIC = 'all';

/** In-page links must not change the hash: it holds the screen being shown. */
function jumpTo(id: string) {
  return (e: MouseEvent) => {
    e.preventDefault();
    const target = document.getElementById(id);
    target?.scrollIntoView({ block: 'start' });
    target?.closest('section')?.focus({ preventScroll: true });
  };
}

/** The date field: a typed date is gone to on Enter or when the field is left, never half-typed. */
function DateChooser({ date, onPick }: { date: string; onPick: (date: string) => void }) {
  return <DateField label="Date" compact value={date} onChange={(value) => value && value !== date && onPick(value)} required />;
}

/** Day sheet and lists: the printable day sheet, the reminder call list and a provider's calendar file. */
export function ListsPage({ route }: { route: string }) {
  const me = useSession((s) => s.me);
  const clinic = useSession((s) => s.clinic);
  const clinicName = useSession((s) => s.clinicName);
  const zone = clinic?.timeZone ?? 'UTC';
  const today = dateInZone(new Date(), zone);
  const requested = /^\/schedule\/lists\/(\d{4}-\d{2}-\d{2})/.exec(route)?.[1];
  const date = requested && isDate(requested) ? requested : today;
  const frame = useLoad(() => call('schedule.frame', { from: date, to: date }), date);
  // Tomorrow's calls skip the clinic's closure days, like its closed weekdays.
  const closures = useLoad(() => call('closures.list', { from: today, to: addDays(today, 21) }), `lists-closures-${today}`);
  const [choice, setChoice] = useState<string | null>(null);
  const printedAt = usePrintedAt();
  if (!me || !clinic) return <Loading />;

  const order = clinic.dateOrder;
  const providers = frame.data?.providers ?? [];
  // A provider starts on their own sheet; everyone else on the whole clinic's.
  const providerValue = choice ?? frame.data?.myStaffId ?? WHOLE_CLINIC;
  const providerId = providerValue === WHOLE_CLINIC ? null : providerValue;
  const dateLabel = formatLongDate(new Date(`${date}T12:00:00Z`), 'UTC', order);
  const goTo = (d: string) => navigate(`/schedule/lists/${d}`);
  const canCall = roleHas(me.user.role, 'schedule.manage');
  const context = { clinicName: clinicName ?? clinic.name, zone, order, printedAt };

  return (
    <div className="stack lists-page">
      <div className="lists-toolbar lists-controls">
        <div className="lists-day-nav" role="group" aria-label="Day">
          <Button icon={<ChevronLeft size={16} aria-hidden="true" />} onClick={() => goTo(addDays(date, -1))}>
            Previous day
          </Button>
          <Button onClick={() => goTo(today)} disabled={date === today}>
            Today
          </Button>
          <Button onClick={() => goTo(addDays(date, 1))}>
            Next day <ChevronRight size={16} aria-hidden="true" />
          </Button>
        </div>
        <DateChooser date={date} onPick={goTo} />
        <SelectField
          label="Provider"
          value={providerValue}
          onChange={setChoice}
          options={[{ value: WHOLE_CLINIC, label: 'Whole clinic' }, ...providers.map((p) => ({ value: p.id, label: p.fullName }))]}
          className="lists-provider-field"
        />
        <span className="spacer" />
        <Button variant="primary" icon={<Printer size={16} aria-hidden="true" />} onClick={() => printPart('day-sheet')}>
          Print day sheet
        </Button>
      </div>
      <div className="lists-controls lists-hint-row">
        <p className="muted small">The print window can also save the sheet as a PDF: choose “Save as PDF” as the printer.</p>
        <nav className="small lists-jump" aria-label="On this page">
          Further down: {canCall && <a href="#reminders-title" onClick={jumpTo('reminders-title')}>Reminder calls</a>}
          {canCall && ' · '}
          <a href="#ics-title" onClick={jumpTo('ics-title')}>Calendar file</a>
        </nav>
      </div>

      <LoadError error={frame.error} onRetry={frame.reload} title="The list of providers could not be loaded" />
      {frame.data || frame.error ? (
        <DaySheet context={{ ...context, date, dateLabel }} providerId={providerId} frame={frame.data} />
      ) : (
        <Loading label="Loading the day sheet…" />
      )}

      <div className="lists-extras">
        {canCall &&
          (closures.data || closures.error ? (
            <ReminderList initialDate={nextOpenDay(today, clinic.openingHours, new Set(closures.data?.map((c) => c.date)))} today={today} context={context} />
          ) : (
            <section className="card lists-reminders">
              <Loading label="Loading the call list…" />
            </section>
          ))}
        {frame.data ? (
          <CalendarFile providers={providers} defaultProviderId={providerId ?? frame.data.myStaffId} today={today} />
        ) : (
          !frame.error && (
            <section className="card lists-ics">
              <Loading label="Loading providers…" />
            </section>
          )
        )}
      </div>
    </div>
  );
}
