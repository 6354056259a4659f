import type { AppointmentType } from '../../../../shared/contract/appointment-types';
import { APPOINTMENT_STATUSES, STATUS_LABELS } from '../../../../shared/domain/appointments';

/**
 * What the blocks on the grid mean: each status's mark and fill (drawn by the
 * same CSS classes as the blocks), and each appointment type's colour bar.
 */
export function CalendarLegend({ types }: { types: readonly AppointmentType[] }) {
  const shown = types.filter((t) => t.active);
  return (
    <div className="cal-legend">
      <ul className="cal-legend-list" aria-label="What the marks on the blocks mean">
        {APPOINTMENT_STATUSES.map((status) => (
          <li key={status} className={`cal-legend-status cal-status-${status}`}>
            {STATUS_LABELS[status]}
          </li>
        ))}
      </ul>
      {shown.length > 0 && (
        <details className="cal-legend-types">
          <summary>Type colors</summary>
          <ul className="cal-legend-list" aria-label="What the bar colors on the blocks mean">
            {shown.map((t) => (
              <li key={t.id} className="cal-legend-type" style={{ borderLeftColor: t.colour }}>
                {t.name}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
