import { z } from 'zod';
import { channel, returns } from './channel';
import { date, empty, expected, id, optionalDate, optionalText, strictObject, text } from './fields';

export interface Equipment {
  id: string;
  name: string;
  serialNumber: string;
  roomId: string | null;
  roomName: string | null;
  serviceIntervalMonths: number | null;
  lastServiceOn: string | null;
  nextServiceOn: string | null;
  outOfService: boolean;
  note: string;
  active: boolean;
  overdue: boolean;
}

export const equipmentContract = {
  'equipment.list': channel({
    input: strictObject({ includeInactive: z.boolean().optional(), asOf: date().optional() }),
    output: returns<Equipment[]>(),
    access: 'equipment.view',
    audit: 'none',
    summary: 'Equipment with service dates; overdue first.',
    example: {},
  }),
  'equipment.save': channel({
    input: strictObject({
      id: id().optional(),
      name: text(100),
      serialNumber: optionalText(80),
      roomId: id().nullable(),
      serviceIntervalMonths: z.number({ error: expected('a number of months') }).int().min(1, 'At least 1 month').max(120, 'At most 120 months').nullable(),
      lastServiceOn: optionalDate(),
      nextServiceOn: optionalDate(),
      outOfService: z.boolean(),
      note: optionalText(500, { multiline: true }),
      active: z.boolean(),
    })
      .superRefine((e, ctx) => {
        if (e.lastServiceOn && e.nextServiceOn && e.nextServiceOn < e.lastServiceOn) ctx.addIssue({ code: 'custom', path: ['nextServiceOn'], message: 'The next service is before the last one' });
      }),
    output: returns<Equipment>(),
    access: 'equipment.manage',
    audit: 'write',
    summary: 'Add or change equipment. Without a next service date, it is the last one plus the interval.',
    example: { name: 'Autoclave', serialNumber: 'AC-1', roomId: null, serviceIntervalMonths: 12, lastServiceOn: '2025-06-01', nextServiceOn: null, outOfService: false, note: '', active: true },
  }),
  'equipment.recordService': channel({
    input: strictObject({ id: id(), servicedOn: date(), note: optionalText(500, { multiline: true }) }),
    output: returns<Equipment>(),
    access: 'equipment.manage',
    audit: 'write',
    summary: 'Record a service or calibration; the next one moves to that date plus the interval.',
    example: { id: '00000000-0000-7000-8000-000000000000', servicedOn: '2026-03-02', note: '' },
  }),
  'equipment.overdue': channel({
    input: empty(),
    output: returns<Equipment[]>(),
    access: 'equipment.view',
    audit: 'none',
    summary: 'Active equipment whose service or calibration is overdue.',
    example: {},
  }),
} as const;
