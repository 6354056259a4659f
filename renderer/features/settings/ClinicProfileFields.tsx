import type { Clinic, DateOrder, OpeningHours } from '../../../shared/contract/index';
import { COUNTRIES, DEFAULT_COUNTRY, type CountryCode } from '../../../shared/domain/postal';
import { SLOT_SIZES, WEEKDAYS } from '../../../shared/domain/time';
import type { FieldErrors } from '../../app/forms';
import { FieldFrame, SelectField, TextField } from '../../ui/Field';

export type ClinicProfile = Omit<Clinic, 'updatedAt'>;

const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

export function guessDateOrder(): DateOrder {
  const language = navigator.language.toLowerCase();
  if (language === 'en-us' || language.startsWith('en-us')) return 'MDY';
  if (language.startsWith('zh') || language.startsWith('ja') || language.startsWith('ko') || language.startsWith('sv')) return 'YMD';
  return language.startsWith('en') && !language.startsWith('en-gb') ? 'MDY' : 'DMY';
}

export function defaultClinicProfile(): ClinicProfile {
  return {
    name: '',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    slotMinutes: 15,
    phone: '',
    email: '',
    address: '',
    idleLockMinutes: 5,
    dateOrder: guessDateOrder(),
    openingHours: WEEKDAYS.map(({ day }) => (day <= 5 ? { weekday: day, opens: '08:00', closes: '17:00' } : { weekday: day, opens: null, closes: null })),
  };
}

interface Props {
  value: ClinicProfile;
  onChange: (value: ClinicProfile) => void;
  errors: FieldErrors;
  /** Error paths are prefixed ("clinic.") on the setup screen. */
  prefix?: string;
  /** Setup asks only what is needed to start; Settings shows everything. */
  full?: boolean;
}

/** The clinic profile form: used by first-launch setup and by Settings → Clinic. */
export function ClinicProfileFields({ value, onChange, errors, prefix = '', full = true }: Props) {
  const set = <K extends keyof ClinicProfile>(key: K, v: ClinicProfile[K]) => onChange({ ...value, [key]: v });
  const err = (path: string) => errors[`${prefix}${path}`];
  return (
    <>
      <div className="form-grid">
        <TextField label="Clinic name" value={value.name} onChange={(v) => set('name', v)} error={err('name')} autoComplete="organization" maxLength={120} required />
        <SelectField
          label="Time zone"
          value={value.timeZone}
          onChange={(v) => set('timeZone', v)}
          options={(TIME_ZONES.includes(value.timeZone) ? TIME_ZONES : [value.timeZone, ...TIME_ZONES]).map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))}
          error={err('timeZone')}
          hint="Appointments and shifts are kept in this zone's local time."
        />
        <SelectField
          label="Default appointment slot"
          value={String(value.slotMinutes)}
          onChange={(v) => set('slotMinutes', Number(v))}
          options={SLOT_SIZES.map((n) => ({ value: String(n), label: `${n} minutes` }))}
          error={err('slotMinutes')}
        />
        <SelectField
          label="Date format"
          value={value.dateOrder}
          onChange={(v) => set('dateOrder', v as DateOrder)}
          options={[
            { value: 'MDY', label: 'Month/day/year (03/07/1980)' },
            { value: 'DMY', label: 'Day/month/year (07/03/1980)' },
            { value: 'YMD', label: 'Year-month-day (1980-03-07)' },
          ]}
          error={err('dateOrder')}
        />
        <SelectField
          label="Country"
          value={value.country ?? DEFAULT_COUNTRY}
          onChange={(v) => set('country', v as CountryCode)}
          options={COUNTRIES.map((c) => ({ value: c.code, label: c.name }))}
          hint="Patients’ postal codes are checked the way this country writes them."
          error={err('country')}
        />
        {full && (
          <>
            <TextField label="Phone" value={value.phone} onChange={(v) => set('phone', v)} error={err('phone')} autoComplete="tel" maxLength={40} />
            <TextField label="Email" type="email" value={value.email} onChange={(v) => set('email', v)} error={err('email')} autoComplete="email" maxLength={254} />
            <TextField label="Address" className="span-2" value={value.address} onChange={(v) => set('address', v)} error={err('address')} autoComplete="street-address" maxLength={300} />
            <TextField
              label="Lock the screen after (minutes idle)"
              type="number"
              min={1}
              max={240}
              value={String(value.idleLockMinutes)}
              onChange={(v) => set('idleLockMinutes', v === '' ? Number.NaN : Number(v))}
              error={err('idleLockMinutes')}
              hint="Shared front-desk PCs: 5 minutes is the usual choice."
            />
          </>
        )}
      </div>
      <OpeningHoursEditor hours={value.openingHours} onChange={(h) => set('openingHours', h)} errors={errors} prefix={`${prefix}openingHours`} />
    </>
  );
}

function OpeningHoursEditor({ hours, onChange, errors, prefix }: { hours: OpeningHours[]; onChange: (h: OpeningHours[]) => void; errors: FieldErrors; prefix: string }) {
  const update = (index: number, patch: Partial<OpeningHours>) => onChange(hours.map((h, i) => (i === index ? { ...h, ...patch } : h)));
  return (
    <fieldset className="hours">
      <legend>Opening hours</legend>
      {errors[prefix] && <p className="field-error">{errors[prefix]}</p>}
      <div className="hours-grid" role="group">
        {hours.map((h, index) => {
          const day = WEEKDAYS.find((w) => w.day === h.weekday)?.name ?? `Day ${h.weekday}`;
          const open = h.opens !== null;
          const error = errors[`${prefix}.${index}.closes`] ?? errors[`${prefix}.${index}.opens`];
          return (
            <div className={`hours-row${error ? ' field-invalid' : ''}`} key={h.weekday}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={open}
                  onChange={(e) => update(index, e.target.checked ? { opens: '08:00', closes: '17:00' } : { opens: null, closes: null })}
                />
                <span className="hours-day">{day}</span>
              </label>
              {open ? (
                <span className="hours-times">
                  <FieldFrame label={`${day} opens`} className="sr-label">
                    {({ id }) => <input id={id} type="time" step={300} value={h.opens ?? ''} onChange={(e) => update(index, { opens: e.target.value || null })} />}
                  </FieldFrame>
                  <span aria-hidden="true">to</span>
                  <FieldFrame label={`${day} closes`} className="sr-label" error={error}>
                    {({ id, describedBy, invalid }) => (
                      <input id={id} type="time" step={300} value={h.closes ?? ''} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => update(index, { closes: e.target.value || null })} />
                    )}
                  </FieldFrame>
                </span>
              ) : (
                <span className="hours-closed">Closed</span>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
