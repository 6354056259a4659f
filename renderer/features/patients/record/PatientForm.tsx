import { useEffect, useRef, useState } from 'react';
import type { DuplicateCandidate, Patient, PatientDetails } from '../../../../shared/contract/patients';
import { patientsContract } from '../../../../shared/contract/patients';
import { formatDate } from '../../../../shared/domain/format';
import { CONTACT_LABELS, CONTACT_METHODS, SEX_LABELS, SEXES, SUBSCRIBER_LABELS, SUBSCRIBER_RELATIONS, type ContactMethod, type Sex, type SubscriberRelation } from '../../../../shared/domain/patients';
import { PATIENT_EXAMPLE_BLANK } from '../../../../shared/domain/patient-import';
import { countryOf, postalCodeProblem } from '../../../../shared/domain/postal';
import { exampleBirthDate } from '../../../../shared/domain/typed-date';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { Button } from '../../../ui/Button';
import { DateField } from '../../../ui/DateField';
import { Alert } from '../../../ui/Feedback';
import { FieldFrame, SelectField, TextField } from '../../../ui/Field';
import { Revealed, revealFirstInvalid } from '../../../ui/Reveal';

interface Props {
  /** null registers a new patient. */
  patient: Patient | null;
  onSaved: (patient: Patient) => void;
  onCancel: () => void;
}

const detailsOf = (p: Patient | null): PatientDetails => {
  if (!p) return structuredClone(PATIENT_EXAMPLE_BLANK);
  const { id: _id, mrn: _mrn, active: _active, mergedInto: _merged, createdAt: _c, updatedAt: _u, ...details } = p;
  return structuredClone(details);
};

/**
 * The patient form, for registering and for editing. Before saving it asks the
 * main process for likely duplicates and, if there are any, shows them and asks
 * for confirmation; the main process refuses a duplicate without it as well.
 */
export function PatientForm({ patient, onSaved, onCancel }: Props) {
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const country = countryOf(useSession((s) => s.clinic?.country));
  const [value, setValue] = useState<PatientDetails>(() => detailsOf(patient));
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);
  const form = useFormSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const missingDob = `Enter the date of birth, like ${exampleBirthDate(order)}`;
  // After a refused save, go to the first field that says what is wrong.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) revealFirstInvalid(formRef.current);
  }, [refusals]);
  const err = (path: string) => form.errors[`details.${path}`];
  const set = <K extends keyof PatientDetails>(key: K, v: PatientDetails[K]) => {
    setCandidates(null);
    setValue({ ...value, [key]: v });
  };
  const setIn = <K extends 'phones' | 'address' | 'emergency' | 'insurance' | 'flags'>(key: K, patch: Partial<PatientDetails[K]>) => set(key, { ...value[key], ...patch });

  async function save(confirmDuplicate: boolean) {
    const input = patient ? { id: patient.id, details: value, ...(confirmDuplicate ? { confirmDuplicate } : {}) } : { details: value, ...(confirmDuplicate ? { confirmDuplicate } : {}) };
    // The contract's own checks, and the postal code as the clinic's country writes it (the main process checks it too).
    const postal = (v: { details: PatientDetails }, ctx: { addIssue: (issue: { code: 'custom'; path: string[]; message: string }) => void }) => {
      const problem = postalCodeProblem(v.details.address.postalCode, country.code);
      if (problem) ctx.addIssue({ code: 'custom', path: ['details', 'address', 'postalCode'], message: problem });
    };
    const schema = patient ? patientsContract['patients.update'].input.superRefine(postal) : patientsContract['patients.create'].input.superRefine(postal);
    if (!confirmDuplicate) {
      const check = schema.safeParse(input);
      if (check.success) {
        const found = await call('patients.findDuplicates', { firstName: value.firstName, lastName: value.lastName, dob: value.dob, phones: Object.values(value.phones), ...(patient ? { excludeId: patient.id } : {}) }).catch(() => []);
        if (found.length > 0) {
          setCandidates(found);
          return;
        }
      }
    }
    const saved = patient
      ? await form.submit(patientsContract['patients.update'].input.superRefine(postal), input as { id: string; details: PatientDetails }, (i) => call('patients.update', i))
      : await form.submit(patientsContract['patients.create'].input.superRefine(postal), input, (i) => call('patients.create', i));
    if (saved) onSaved(saved);
    else setRefusals((n) => n + 1);
  }

  return (
    <form
      ref={formRef}
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <section className="card stack" aria-labelledby="form-identity">
        <h2 id="form-identity">{patient ? `Edit ${patient.firstName} ${patient.lastName}` : 'Register a new patient'}</h2>
        <div className="form-grid form-grid-4">
          <TextField label="First name" value={value.firstName} onChange={(v) => set('firstName', v)} error={err('firstName')} maxLength={80} autoFocus autoComplete="off" required />
          <TextField label="Middle name" value={value.middleName} onChange={(v) => set('middleName', v)} error={err('middleName')} maxLength={80} autoComplete="off" />
          <TextField label="Last name" value={value.lastName} onChange={(v) => set('lastName', v)} error={err('lastName')} maxLength={80} autoComplete="off" required />
          <TextField label="Preferred name" value={value.preferredName} onChange={(v) => set('preferredName', v)} error={err('preferredName')} maxLength={80} autoComplete="off" />
          <DateField label="Date of birth" kind="birth" value={value.dob} onChange={(v) => set('dob', v)} error={value.dob === '' && err('dob') ? missingDob : err('dob')} min="1900-01-01" required missing={missingDob} />
          <SelectField label="Sex" value={value.sex} onChange={(v) => set('sex', v as Sex)} options={SEXES.map((s) => ({ value: s, label: SEX_LABELS[s] }))} error={err('sex')} />
          <TextField label="Pronouns" value={value.pronouns} onChange={(v) => set('pronouns', v)} error={err('pronouns')} maxLength={40} placeholder="e.g. she/her" />
        </div>
      </section>

      <section className="card stack" aria-labelledby="form-contact">
        <h2 id="form-contact">Contact</h2>
        <div className="form-grid form-grid-4">
          <TextField label="Mobile phone" type="tel" value={value.phones.mobile} onChange={(v) => setIn('phones', { mobile: v })} error={err('phones.mobile')} />
          <TextField label="Home phone" type="tel" value={value.phones.home} onChange={(v) => setIn('phones', { home: v })} error={err('phones.home')} />
          <TextField label="Work phone" type="tel" value={value.phones.work} onChange={(v) => setIn('phones', { work: v })} error={err('phones.work')} />
          <SelectField label="Preferred contact" value={value.preferredContact} onChange={(v) => set('preferredContact', v as ContactMethod)} options={CONTACT_METHODS.map((c) => ({ value: c, label: CONTACT_LABELS[c] }))} />
          <TextField label="Email" type="email" className="span-2" value={value.email} onChange={(v) => set('email', v.trim())} error={err('email')} autoComplete="off" />
          <TextField label="Address" className="span-2" value={value.address.line1} onChange={(v) => setIn('address', { line1: v })} error={err('address.line1')} />
          <TextField label="Address line 2" className="span-2" value={value.address.line2} onChange={(v) => setIn('address', { line2: v })} />
          <TextField label="City" value={value.address.city} onChange={(v) => setIn('address', { city: v })} />
          <TextField label={country.region} value={value.address.region} onChange={(v) => setIn('address', { region: v })} />
          <TextField label={country.postal} value={value.address.postalCode} onChange={(v) => setIn('address', { postalCode: v })} error={err('address.postalCode')} placeholder={country.example ? `e.g. ${country.example.split(' or ')[0]}` : undefined} />
        </div>
        <h3>Emergency contact</h3>
        <div className="form-grid form-grid-4">
          <TextField label="Emergency contact name" className="span-2" value={value.emergency.name} onChange={(v) => setIn('emergency', { name: v })} />
          <TextField label="Emergency contact phone" type="tel" value={value.emergency.phone} onChange={(v) => setIn('emergency', { phone: v })} error={err('emergency.phone')} />
          <TextField label="Relationship" value={value.emergency.relation} onChange={(v) => setIn('emergency', { relation: v })} />
        </div>
      </section>

      <section className="card stack" aria-labelledby="form-insurance">
        <h2 id="form-insurance">Insurance</h2>
        <InsuranceFields value={value.insurance} onChange={(i) => set('insurance', i)} errors={form.errors} prefix="details.insurance" />
      </section>

      <section className="card stack" aria-labelledby="form-notes">
        <h2 id="form-notes">Front desk</h2>
        <div className="form-grid">
          <TextField label="Interpreter needed — language" value={value.flags.interpreterLanguage} onChange={(v) => setIn('flags', { interpreterLanguage: v })} hint="Leave empty when no interpreter is needed." />
          <TextField label="Other flag" value={value.flags.other} onChange={(v) => setIn('flags', { other: v })} hint="Shown on the record and in search, e.g. “Allergic to latex”." maxLength={200} />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={value.flags.mobilityAssistance} onChange={(e) => setIn('flags', { mobilityAssistance: e.target.checked })} />
          Needs mobility assistance
        </label>
        <FieldFrame label="Front-desk notes" error={err('notes')}>
          {({ id, describedBy }) => <textarea id={id} rows={3} maxLength={2000} value={value.notes} aria-describedby={describedBy} onChange={(e) => set('notes', e.target.value)} />}
        </FieldFrame>
      </section>

      {candidates && candidates.length > 0 && (
        <Revealed label="This may be someone already registered" className="sticky-actions duplicate-warning">
          <Alert tone="warning" title="This may be someone already registered">
            <ul className="plain-list">
              {candidates.map((c) => (
                <li key={c.id}>
                  <a
                    href={`#/patients/record/${c.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/patients/record/${c.id}`);
                    }}
                  >
                    {c.name}
                  </a>
                  , born {formatDate(c.dob, order)}, record {c.mrn}
                  {c.phone ? `, ${c.phone}` : ''} — {c.reason === 'name_and_dob' ? 'same name and date of birth' : 'same phone and surname'}
                </li>
              ))}
            </ul>
            <div className="form-actions">
              <Button variant="primary" onClick={() => void save(true)} busy={form.busy}>
                {patient ? 'Save anyway' : 'Register anyway — it is a different person'}
              </Button>
              <Button
                onClick={() => {
                  setCandidates(null);
                  formRef.current?.querySelector<HTMLElement>('input')?.focus();
                }}
              >
                Go back and check
              </Button>
            </div>
          </Alert>
        </Revealed>
      )}
      {!candidates && (
        <div className="form-actions sticky-actions">
          {form.message && <Alert>{form.message}</Alert>}
          <Button type="submit" variant="primary" busy={form.busy}>
            {patient ? 'Save changes' : 'Register patient'}
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </div>
      )}
    </form>
  );
}

/** Insurance fields: in the patient form, and alone for billers. */
export function InsuranceFields({ value, onChange, errors, prefix }: { value: PatientDetails['insurance']; onChange: (v: PatientDetails['insurance']) => void; errors: Record<string, string>; prefix: string }) {
  const set = (patch: Partial<PatientDetails['insurance']>) => onChange({ ...value, ...patch });
  return (
    <div className="form-grid form-grid-4">
      <TextField label="Insurance payer" className="span-2" value={value.payer} onChange={(v) => set({ payer: v })} error={errors[`${prefix}.payer`]} placeholder="e.g. Aetna, Medicare" />
      <TextField label="Member ID" value={value.memberId} onChange={(v) => set({ memberId: v })} error={errors[`${prefix}.memberId`]} />
      <TextField label="Group number" value={value.group} onChange={(v) => set({ group: v })} error={errors[`${prefix}.group`]} />
      <SelectField label="Subscriber" value={value.subscriberRelation} onChange={(v) => set({ subscriberRelation: v as SubscriberRelation })} options={SUBSCRIBER_RELATIONS.map((r) => ({ value: r, label: SUBSCRIBER_LABELS[r] }))} />
      {value.subscriberRelation !== 'self' && (
        <>
          <TextField label="Subscriber name" value={value.subscriberName} onChange={(v) => set({ subscriberName: v })} error={errors[`${prefix}.subscriberName`]} />
          <DateField label="Subscriber date of birth" kind="birth" value={value.subscriberDob} onChange={(v) => set({ subscriberDob: v })} error={errors[`${prefix}.subscriberDob`]} />
        </>
      )}
    </div>
  );
}
