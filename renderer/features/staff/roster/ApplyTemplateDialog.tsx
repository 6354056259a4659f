import { useState } from 'react';
import type { RosterPerson } from '../../../../shared/contract/roster';
import { formatWallTime } from '../../../../shared/domain/format';
import { STAFF_ROLE_LABELS, STAFF_ROLES } from '../../../../shared/domain/staff';
import { WEEKDAYS } from '../../../../shared/domain/time';
import { call, messageOf } from '../../../app/api';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert, EmptyState, Loading } from '../../../ui/Feedback';
import { SelectField } from '../../../ui/Field';

interface Props {
  open: boolean;
  weekStart: string;
  weekLabel: string;
  people: RosterPerson[];
  onClose: () => void;
  onApplied: (message: string) => void;
}

/** Puts a template's shifts on the week for the chosen people. */
export function ApplyTemplateDialog(props: Props) {
  return (
    <Dialog open={props.open} title="Fill the week from a template" onClose={props.onClose} wide>
      {props.open && <ApplyTemplateForm {...props} />}
    </Dialog>
  );
}

function ApplyTemplateForm({ weekStart, weekLabel, people, onClose, onApplied }: Props) {
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const { data: templates, loading } = useLoad(() => call('templates.list', {}), 'templates');
  const active = (templates ?? []).filter((t) => t.active);
  const [templateId, setTemplateId] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const selected = active.find((t) => t.id === templateId) ?? active[0];

  if (loading) return <Loading label="Loading templates…" />;
  if (active.length === 0) return <EmptyState title="No shift templates yet">Create one with “Templates and coverage…” on the roster, e.g. Mon–Fri 8:00–17:00.</EmptyState>;

  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };

  async function apply(event: React.FormEvent) {
    event.preventDefault();
    if (!selected) return;
    if (chosen.size === 0) {
      setProblem('Choose at least one person.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const result = await call('roster.applyTemplate', { templateId: selected.id, weekStart, staffIds: [...chosen] });
      onApplied(
        `Added ${result.created} shift${result.created === 1 ? '' : 's'} from “${selected.name}”.` +
          (result.skipped > 0 ? ` Skipped ${result.skipped} where the person already works or has approved time off.` : ''),
      );
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={apply} className="stack" noValidate>
      <p className="muted">Week of {weekLabel}. Shifts people already have, and days they have approved time off, are left alone.</p>
      <SelectField
        label="Template"
        value={selected?.id ?? ''}
        onChange={setTemplateId}
        options={active.map((t) => ({
          value: t.id,
          label: `${t.name} — ${t.weekdays.map((d) => WEEKDAYS[d - 1]!.short).join(', ')}, ${formatWallTime(t.startTime, order)}–${formatWallTime(t.endTime, order)}${t.breakMinutes ? `, ${t.breakMinutes} min break` : ''}`,
        }))}
      />
      <fieldset>
        <legend>People</legend>
        <div className="people-columns">
          {STAFF_ROLES.map((role) => {
            const group = people.filter((p) => p.staffRole === role);
            if (group.length === 0) return null;
            const all = group.every((p) => chosen.has(p.id));
            return (
              <div key={role} className="people-group">
                <label className="checkbox people-group-title">
                  <input
                    type="checkbox"
                    checked={all}
                    onChange={() => {
                      const next = new Set(chosen);
                      for (const p of group) {
                        if (all) next.delete(p.id);
                        else next.add(p.id);
                      }
                      setChosen(next);
                    }}
                  />
                  <strong>All {STAFF_ROLE_LABELS[role].toLowerCase()}s</strong>
                </label>
                {group.map((p) => (
                  <label key={p.id} className="checkbox">
                    <input type="checkbox" checked={chosen.has(p.id)} onChange={() => toggle(p.id)} />
                    {p.fullName}
                  </label>
                ))}
              </div>
            );
          })}
        </div>
      </fieldset>
      {problem && <Alert>{problem}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          Add the shifts
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
