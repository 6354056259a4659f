import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { call } from '../../../app/api';
import { useLoad } from '../../../app/useLoad';
import { Dialog } from '../../../ui/Dialog';
import { CoveragePanel } from './rules-coverage';
import { TemplatesPanel } from './rules-templates';
import './rules-dialog.css';

type Tab = 'templates' | 'coverage';
const TABS: ReadonlyArray<{ tab: Tab; label: string }> = [
  { tab: 'templates', label: 'Shift templates' },
  { tab: 'coverage', label: 'Coverage rules' },
];

/** Shift templates and coverage rules, each a list with an inline form; the roster reloads after a save. */
export function RulesDialog({ open, onClose, onChanged }: { open: boolean; onClose: () => void; onChanged: () => void }) {
  return (
    <Dialog open={open} title="Shift templates and coverage rules" onClose={onClose} wide>
      <RulesEditor onChanged={onChanged} />
    </Dialog>
  );
}

function RulesEditor({ onChanged }: { onChanged: () => void }) {
  const id = useId();
  const [tab, setTab] = useState<Tab>('templates');
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const templates = useLoad(() => call('templates.list', {}), 'templates');
  const coverage = useLoad(() => call('coverage.list', {}), 'coverage');
  const counts: Record<Tab, number | undefined> = { templates: templates.data?.length, coverage: coverage.data?.length };

  // Arrow keys, Home and End move between the tabs (the WAI-ARIA tabs pattern).
  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const index = TABS.findIndex((t) => t.tab === tab);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    event.preventDefault();
    const target = TABS[next]!.tab;
    setTab(target);
    tabRefs.current[target]?.focus();
  }

  return (
    <div className="rd-editor">
      <div className="tabs rd-tabs" role="tablist" aria-label="What to edit">
        {TABS.map((t) => (
          <button
            key={t.tab}
            ref={(el) => {
              tabRefs.current[t.tab] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-${t.tab}-tab`}
            aria-controls={`${id}-${t.tab}-panel`}
            aria-selected={tab === t.tab}
            tabIndex={tab === t.tab ? 0 : -1}
            className={tab === t.tab ? 'tab rd-tab tab-active' : 'tab rd-tab'}
            onClick={() => setTab(t.tab)}
            onKeyDown={onKeyDown}
          >
            {t.label}
            {counts[t.tab] !== undefined && <span className="rd-count">{counts[t.tab]}</span>}
          </button>
        ))}
      </div>
      {/* Both panels stay mounted, so a half-filled form survives a look at the other tab. */}
      <div role="tabpanel" id={`${id}-templates-panel`} aria-labelledby={`${id}-templates-tab`} hidden={tab !== 'templates'} className="rd-panel">
        <TemplatesPanel loaded={templates} onChanged={onChanged} />
      </div>
      <div role="tabpanel" id={`${id}-coverage-panel`} aria-labelledby={`${id}-coverage-tab`} hidden={tab !== 'coverage'} className="rd-panel">
        <CoveragePanel loaded={coverage} onChanged={onChanged} />
      </div>
    </div>
  );
}
