import { z } from 'zod';
import { EMPLOYMENT_TYPES, type EmploymentType, PAY_TYPES, type PayType, STAFF_ROLES, type StaffRole } from '../domain/staff';
import { channel, returns } from './channel';
import type { CredentialFlag } from './credentials';
import { cents, colour, date, email, empty, expected, id, optionalText, phoneNumber, strictObject, text } from './fields';

export interface StaffMember {
  id: string;
  fullName: string;
  jobTitle: string;
  staffRole: StaffRole;
  phone: string;
  email: string;
  employmentType: EmploymentType;
  startDate: string;
  endDate: string | null;
  /** Contracted hours per week. */
  contractedHours: number;
  colour: string;
  userId: string | null;
  bookable: boolean;
  active: boolean;
  /** Null when the person holds every credential their role requires. */
  flag: CredentialFlag | null;
  /** Pay is shown to the office manager only; null for everyone else. */
  pay: { type: PayType; rateCents: number } | null;
}

export const staffRole = () => z.enum(STAFF_ROLES, { error: expected(`one of: ${STAFF_ROLES.join(', ')}`) });

const staffFields = {
  fullName: text(120),
  jobTitle: optionalText(120),
  staffRole: staffRole(),
  phone: phoneNumber(40),
  email: z.union([z.literal(''), email()]),
  employmentType: z.enum(EMPLOYMENT_TYPES, { error: expected('full_time, part_time or contractor') }),
  startDate: date(),
  contractedHours: z
    .number({ error: expected('a number of hours') })
    .min(0, 'Cannot be negative')
    .max(80, 'At most 80 hours a week')
    .refine((h) => Number.isInteger(h * 4), 'Use quarter hours (e.g. 37.5)'),
  payType: z.enum(PAY_TYPES, { error: expected('hourly or salary') }),
  payRateCents: cents(),
  colour: colour(),
  userId: id().nullable(),
  bookable: z.boolean({ error: expected('true or false') }),
};

export const STAFF_EXAMPLE = {
  fullName: 'Jordan Reyes',
  jobTitle: 'Medical assistant',
  staffRole: 'nurse_ma' as const,
  phone: '(555) 010-3000',
  email: 'jordan@maplestreet.example',
  employmentType: 'full_time' as const,
  startDate: '2024-05-01',
  contractedHours: 40,
  payType: 'hourly' as const,
  payRateCents: 2350,
  colour: '#2f855a',
  userId: null,
  bookable: false,
};

export const staffContract = {
  'staff.list': channel({
    input: strictObject({
      query: optionalText(60).optional(),
      staffRole: staffRole().optional(),
      status: z.enum(['active', 'inactive', 'all'], { error: expected('active, inactive or all') }).optional(),
    }),
    output: returns<StaffMember[]>(),
    access: 'staff.view',
    audit: 'none',
    summary: 'The staff directory: search by name, title, phone or email; filter by role and status. Pay only for the manager.',
    example: { query: 'rey', status: 'active' },
  }),
  'staff.get': channel({
    input: strictObject({ id: id() }),
    output: returns<StaffMember>(),
    access: 'staff.self',
    audit: 'none',
    summary: 'One person. Receptionists and the manager see anyone; everyone sees their own record.',
    example: { id: '00000000-0000-7000-8000-000000000000' },
  }),
  'staff.me': channel({
    input: empty(),
    output: returns<StaffMember | null>(),
    access: 'staff.self',
    audit: 'none',
    summary: 'The staff record linked to the signed-in account, if any.',
    example: {},
  }),
  'staff.create': channel({
    input: strictObject(staffFields),
    output: returns<StaffMember>(),
    access: 'staff.manage',
    audit: 'write',
    summary: 'Add a person to the staff directory.',
    example: STAFF_EXAMPLE,
  }),
  'staff.update': channel({
    input: strictObject({ id: id(), ...staffFields }),
    output: returns<StaffMember>(),
    access: 'staff.manage',
    audit: 'write',
    summary: 'Change a person’s details, pay, color, account link or bookable flag.',
    example: { id: '00000000-0000-7000-8000-000000000000', ...STAFF_EXAMPLE },
  }),
  'staff.setActive': channel({
    input: strictObject({ id: id(), active: z.boolean({ error: expected('true or false') }), endDate: date().optional() }),
    output: returns<StaffMember>(),
    access: 'staff.manage',
    audit: 'write',
    summary: 'Mark a person as having left the practice (with the last day), or bring them back. History is kept.',
    example: { id: '00000000-0000-7000-8000-000000000000', active: false, endDate: '2026-06-30' },
  }),
} as const;
