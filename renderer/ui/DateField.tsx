import { CalendarDays } from 'lucide-react';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { formatDate } from '../../shared/domain/format';
import { dateInZone } from '../../shared/domain/time';
import { datePattern, readTypedDate, type DateKind } from '../../shared/domain/typed-date';
import { useSession } from '../app/session-store';
import { FieldFrame } from './Field';

interface DateFieldProps {
  label: string;
  /** The date, `YYYY-MM-DD`, or '' for none. */
  value: string;
  /** Called with a whole date once it is committed (Enter or leaving the field), never while it is typed. */
  onChange: (date: string) => void;
  /** A day to go to or book (a missing year is the nearest), or a date of birth (a two-digit year is never in the future). */
  kind?: DateKind;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  /** What to say when a required date is left empty; "Enter a date, like 12/08/2026" by default. */
  missing?: string;
  hideLabel?: boolean;
  /** In a toolbar: what is wrong floats below the field instead of pushing the row apart. */
  compact?: boolean;
  className?: string;
  inputClassName?: string;
  autoFocus?: boolean;
  disabled?: boolean;
  /** Bounds for the calendar picker (`YYYY-MM-DD`). */
  min?: string;
  max?: string;
}

/**
 * The one date field. People type a date the way they say it, in the clinic's
 * format (12/8, 12/8/26, 12/08/2026, or 2026-12-08); nothing happens until
 * they press Enter or leave the field, so a half-typed date never moves the
 * screen. What cannot be read is said in the clinic's format, and the last good
 * date is kept. A button opens the browser's calendar for the mouse.
 */
export function DateField({ label, value, onChange, kind = 'day', error, hint, required = false, missing, hideLabel, compact, className, inputClassName, autoFocus, disabled, min, max }: DateFieldProps) {
  const clinic = useSession((s) => s.clinic);
  const order = clinic?.dateOrder ?? 'MDY';
  const shown = value ? formatDate(value, order) : '';
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  // A new date from outside (Previous day, a reload) replaces what the field shows.
  const [shownFor, setShownFor] = useState(value);
  if (shownFor !== value) {
    setShownFor(value);
    setText(shown);
    setProblem(null);
  }
  const picker = useRef<HTMLInputElement>(null);

  /** Reads the typed text and hands a whole date on; false when it is not one (and says why). */
  function commit(): boolean {
    const typed = text.trim();
    if (typed === shown) return true;
    if (typed === '') {
      if (required) {
        setProblem(missing ?? `Enter a date, like ${formatDate(dateInZone(new Date(), clinic?.timeZone ?? 'UTC'), order)}`);
        return false;
      }
      setProblem(null);
      onChange('');
      return true;
    }
    const read = readTypedDate(typed, order, dateInZone(new Date(), clinic?.timeZone ?? 'UTC'), kind);
    if (!read.ok) {
      setProblem(read.problem);
      return false;
    }
    setProblem(null);
    setText(formatDate(read.date, order));
    // The new date is already what the field shows: when it comes back as `value`, nothing typed since is reset.
    setShownFor(read.date);
    if (read.date !== value) onChange(read.date);
    return true;
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      // Commit first, at once, so a form submitted by this Enter sees the new date.
      let ok = true;
      flushSync(() => {
        ok = commit();
      });
      if (!ok) event.preventDefault();
    } else if (event.key === 'Escape' && text.trim() !== shown) {
      setText(shown);
      setProblem(null);
      // Esc takes back a typed change; a second Esc closes the dialog around it. The same date typed another way is no change.
      const read = readTypedDate(text, order, dateInZone(new Date(), clinic?.timeZone ?? 'UTC'), kind);
      if (read.ok && read.date === value) return;
      event.preventDefault();
      event.stopPropagation();
    }
  }

  return (
    <FieldFrame label={label} hint={hint} error={problem ?? error} className={['date-field', compact ? 'date-field-compact' : '', className].filter(Boolean).join(' ')} required={required} hideLabel={hideLabel} announceError={problem !== null}>
      {({ id, describedBy, invalid }) => (
        <div className="date-input">
          <input
            id={id}
            type="text"
            className={inputClassName}
            value={text}
            placeholder={datePattern(order)}
            autoComplete="off"
            spellCheck={false}
            autoFocus={autoFocus}
            disabled={disabled}
            required={required}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => {
              setText(e.target.value);
              if (problem) setProblem(null);
            }}
            onBlur={() => commit()}
            onKeyDown={onKeyDown}
          />
          <button
            type="button"
            className="icon-button date-picker-button"
            aria-label="Choose on a calendar"
            title="Choose on a calendar"
            tabIndex={-1}
            disabled={disabled}
            onClick={() => {
              try {
                picker.current?.showPicker();
              } catch {
                // No picker in this browser: typing the date still works.
              }
            }}
          >
            <CalendarDays size={16} aria-hidden="true" />
          </button>
          <input
            ref={picker}
            type="date"
            className="date-native"
            tabIndex={-1}
            aria-hidden="true"
            value={value}
            min={min}
            max={max}
            onChange={(e) => {
              const picked = e.target.value;
              if (!picked || picked === value) return;
              setProblem(null);
              setText(formatDate(picked, order));
              onChange(picked);
            }}
          />
        </div>
      )}
    </FieldFrame>
  );
}
