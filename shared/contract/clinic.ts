import { channel, returns } from './channel';
import { CLINIC_EXAMPLE, clinicProfileInput } from './clinic-fields';
import { empty } from './fields';
import type { Clinic } from './types';

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
