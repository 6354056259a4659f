import { STATUS_LABELS, type AppointmentStatus } from '../../../../shared/domain/appointments';
import { Badge } from '../../../ui/Feedback';

const TONES: Record<AppointmentStatus, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  booked: 'neutral',
  confirmed: 'info',
  arrived: 'warn',
  in_room: 'good',
  completed: 'neutral',
  no_show: 'bad',
  cancelled: 'bad',
};

/** An appointment's status in words, coloured the way the calendar colours it. */
export function StatusBadge({ status }: { status: AppointmentStatus }) {
  return <Badge tone={TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
