import { z } from 'zod';
import { ROOM_KINDS } from '../domain/staff';
import { channel, returns } from './channel';
import { date, empty, expected, id, optionalDate, optionalText, strictObject, text } from './fields';
import type { Equipment, Room } from './staff-types';

export const facilitiesContract = {
  'rooms.list': channel({
    input: strictObject({ includeInactive: z.boolean().optional() }),
    output: returns<Room[]>(),
    access: 'rooms.view',
    audit: 'none',
    summary: 'Rooms by name.',
    example: {},
  }),
  'rooms.save': channel({
    input: strictObject({ id: id().optional(), name: text(60), kind: z.enum(ROOM_KINDS, { error: expected('exam, procedure, lab or other') }), note: optionalText(300, { multiline: true }), active: z.boolean() }),
    output: returns<Room>(),
    access: 'rooms.manage',
    audit: 'write',
    summary: 'Add or change a room (names are unique).',
    example: { name: 'Exam 1', kind: 'exam', note: '', active: true },
  }),
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
