import type { Concern } from '../../../../shared/contract/concerns';
import { CONCERN_CATEGORY_LABELS } from '../../../../shared/domain/patients';
import { roleHas } from '../../../../shared/domain/permissions';
import { call } from '../../../app/api';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Badge } from '../../../ui/Feedback';
import { CardSkeleton } from '../../../ui/Skeleton';
import { daysLabel, SeverityBadge } from './ConcernParts';

const SHOWN = 6;

/** "Open 12 days", "In progress, opened 16 days ago", "Opened today". */
function openFor(c: Concern): string {
  const opened = c.daysOpen === 0 ? 'opened today' : `opened ${daysLabel(c.daysOpen)} ago`;
  if (c.status === 'in_progress') return `In progress, ${opened}`;
  return c.daysOpen === 0 ? 'Opened today' : `Open ${daysLabel(c.daysOpen)}`;
}
const LOG = '/patients/concerns';

/** Today: the unresolved concerns, overdue ones first. Nothing for roles that cannot see concerns. */
export function ConcernsCard() {
  const me = useSession((s) => s.me);
  if (!me || !roleHas(me.user.role, 'concerns.view')) return null;
  return <OpenConcerns />;
}

function OpenConcerns() {
  const { data, error } = useLoad(() => call('concerns.list', { status: 'unresolved' }), 'today-concerns');
  const rows = (data ?? []).slice().sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.daysOpen - a.daysOpen);
  const open = rows.filter((c) => c.status === 'open').length;
  const inProgress = rows.filter((c) => c.status === 'in_progress').length;
  const overdue = rows.filter((c) => c.overdue).length;
  return (
    <section className="card today-card" aria-labelledby="card-concerns">
      <h3 id="card-concerns">
        Open concerns {data && data.length > 0 && <Badge tone={overdue > 0 ? 'bad' : 'warn'}>{data.length}</Badge>}
      </h3>
      {error && <p className="field-error">{error}</p>}
      {!data && !error && <CardSkeleton label="Loading the concerns…" />}
      {data && data.length === 0 && <p className="muted">No unresolved concerns.</p>}
      {data && data.length > 0 && (
        <>
          <p className="small concern-counts">
            {open} open · {inProgress} in progress
            {overdue > 0 && (
              <>
                {' · '}
                <strong className="concern-overdue-count">{overdue} overdue</strong>
              </>
            )}
          </p>
          <ul className="today-list">
            {rows.slice(0, SHOWN).map((c) => (
              <li key={c.id}>
                <a
                  href={`#${LOG}/${c.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`${LOG}/${c.id}`);
                  }}
                >
                  {c.patient ? c.patient.name : 'Anonymous'}
                </a>{' '}
                · {CONCERN_CATEGORY_LABELS[c.category]}
                <div className="small concern-card-line">
                  <SeverityBadge severity={c.severity} />
                  {c.overdue && <Badge tone="bad">Overdue</Badge>}
                  <span className="muted">
                    {openFor(c)}
                    {c.owner ? ` · ${c.owner.name}` : ' · no owner'}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <a
        href={`#${LOG}`}
        className="small"
        onClick={(e) => {
          e.preventDefault();
          navigate(LOG);
        }}
      >
        {data && data.length > SHOWN ? `See all ${data.length}` : 'Open the concerns log'}
      </a>
    </section>
  );
}
