import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { formatWallTime } from '../../../../shared/domain/format';
import { minutesOfDay, WEEKDAYS } from '../../../../shared/domain/time';
import type { FieldErrors, useFormSubmit } from '../../../app/forms';
import { Button } from '../../../ui/Button';

/** "Mon–Fri", "Mon, Wed, Fri", "Mon–Wed, Sat", "Every day". Runs of three or more days get a dash. */
export function formatWeekdays(days: readonly number[]): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (sorted.length === 7) return 'Every day';
  if (sorted.length === 0) return 'No days';
  const short = (d: number) => WEEKDAYS[d - 1]!.short;
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${short(sorted[i]!)}–${short(sorted[j]!)}`);
    else for (let k = i; k <= j; k++) parts.push(short(sorted[k]!));
    i = j + 1;
  }
  return parts.join(', ');
}

/** The same days in words for screen readers: "Monday to Friday". */
export function spokenWeekdays(days: readonly number[]): string {
  return formatWeekdays(days).replace(/–/g, ' to ').replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/g, (s) => WEEKDAYS.find((w) => w.short === s)!.name);
}

/** True when a time range's end falls on the next day. */
export function runsPastMidnight(start: string, end: string): boolean {
  return minutesOfDay(end) < minutesOfDay(start);
}

/** "8:00 AM – 5:00 PM", with "(next day)" when it runs past midnight. */
export function formatTimeRange(start: string, end: string, order: DateOrder): string {
  return `${formatWallTime(start, order)} – ${formatWallTime(end, order)}${runsPastMidnight(start, end) ? ' (next day)' : ''}`;
}

/** "8 h", "8 h 30 min", "45 min". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** A valid `HH:MM` from a time input (empty while the person is still typing). */
export function isTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/** The first error for a field or anything under it (`weekdays`, `weekdays.0`). */
export function errorUnder(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key ? errors[key] : undefined;
}

/** A time input's error: "Enter a time" while it is empty instead of the format rule. */
export function timeError(value: string, error: string | undefined): string | undefined {
  if (!error) return undefined;
  return value === '' ? 'Enter a time' : error;
}

/** Seven labelled day checkboxes in a fieldset, with quick picks. */
export function WeekdayPicker({ value, onChange, error }: { value: number[]; onChange: (days: number[]) => void; error: string | undefined }) {
  const id = useId();
  const errorId = `${id}-error`;
  const toggle = (day: number) => onChange(value.includes(day) ? value.filter((d) => d !== day) : [...value, day].sort((a, b) => a - b));
  return (
    <fieldset className={['rd-days-field', error ? 'field-invalid' : ''].filter(Boolean).join(' ')} aria-describedby={error ? errorId : undefined}>
      {/* The legend names the group for screen readers; the visible title shares its line with the quick picks. */}
      <legend className="sr-only">Days</legend>
      <div className="rd-days-head">
        <span className="rd-days-title" aria-hidden="true">
          Days
        </span>
        <Button variant="ghost" className="rd-small-btn" aria-label="Choose Monday to Friday" onClick={() => onChange([1, 2, 3, 4, 5])}>
          Mon–Fri
        </Button>
        <Button variant="ghost" className="rd-small-btn" aria-label="Choose every day" onClick={() => onChange([1, 2, 3, 4, 5, 6, 7])}>
          Every day
        </Button>
      </div>
      <div className="rd-days">
        {WEEKDAYS.map((w) => (
          <label key={w.day} className="rd-day">
            <input type="checkbox" checked={value.includes(w.day)} onChange={() => toggle(w.day)} />
            <span aria-hidden="true">{w.short}</span>
            <span className="sr-only">{w.name}</span>
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A checkbox with its label and an optional hint underneath. */
export function CheckboxField({ label, hint, checked, onChange }: { label: string; hint?: ReactNode; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="rd-check">
      <label className="checkbox">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
        {label}
      </label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * Where focus goes back to when an inline form closes: the Edit button of the
 * row (or the "New" button), found by `data-focus-key` once it is on screen.
 */
export function useReturnFocus() {
  const container = useRef<HTMLDivElement>(null);
  const pending = useRef<string | null>(null);
  useEffect(() => {
    const key = pending.current;
    if (!key) return;
    const target = container.current?.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
    if (target) {
      target.focus();
      pending.current = null;
    }
  });
  return {
    container,
    returnFocusTo: (key: string) => {
      pending.current = key;
    },
  };
}

type FormState = Pick<ReturnType<typeof useFormSubmit>, 'errors' | 'setErrors' | 'setMessage'>;

/**
 * Drops the errors of fields the person has just changed, and the "please
 * correct" message with the last one. `weekdays` matches exactly; `weekdays*`
 * matches it and everything under it.
 */
export function clearErrors(form: FormState, ...paths: string[]): void {
  const matches = (key: string) => paths.some((p) => (p.endsWith('*') ? key === p.slice(0, -1) || key.startsWith(`${p.slice(0, -1)}.`) : key === p));
  if (!Object.keys(form.errors).some(matches)) return;
  const next = Object.fromEntries(Object.entries(form.errors).filter(([k]) => !matches(k)));
  form.setErrors(next);
  if (Object.keys(next).length === 0) form.setMessage(null);
}

/** `onChange` handlers that set a value and clear the errors it may have fixed. */
export function changeHandlers(form: FormState) {
  return <T,>(set: (value: T) => void, ...paths: string[]) =>
    (value: T) => {
      set(value);
      clearErrors(form, ...paths);
    };
}
