import { lazy, Suspense, useEffect, useState } from 'react';
import { Lock, LogOut, PanelLeftClose, PanelLeftOpen, UserCircle } from 'lucide-react';
import { roleHas } from '../../shared/domain/permissions';
import { ROLE_LABELS } from '../../shared/domain/permissions';
import { AccountPage } from '../features/account/AccountPage';
import { TodayPage } from '../features/today/TodayPage';
import { UpcomingSection } from '../features/upcoming/UpcomingSection';
import { Alert, Loading } from '../ui/Feedback';
import { navigate, useRoute } from './route';
import { SECTIONS, type Section } from './sections';
import { lockNow, signOut, useSession } from './session-store';

// The big sections load when first opened: the first screen (sign-in, Today) starts sooner.
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const PatientsSection = lazy(() => import('../features/patients/PatientsSection').then((m) => ({ default: m.PatientsSection })));
const ScheduleSection = lazy(() => import('../features/schedule/ScheduleSection').then((m) => ({ default: m.ScheduleSection })));
const StaffSection = lazy(() => import('../features/staff/StaffSection').then((m) => ({ default: m.StaffSection })));

function Page({ route, section }: { route: string; section: Section | undefined }) {
  if (route.startsWith('/account')) return <AccountPage />;
  if (!section) return <Alert title="There is no such page">Choose a section on the left.</Alert>;
  if (section.path === '/today') return <TodayPage />;
  if (section.path === '/settings') return <SettingsPage route={route} />;
  if (section.path === '/staff') return <StaffSection route={route} />;
  if (section.path === '/patients') return <PatientsSection route={route} />;
  if (section.path === '/schedule') return <ScheduleSection route={route} />;
  return <UpcomingSection section={section} />;
}

const NARROW = '(max-width: 1199px)';
const SIDEBAR_KEY = 'keel.sidebar';

/**
 * Whether the sidebar shows only its icons: the person's own choice on this
 * computer, or else folded on a narrow window (1024 px) and open on a wide one.
 */
function useSidebarFolded(): [boolean, () => void] {
  const [choice, setChoice] = useState<string | null>(() => localStorage.getItem(SIDEBAR_KEY));
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  useEffect(() => {
    const query = window.matchMedia(NARROW);
    const onChange = () => setNarrow(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const folded = choice === null ? narrow : choice === 'folded';
  const toggle = () => {
    const next = folded ? 'open' : 'folded';
    localStorage.setItem(SIDEBAR_KEY, next);
    setChoice(next);
  };
  return [folded, toggle];
}

/** The frame around every screen: navigation, who is signed in, lock and sign out. */
export function Shell() {
  const [folded, toggleSidebar] = useSidebarFolded();
  const me = useSession((s) => s.me)!;
  const clinicName = useSession((s) => s.clinicName);
  const route = useRoute();
  const visible = SECTIONS.filter((s) => !s.needs || roleHas(me.user.role, s.needs));
  const section = SECTIONS.find((s) => route === s.path || route.startsWith(`${s.path}/`));
  const title = route.startsWith('/account') ? 'My account' : (section?.label ?? 'Not found');

  return (
    <div className={folded ? 'shell shell-folded' : 'shell'}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Sections">
        <div className="brand">
          <img src="./favicon.svg" alt="" width={28} height={28} />
          <span>Keel</span>
        </div>
        {clinicName && <p className="sidebar-clinic">{clinicName}</p>}
        <ul>
          {visible.map((s) => {
            const Icon = s.icon;
            const current = section?.path === s.path;
            return (
              <li key={s.path}>
                <a
                  href={`#${s.path}`}
                  className={current ? 'nav-link nav-current' : 'nav-link'}
                  aria-current={current ? 'page' : undefined}
                  title={folded ? s.label : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(s.path);
                  }}
                >
                  <Icon size={18} aria-hidden="true" />
                  <span className="nav-label">{s.label}</span>
                  {s.upcoming && <span className="nav-soon">soon</span>}
                </a>
              </li>
            );
          })}
        </ul>
        <button type="button" className="nav-link sidebar-fold" title={folded ? 'Show the section names' : 'Fold the sidebar to its icons'} onClick={toggleSidebar}>
          {folded ? <PanelLeftOpen size={18} aria-hidden="true" /> : <PanelLeftClose size={18} aria-hidden="true" />}
          <span className="nav-label">{folded ? 'Unfold the sidebar' : 'Fold the sidebar'}</span>
        </button>
      </nav>
      <div className="main-column">
        <header className="topbar">
          <h1 className="page-title">{title}</h1>
          <div className="topbar-user">
            <a
              href="#/account"
              className="user-chip"
              onClick={(e) => {
                e.preventDefault();
                navigate('/account');
              }}
            >
              <UserCircle size={18} aria-hidden="true" />
              <span>
                {me.user.fullName} <span className="muted">· {ROLE_LABELS[me.user.role]}</span>
              </span>
            </a>
            <button type="button" className="btn btn-ghost" onClick={() => void lockNow()}>
              <Lock size={16} aria-hidden="true" /> Lock
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => void signOut()}>
              <LogOut size={16} aria-hidden="true" /> Sign out
            </button>
          </div>
        </header>
        <main id="main" className="content" tabIndex={-1}>
          <Suspense fallback={<Loading label={`Opening ${title}…`} />}>
            <Page route={route} section={section} />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
