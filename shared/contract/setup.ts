import type { Role } from '../domain/permissions';
import type { Me } from './auth';
import { channel, returns } from './channel';
import { CLINIC_EXAMPLE, clinicProfileInput } from './clinic-fields';
import { empty, newPassword, strictObject, text, username } from './fields';

export interface SetupStatus {
  needsSetup: boolean;
  clinicName: string | null;
}

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  fullName: string;
}

export const setupContract = {
  'setup.status': channel({
    input: empty(),
    output: returns<SetupStatus>(),
    access: 'public',
    audit: 'none',
    summary: 'Whether this data folder still needs its first-launch setup, and the clinic name.',
    example: {},
  }),
  'setup.createClinic': channel({
    input: strictObject({
      clinic: clinicProfileInput(),
      manager: strictObject({ fullName: text(120), username: username(), password: newPassword() }),
    }),
    output: returns<Me>(),
    access: 'public',
    audit: 'admin',
    summary: 'First launch only: create the clinic and its first manager, and sign the manager in.',
    example: { clinic: CLINIC_EXAMPLE, manager: { fullName: 'Office Manager', username: 'manager', password: 'a-long-password' } },
  }),
  'setup.createDemo': channel({
    input: empty(),
    output: returns<DemoAccount[]>(),
    access: 'public',
    audit: 'admin',
    summary: 'First launch only: fill this data folder with the small demo clinic; returns its sign-ins.',
    example: {},
  }),
} as const;
