import { STATUS_LABELS, type AppointmentStatus } from '../../../../shared/domain/appointments';

const TONES: Record<AppointmentStatus, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  booked: 'neutral',
  confirmed: 'info',
  arrived: 'warn',
  in_room: 'good',
  completed: 'neutral',
  no_show: 'bad',
  cancelled: 'bad',
};

/** An appointment's status in words and in the calendar's mark for it, coloured the way the calendar colours it. */
export function StatusBadge({ status }: { status: AppointmentStatus }) {
  return <span className={`badge badge-${TONES[status]} status-badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}
