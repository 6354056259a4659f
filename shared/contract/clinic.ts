import type { CountryCode } from '../domain/postal';
import { channel, returns } from './channel';
import { CLINIC_EXAMPLE, clinicProfileInput } from './clinic-fields';
import { empty } from './fields';

export interface OpeningHours {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** `HH:MM`, or null when closed that day. */
  opens: string | null;
  closes: string | null;
}

export type DateOrder = 'MDY' | 'DMY' | 'YMD';

export interface Clinic {
  name: string;
  timeZone: string;
  slotMinutes: number;
  phone: string;
  email: string;
  address: string;
  idleLockMinutes: number;
  dateOrder: DateOrder;
  /** Where the clinic is, for postal codes and address labels; the United States unless set. */
  country?: CountryCode;
  openingHours: OpeningHours[];
  updatedAt: string;
}

export const clinicContract = {
  'clinic.get': channel({
    input: empty(),
    output: returns<Clinic>(),
    access: 'clinic.view',
    audit: 'none',
    summary: 'The clinic profile: name, time zone, opening hours, slot size, idle lock.',
    example: {},
  }),
  'clinic.update': channel({
    input: clinicProfileInput(),
    output: returns<Clinic>(),
    access: 'clinic.manage',
    audit: 'write',
    summary: 'Change the clinic profile and opening hours.',
    example: CLINIC_EXAMPLE,
  }),
} as const;
