import type { ReactNode } from 'react';
import { formatDate, formatDayShort, formatWallTime } from '../../../shared/domain/format';
import { roleHas, type Permission } from '../../../shared/domain/permissions';
import { CREDENTIAL_LABELS, roleCount, STAFF_ROLE_LABELS } from '../../../shared/domain/staff';
import { mondayOf } from '../../../shared/domain/time';
import { call } from '../../app/api';
import { navigate } from '../../app/route';
import { useSession } from '../../app/session-store';
import { useLoad } from '../../app/useLoad';
import { Badge } from '../../ui/Feedback';
import { CardSkeleton } from '../../ui/Skeleton';
import { FlagBadge } from '../staff/FlagBadge';

const SHOWN = 6;

function Card<T>({ title, id, load, loadKey, empty, link, render, tone = 'warn' }: { title: string; id: string; load: () => Promise<T[]>; loadKey: string; empty: string; link: string; render: (item: T) => ReactNode; tone?: 'warn' | 'bad' | 'info' }) {
  const { data, error } = useLoad(load, loadKey);
  return (
    <section className="card today-card" aria-labelledby={id}>
      <h3 id={id}>
        {title} {data && data.length > 0 && <Badge tone={tone}>{data.length}</Badge>}
      </h3>
      {error && <p className="field-error">{error}</p>}
      {!data && !error && <CardSkeleton />}
      {data && data.length === 0 && <p className="muted">{empty}</p>}
      {data && data.length > 0 && (
        <ul className="today-list">
          {data.slice(0, SHOWN).map((item, i) => (
            <li key={i}>{render(item)}</li>
          ))}
        </ul>
      )}
      {data && data.length > 0 && (
        <a
          href={`#${link}`}
          className="small"
          onClick={(e) => {
            e.preventDefault();
            navigate(link);
          }}
        >
          {data.length > SHOWN ? `See all ${data.length}` : 'Open'}
        </a>
      )}
    </section>
  );
}

/** The staff section's cards on Today, each for the roles that may see it (null for the others). */

function useMay(): ((p: Permission) => boolean) | null {
  const me = useSession((s) => s.me);
  return me ? (p: Permission) => roleHas(me.user.role, p) : null;
}

/** Who is rostered today. */
export function WorkingTodayCard({ today }: { today: string }) {
  const may = useMay();
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  if (!may?.('roster.view')) return null;
  return (
      <Card
        title="Working today"
        id="card-working"
        tone="info"
        load={() => call('roster.today', { date: today })}
        loadKey={`today-${today}`}
        empty="Nobody is on the roster today."
        link="/staff/roster"
        render={(w) => (
          <>
            <strong>{w.fullName}</strong> <span className="muted">{STAFF_ROLE_LABELS[w.staffRole]}</span>
            <div className="small">
              {formatWallTime(w.start.slice(11), order)}–{formatWallTime(w.end.slice(11), order)}
            </div>
            <FlagBadge flag={w.flag} />
          </>
        )}
      />
  );
}

/** Credentials that expired, are missing or expire within 30 days. */
export function CredentialsCard({ today }: { today: string }) {
  const may = useMay();
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  if (!may?.('staff.manage')) return null;
  return (
      <Card
        title="Credentials expiring within 30 days"
        id="card-credentials"
        tone="bad"
        load={async () => {
          const { expiring, missing } = await call('credentials.expiring', { withinDays: 30, asOf: today });
          // What stops a provider being booked comes first: a lapse there strands patients.
          const all = [...expiring.map((e) => ({ ...e, missing: false })), ...missing.map((m) => ({ ...m, credentialId: '', expiresOn: '', daysLeft: 0, alert: 'expired' as const, required: true, blocksBooking: false, missing: true }))];
          return all.sort((a, b) => Number(b.blocksBooking) - Number(a.blocksBooking));
        }}
        loadKey={`credentials-${today}`}
        empty="Every credential is valid for at least 30 more days."
        link="/staff/directory"
        render={(c) => (
          <>
            <a
              href={`#/staff/person/${c.staffId}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/staff/person/${c.staffId}`);
              }}
            >
              {c.staffName}
            </a>{' '}
            · {CREDENTIAL_LABELS[c.kind]}
            <div className="small">
              {c.missing ? (
                <Badge tone="bad">Missing</Badge>
              ) : c.daysLeft < 0 ? (
                <Badge tone="bad">Expired {formatDate(c.expiresOn, order)}</Badge>
              ) : (
                <Badge tone={c.blocksBooking ? 'bad' : 'warn'}>{c.daysLeft === 0 ? 'Expires today' : `Expires in ${c.daysLeft} days (${formatDate(c.expiresOn, order)})`}</Badge>
              )}{' '}
              {c.blocksBooking && <Badge tone="bad">Blocks booking</Badge>}
              {!c.blocksBooking && !c.missing && !c.required && <span className="muted">Not required: does not block</span>}
            </div>
          </>
        )}
      />
  );
}

/** Performance evaluations past their due date. */
export function EvaluationsOverdueCard({ today }: { today: string }) {
  const may = useMay();
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  if (!may?.('evaluations.manage')) return null;
  return (
      <Card
        title="Evaluations overdue"
        id="card-evaluations"
        load={async () => (await call('evaluations.due', { withinDays: 0, asOf: today })).filter((d) => d.overdue)}
        loadKey={`evaluations-${today}`}
        empty="No evaluation is overdue."
        link="/staff/directory"
        render={(d) => (
          <>
            <a
              href={`#/staff/person/${d.staffId}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/staff/person/${d.staffId}`);
              }}
            >
              {d.fullName}
            </a>
            <div className="small muted">
              Due {formatDate(d.dueOn, order)} · {-d.daysLeft} days overdue
            </div>
          </>
        )}
      />
  );
}

/** Equipment past its service date. */
export function EquipmentOverdueCard({ today }: { today: string }) {
  const may = useMay();
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  if (!may?.('equipment.view')) return null;
  return (
      <Card
        title="Equipment service overdue"
        id="card-equipment"
        load={() => call('equipment.overdue', {})}
        loadKey={`equipment-${today}`}
        empty="All equipment is within its service interval."
        link="/staff/facilities"
        render={(e) => (
          <>
            <strong>{e.name}</strong>
            {e.roomName && <span className="muted"> · {e.roomName}</span>}
            <div className="small muted">Was due {e.nextServiceOn ? formatDate(e.nextServiceOn, order) : '—'}</div>
          </>
        )}
      />
  );
}

/** Coverage rules not met in the rest of this week: a gap already past is nothing the desk can fix now. */
export function UnderCoveredCard({ today }: { today: string }) {
  const may = useMay();
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const week = mondayOf(today);
  if (!may?.('roster.view')) return null;
  return (
      <Card
        title="Under-covered this week"
        id="card-coverage"
        tone="bad"
        load={async () => (await call('coverage.gaps', { weekStart: week })).filter((g) => g.date >= today)}
        loadKey={`gaps-${today}`}
        empty="Every coverage rule is met for the rest of this week."
        link={`/staff/roster/${week}`}
        render={(g) => (
          <>
            <strong>{formatDayShort(g.date, order)}</strong> {formatWallTime(g.from, order)}–{formatWallTime(g.to, order)}
            <div className="small muted">
              {g.ruleName}: {g.actual} of {roleCount(g.required, g.staffRole)}
            </div>
          </>
        )}
      />
  );
}
