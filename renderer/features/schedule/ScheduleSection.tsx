import { roleHas, type Permission } from '../../../shared/domain/permissions';
import { useSession } from '../../app/session-store';
import { Alert } from '../../ui/Feedback';
import { TabNav } from '../../ui/TabNav';
import { CalendarPage } from './calendar/CalendarPage';
import { ListsPage } from './lists/ListsPage';
import { ReportsPage } from './reports/ReportsPage';
import { WaitlistPage } from './waitlist/WaitlistPage';

const TABS: ReadonlyArray<{ path: string; label: string; needs: Permission }> = [
  { path: '/schedule/calendar', label: 'Calendar', needs: 'schedule.view' },
  { path: '/schedule/waitlist', label: 'Waitlist', needs: 'schedule.view' },
  { path: '/schedule/lists', label: 'Day sheet and lists', needs: 'schedule.view' },
  { path: '/schedule/reports', label: 'Reports', needs: 'schedule.reports' },
];

/** Schedule: the calendar a front desk lives in, the waitlist, printable lists and reports. */
export function ScheduleSection({ route }: { route: string }) {
  const me = useSession((s) => s.me);
  if (!me) return null;
  const tabs = TABS.filter((t) => roleHas(me.user.role, t.needs));
  const active = tabs.find((t) => route.startsWith(t.path)) ?? tabs[0];
  if (!active) return <Alert title="Nothing here for your role">Ask the office manager if you need to see the schedule.</Alert>;
  return (
    <div className="stack">
      <TabNav tabs={tabs} active={active} label="Schedule" />
      {active.path === '/schedule/calendar' ? (
        <CalendarPage route={route} />
      ) : active.path === '/schedule/waitlist' ? (
        <WaitlistPage />
      ) : active.path === '/schedule/lists' ? (
        <ListsPage route={route} />
      ) : (
        <ReportsPage />
      )}
    </div>
  );
}
