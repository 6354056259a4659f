import { roleHas } from '../../../shared/domain/permissions';
import { useSession } from '../../app/session-store';
import { Alert } from '../../ui/Feedback';
import { TabNav } from '../../ui/TabNav';
import { AppointmentTypesSettings } from './AppointmentTypesSettings';
import { BackupsSettings } from './BackupsSettings';
import { ClinicSettings } from './ClinicSettings';
import { ClosuresSettings } from './ClosuresSettings';
import { StaffRulesSettings } from './StaffRulesSettings';
import { UsersSettings } from './UsersSettings';

const TABS = [
  { path: '/settings/clinic', label: 'Clinic and hours' },
  { path: '/settings/users', label: 'User accounts' },
  { path: '/settings/staff', label: 'Staff rules' },
  { path: '/settings/appointments', label: 'Appointments' },
  { path: '/settings/closures', label: 'Closures' },
  { path: '/settings/backups', label: 'Backups' },
] as const;

export function SettingsPage({ route }: { route: string }) {
  const me = useSession((s) => s.me);
  if (!me || !roleHas(me.user.role, 'clinic.manage')) {
    return <Alert title="Settings are for the office manager">Ask the office manager if something about the clinic or an account needs changing.</Alert>;
  }
  const active = TABS.find((t) => route.startsWith(t.path)) ?? TABS[0];
  return (
    <div className="stack">
      <TabNav tabs={TABS} active={active} label="Settings" />
      {active.path === '/settings/clinic' ? (
        <ClinicSettings />
      ) : active.path === '/settings/users' ? (
        <UsersSettings />
      ) : active.path === '/settings/appointments' ? (
        <AppointmentTypesSettings />
      ) : active.path === '/settings/closures' ? (
        <ClosuresSettings />
      ) : active.path === '/settings/backups' ? (
        <BackupsSettings />
      ) : (
        <StaffRulesSettings />
      )}
    </div>
  );
}
