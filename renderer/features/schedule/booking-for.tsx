import { UserRound, X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import { navigate } from '../../app/route';
import { Button } from '../../ui/Button';
import type { PickedPatient } from './PatientPicker';

/**
 * The patient a booking is being made for, carried from their record to the
 * calendar ("Book an appointment"): every booking form opened meanwhile starts
 * with them, until one is booked or the person cancels.
 */
export const useBookingFor = create<{ patient: PickedPatient | null }>(() => ({ patient: null }));

/** From a patient's record: go to the calendar to pick a slot for them. */
export function startBookingFor(patient: PickedPatient): void {
  useBookingFor.setState({ patient });
  navigate('/schedule/calendar');
}

export function stopBookingFor(): void {
  useBookingFor.setState({ patient: null });
}

/** "Booking for Edwards, Yuki — pick a slot", above the calendar, with the way back and the way out. */
export function BookingForBanner() {
  const patient = useBookingFor((s) => s.patient);
  const ref = useRef<HTMLDivElement>(null);
  const shownFor = patient?.id;
  // Arriving from the record, the banner is where the person starts (and what a screen reader reads).
  useEffect(() => {
    if (shownFor) ref.current?.focus({ preventScroll: true });
  }, [shownFor]);
  if (!patient) return null;
  return (
    <div ref={ref} tabIndex={-1} className="booking-for" role="status" aria-label={`Booking for ${patient.name}`}>
      <UserRound size={18} aria-hidden="true" />
      <span>
        Booking for <strong>{patient.name}</strong> — pick a slot
      </span>
      <span className="spacer" />
      <a
        href={`#/patients/record/${patient.id}`}
        onClick={(e) => {
          e.preventDefault();
          navigate(`/patients/record/${patient.id}`);
        }}
      >
        Back to the record
      </a>
      <Button variant="ghost" icon={<X size={16} aria-hidden="true" />} onClick={stopBookingFor} aria-label={`Stop booking for ${patient.name}`}>
        Cancel
      </Button>
    </div>
  );
}
