import { roleHas, type Permission } from '../../../shared/domain/permissions';
import { useSession } from '../../app/session-store';
import { Alert } from '../../ui/Feedback';
import { TabNav } from '../../ui/TabNav';
import { DirectoryPage } from './directory/DirectoryPage';
import { FacilitiesPage } from './facilities/FacilitiesPage';
import { HiringPage } from './hiring/HiringPage';
import { PersonPage } from './person/PersonPage';
import { RosterPage } from './roster/RosterPage';
import { TimeOffPage } from './timeoff/TimeOffPage';

const TABS: ReadonlyArray<{ path: string; label: string; needs: Permission }> = [
  { path: '/staff/directory', label: 'Directory', needs: 'staff.view' },
  { path: '/staff/roster', label: 'Roster', needs: 'roster.view' },
  { path: '/staff/timeoff', label: 'Time off', needs: 'timeoff.request' },
  { path: '/staff/hiring', label: 'Hiring', needs: 'hiring.manage' },
  { path: '/staff/facilities', label: 'Rooms and equipment', needs: 'rooms.view' },
];

/** Staff: directory and people, roster, time off, hiring, rooms and equipment — each tab for the roles that may see it. */
export function StaffSection({ route }: { route: string }) {
  const me = useSession((s) => s.me);
  if (!me) return null;
  const tabs = TABS.filter((t) => roleHas(me.user.role, t.needs));
  const personMatch = /^\/staff\/person\/([\w-]+)/.exec(route);
  const active = personMatch ? TABS[0] : (tabs.find((t) => route.startsWith(t.path)) ?? tabs[0]);
  if (!active) return <Alert title="Nothing here for your role">Ask the office manager if you need access to staff information.</Alert>;
  return (
    <div className="stack">
      <TabNav tabs={tabs} active={active} label="Staff" />
      {personMatch ? (
        <PersonPage staffId={personMatch[1]!} />
      ) : active.path === '/staff/directory' ? (
        <DirectoryPage />
      ) : active.path === '/staff/roster' ? (
        <RosterPage route={route} />
      ) : active.path === '/staff/timeoff' ? (
        <TimeOffPage />
      ) : active.path === '/staff/hiring' ? (
        <HiringPage />
      ) : (
        <FacilitiesPage />
      )}
    </div>
  );
}
