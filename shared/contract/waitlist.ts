import { z } from 'zod';
import type { WaitlistUrgency } from '../domain/appointments';
import { channel, returns } from './channel';
import { expected, id, list, optionalText, strictObject, timeOfDay } from './fields';

export interface WaitlistEntry {
  id: string;
  patient: { id: string; name: string; mrn: string; phone: string };
  typeId: string;
  typeName: string;
  providerIds: string[];
  providerNames: string[];
  weekdays: number[];
  timeFrom: string;
  timeTo: string;
  urgency: WaitlistUrgency;
  note: string;
  status: 'waiting' | 'booked' | 'closed';
  appointmentId: string | null;
  addedAt: string;
}

/** A freed slot and the waitlist entries it suits, best first. */
export interface WaitlistOffer {
  slot: { start: string; end: string; providerId: string; providerName: string };
  entries: WaitlistEntry[];
}

export const waitlistContract = {
  'waitlist.list': channel({
    input: strictObject({ status: z.enum(['waiting', 'booked', 'closed']).optional() }),
    output: returns<WaitlistEntry[]>(),
    access: 'schedule.view',
    audit: 'read-phi',
    summary: 'The waitlist, urgent first, then by date added.',
    example: {},
  }),
  'waitlist.add': channel({
    input: strictObject({
      patientId: id(),
      typeId: id(),
      providerIds: list(id(), 20, { tooMany: 'Choose at most 20 providers' }),
      weekdays: list(z.number().int().min(1).max(7), 7, { tooMany: 'Choose at most 7 weekdays' }),
      timeFrom: timeOfDay(),
      timeTo: timeOfDay(),
      urgency: z.enum(['urgent', 'soon', 'routine'], { error: expected('urgent, soon or routine') }),
      note: optionalText(500, { multiline: true }),
    })
      .superRefine((w, ctx) => {
        if (w.timeTo <= w.timeFrom) ctx.addIssue({ code: 'custom', path: ['timeTo'], message: 'The end of the time window is before its start' });
      }),
    output: returns<WaitlistEntry>(),
    access: 'schedule.manage',
    audit: 'write',
    summary: 'Put a patient on the waitlist with their preferences.',
    example: { patientId: '00000000-0000-7000-8000-000000000001', typeId: '00000000-0000-7000-8000-000000000003', providerIds: [], weekdays: [], timeFrom: '08:00', timeTo: '17:00', urgency: 'soon', note: '' },
  }),
  'waitlist.close': channel({
    input: strictObject({ id: id() }),
    output: returns<WaitlistEntry>(),
    access: 'schedule.manage',
    audit: 'write',
    summary: 'Take an entry off the waitlist (no longer needed).',
    example: { id: '00000000-0000-7000-8000-000000000000' },
  }),
} as const;
