import { z } from 'zod';
import { COUNTRY_CODES } from '../domain/postal';
import { SLOT_SIZES, minutesOfDay } from '../domain/time';
import { atMost, email, expected, optionalText, strictObject, text, timeOfDay, timeZone } from './fields';

/** Opening hours for all seven weekdays; a closed day has opens and closes null. */
export const openingHoursInput = () =>
  atMost(
    z
      .array(
        strictObject({
          weekday: z.number().int().min(1).max(7),
          opens: timeOfDay().nullable(),
          closes: timeOfDay().nullable(),
        })
          .superRefine((day, ctx) => {
            if ((day.opens === null) !== (day.closes === null)) {
              ctx.addIssue({ code: 'custom', message: 'Give both opening and closing time, or mark the day closed', path: ['closes'] });
            } else if (day.opens !== null && day.closes !== null && minutesOfDay(day.closes) <= minutesOfDay(day.opens)) {
              ctx.addIssue({ code: 'custom', message: 'Closing time must be after opening time', path: ['closes'] });
            }
          }),
      )
      .length(7, 'Give hours for all seven weekdays')
      .refine((days) => new Set(days.map((d) => d.weekday)).size === 7, 'Each weekday must appear once'),
    7,
    'Give hours for all seven weekdays',
  );

export const slotMinutes = () =>
  z
    .number({ error: expected('a number of minutes') })
    .int()
    .refine((n) => (SLOT_SIZES as readonly number[]).includes(n), `Use one of ${SLOT_SIZES.join(', ')} minutes`);

export const idleLockMinutes = () =>
  z.number({ error: expected('a number of minutes') }).int('Use whole minutes').min(1, 'At least 1 minute').max(240, 'At most 240 minutes');

export const dateOrder = () => z.enum(['MDY', 'DMY', 'YMD'], { error: expected('MDY, DMY or YMD') });

/** The clinic profile as entered on the setup screen and in Settings. */
export const clinicProfileInput = () =>
  strictObject({
    name: text(120),
    timeZone: timeZone(),
    slotMinutes: slotMinutes(),
    phone: optionalText(40),
    email: z.union([z.literal(''), email()]),
    address: optionalText(300),
    idleLockMinutes: idleLockMinutes(),
    dateOrder: dateOrder(),
    country: z.enum(COUNTRY_CODES, { error: expected(COUNTRY_CODES.join(', ')) }).optional(),
    openingHours: openingHoursInput(),
  });

export const WEEKDAY_HOURS_EXAMPLE = [1, 2, 3, 4, 5, 6, 7].map((weekday) =>
  weekday <= 5 ? { weekday, opens: '08:00', closes: '17:00' } : { weekday, opens: null, closes: null },
);

export const CLINIC_EXAMPLE = {
  name: 'Maple Street Family Practice',
  timeZone: 'America/New_York',
  slotMinutes: 15,
  phone: '(555) 010-2000',
  email: 'office@maplestreet.example',
  address: '12 Maple Street, Springfield',
  idleLockMinutes: 5,
  dateOrder: 'MDY' as const,
  openingHours: WEEKDAY_HOURS_EXAMPLE,
};
