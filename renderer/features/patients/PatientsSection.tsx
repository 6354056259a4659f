import { roleHas, type Permission } from '../../../shared/domain/permissions';
import { useSession } from '../../app/session-store';
import { Alert } from '../../ui/Feedback';
import { TabNav } from '../../ui/TabNav';
import { ConcernsPage } from './concerns/ConcernsPage';
import { NewPatientPage } from './record/NewPatientPage';
import { PatientPage } from './record/PatientPage';
import { SearchPage } from './search/SearchPage';
import { TransferPage } from './transfer/TransferPage';

const TABS: ReadonlyArray<{ path: string; label: string; needs: Permission }> = [
  { path: '/patients', label: 'Find a patient', needs: 'patients.view' },
  { path: '/patients/concerns', label: 'Concerns', needs: 'concerns.view' },
  { path: '/patients/import', label: 'Import and export', needs: 'patients.import' },
];

/** Patients: find and open records, register new ones, concerns, import and export. */
export function PatientsSection({ route }: { route: string }) {
  const me = useSession((s) => s.me);
  if (!me) return null;
  const tabs = TABS.filter((t) => roleHas(me.user.role, t.needs));
  const record = /^\/patients\/record\/([\w-]+)/.exec(route)?.[1];
  const active = tabs.find((t) => t.path !== '/patients' && route.startsWith(t.path)) ?? tabs[0];
  if (!active) return <Alert title="Nothing here for your role">Ask the office manager if you need access to patient records.</Alert>;
  let page;
  if (record) page = <PatientPage patientId={record} />;
  else if (route.startsWith('/patients/new')) page = <NewPatientPage />;
  else if (active.path === '/patients/concerns') page = <ConcernsPage />;
  else if (active.path === '/patients/import') page = <TransferPage />;
  else page = <SearchPage />;
  return (
    <div className="stack">
      {tabs.length > 1 && <TabNav tabs={tabs} active={record || route.startsWith('/patients/new') ? tabs[0] : active} label="Patients" />}
      {page}
    </div>
  );
}
