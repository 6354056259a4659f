import type { SeriesPreview } from '../../../../shared/contract/appointments';
import type { DateOrder } from '../../../../shared/contract/clinic';
import { clockOf } from '../../../../shared/domain/time';
import { formatDayShort, formatWallTime } from '../../../../shared/domain/format';

/* The booking form's pieces: a series' preview, its times to choose from. */

export function SeriesPreviewList({ preview, order }: { preview: SeriesPreview; order: DateOrder }) {
  const clashing = preview.occurrences.filter((o) => o.conflicts.length > 0).length;
  return (
    <div className="stack">
      <p>
        {preview.occurrences.length} appointments.{' '}
        {clashing > 0 ? <strong className="text-bad">{clashing} clash with something and are marked below.</strong> : 'None of them clashes with anything.'}
      </p>
      <ol className="series-preview" aria-label="Appointments in the series">
        {preview.occurrences.map((o) => (
          <li key={o.start} className={o.conflicts.length ? 'series-clash' : undefined}>
            <span className="series-when">
              {formatDayShort(o.start.slice(0, 10), order)} {o.start.slice(0, 4)}, {formatWallTime(o.start.slice(11), order)}–{formatWallTime(o.end.slice(11), order)}
            </span>
            {o.conflicts.length > 0 ? <span className="series-why">{o.conflicts.map((c) => c.message).join(' ')}</span> : <span className="series-ok">Free</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function nthLabel(date: string): string {
  const nth = Math.ceil(Number(date.slice(8, 10)) / 7);
  return nth >= 5 ? 'last' : (['first', 'second', 'third', 'fourth'][nth - 1] ?? 'first');
}

/** Start times on the clinic's slot grid across the day (and the chosen one, if it is off the grid). */
export function timeOptions(slotMinutes: number, order: DateOrder, current: string): Array<{ value: string; label: string }> {
  const out: Array<{ value: string; label: string }> = [];
  for (let m = 6 * 60; m <= 21 * 60; m += slotMinutes) out.push({ value: clockOf(m), label: formatWallTime(clockOf(m), order) });
  if (!out.some((o) => o.value === current)) out.push({ value: current, label: formatWallTime(current, order) });
  return out.sort((a, b) => (a.value < b.value ? -1 : 1));
}
