import { navigate } from '../app/route';

export interface Tab {
  path: string;
  label: string;
}

/** Tabs that are links: the address changes, so Back and bookmarks work. */
export function TabNav({ tabs, active, label }: { tabs: readonly Tab[]; active: Tab | undefined; label: string }) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((tab) => (
        <a
          key={tab.path}
          href={`#${tab.path}`}
          className={tab === active ? 'tab tab-active' : 'tab'}
          aria-current={tab === active ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate(tab.path);
          }}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}
