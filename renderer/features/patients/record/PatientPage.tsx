import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import type { Patient } from '../../../../shared/contract/patients';
import { patientsContract } from '../../../../shared/contract/patients';
import { ageOn, formatDate, formatInstant } from '../../../../shared/domain/format';
import { CONTACT_LABELS, patientListName, SEX_LABELS, SUBSCRIBER_LABELS } from '../../../../shared/domain/patients';
import { roleHas } from '../../../../shared/domain/permissions';
import { dateInZone } from '../../../../shared/domain/time';
import { call, messageOf } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { navigate } from '../../../app/route';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert, EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { PatientConcerns } from '../concerns/PatientConcerns';
import { PatientBadges } from '../PatientSummary';
import { MergeDialog } from './MergeDialog';
import { PatientAppointments } from './PatientAppointments';
import { InsuranceFields, PatientForm } from './PatientForm';

/** A patient's record: demographics, insurance, flags, concerns and the history of every change. */
export function PatientPage({ patientId }: { patientId: string }) {
  const me = useSession((s) => s.me);
  const [refresh, setRefresh] = useState(0);
  const { data: patient, error, reload } = useLoad(() => call('patients.get', { id: patientId }), `${patientId}|${refresh}`);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [insurance, setInsurance] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const may = (p: Parameters<typeof roleHas>[1]) => (me ? roleHas(me.user.role, p) : false);
  const changed = (message: string) => {
    setNotice(message);
    setRefresh((n) => n + 1);
  };

  if (error) return <LoadError error={error} onRetry={reload} title="This record could not be opened" />;
  if (!patient) return <Loading label="Opening the record…" />;
  if (editing) {
    return (
      <PatientForm
        patient={patient}
        onCancel={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          changed('Changes saved.');
        }}
      />
    );
  }

  async function setActive(active: boolean) {
    setProblem(null);
    try {
      await call('patients.setActive', { id: patient!.id, active });
      changed(active ? 'The record is active again.' : 'The record is now inactive; it no longer appears in searches unless asked.');
    } catch (e) {
      setProblem(messageOf(e));
    }
  }

  const canEdit = may('patients.edit') && !patient.mergedInto;
  return (
    <div className="stack">
      <div>
        <Button variant="ghost" icon={<ArrowLeft size={16} aria-hidden="true" />} onClick={() => navigate('/patients')}>
          Find another patient
        </Button>
      </div>
      {patient.mergedInto && (
        <Alert tone="warning" title="This record was merged">
          It is kept for history only. The patient’s record is{' '}
          <a
            href={`#/patients/record/${patient.mergedInto.id}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/patients/record/${patient.mergedInto!.id}`);
            }}
          >
            {patient.mergedInto.name}, record {patient.mergedInto.mrn}
          </a>
          .
        </Alert>
      )}
      {notice && <Alert tone="success">{notice}</Alert>}
      {problem && <Alert>{problem}</Alert>}
      <PatientHeader patient={patient}>
        {canEdit && (
          <Button variant="primary" onClick={() => setEditing(true)}>
            Edit
          </Button>
        )}
        {!canEdit && may('patients.insurance') && !patient.mergedInto && <Button onClick={() => setInsurance(true)}>Edit insurance</Button>}
        {canEdit && (patient.active ? <Button onClick={() => void setActive(false)}>Mark inactive</Button> : <Button onClick={() => void setActive(true)}>Make active</Button>)}
        {may('patients.merge') && !patient.mergedInto && <Button onClick={() => setMerging(true)}>Merge a duplicate…</Button>}
      </PatientHeader>
      <div className="record-grid">
        <ContactCard patient={patient} />
        <InsuranceCard patient={patient} />
      </div>
      {patient.notes && (
        <section className="card" aria-labelledby="notes-title">
          <h2 id="notes-title">Front-desk notes</h2>
          <p className="pre-line">{patient.notes}</p>
        </section>
      )}
      <PatientAppointments
        patientId={patient.id}
        patient={{ id: patient.id, name: patientListName(patient), mrn: patient.mrn, dob: patient.dob, phone: patient.phones.mobile || patient.phones.home || patient.phones.work }}
        canBook={!patient.mergedInto}
      />
      <div className="record-grid">
        <section className="card card-muted" aria-labelledby="balance-title">
          <h2 id="balance-title">Balance</h2>
          <p className="muted">Charges, payments and the balance will show here once Billing arrives.</p>
        </section>
      </div>
      {may('concerns.view') && <PatientConcerns patientId={patient.id} patientName={`${patient.firstName} ${patient.lastName}`} />}
      <HistorySection patientId={patient.id} refreshKey={refresh} />
      <MergeDialog
        open={merging}
        keep={patient}
        onClose={() => setMerging(false)}
        onMerged={(other) => {
          setMerging(false);
          changed(`Merged ${other} into this record.`);
        }}
      />
      <Dialog open={insurance} title="Edit insurance" onClose={() => setInsurance(false)} wide>
        {insurance && (
          <InsuranceForm
            patient={patient}
            onClose={() => setInsurance(false)}
            onSaved={() => {
              setInsurance(false);
              changed('Insurance saved.');
            }}
          />
        )}
      </Dialog>
    </div>
  );
}

export function PatientHeader({ patient, children }: { patient: Patient; children?: React.ReactNode }) {
  const clinic = useSession((s) => s.clinic);
  const today = clinic ? dateInZone(new Date(), clinic.timeZone) : new Date().toISOString().slice(0, 10);
  return (
    <section className="card person-header" aria-labelledby="patient-name">
      <div className="stack person-main">
        <div>
          <h2 id="patient-name">
            {patient.firstName} {patient.middleName} {patient.lastName}
            {patient.preferredName && <span className="muted"> “{patient.preferredName}”</span>}
          </h2>
          <p className="muted">
            Record {patient.mrn} · born {formatDate(patient.dob, clinic?.dateOrder ?? 'MDY')} ({ageOn(patient.dob, today)} years) · {SEX_LABELS[patient.sex]}
            {patient.pronouns && ` · ${patient.pronouns}`}
          </p>
          <PatientBadges flags={patient.flags} active={patient.active} />
        </div>
      </div>
      <div className="person-actions">{children}</div>
    </section>
  );
}

function ContactCard({ patient }: { patient: Patient }) {
  const address = [patient.address.line1, patient.address.line2, [patient.address.city, patient.address.region, patient.address.postalCode].filter(Boolean).join(' ')].filter(Boolean);
  return (
    <section className="card" aria-labelledby="contact-title">
      <h2 id="contact-title">Contact</h2>
      <dl className="facts">
        <dt>Mobile</dt>
        <dd>{patient.phones.mobile || '—'}</dd>
        <dt>Home</dt>
        <dd>{patient.phones.home || '—'}</dd>
        <dt>Work</dt>
        <dd>{patient.phones.work || '—'}</dd>
        <dt>Email</dt>
        <dd>{patient.email || '—'}</dd>
        <dt>Prefers</dt>
        <dd>{CONTACT_LABELS[patient.preferredContact]}</dd>
        <dt>Address</dt>
        <dd>{address.length ? address.map((line) => <div key={line}>{line}</div>) : '—'}</dd>
        <dt>Emergency</dt>
        <dd>{patient.emergency.name ? `${patient.emergency.name}${patient.emergency.relation ? ` (${patient.emergency.relation})` : ''} ${patient.emergency.phone}` : '—'}</dd>
      </dl>
    </section>
  );
}

function InsuranceCard({ patient }: { patient: Patient }) {
  const order = useSession((s) => s.clinic?.dateOrder ?? 'MDY');
  const i = patient.insurance;
  return (
    <section className="card" aria-labelledby="insurance-title">
      <h2 id="insurance-title">Insurance</h2>
      {i.payer ? (
        <dl className="facts">
          <dt>Payer</dt>
          <dd>{i.payer}</dd>
          <dt>Member ID</dt>
          <dd>{i.memberId || '—'}</dd>
          <dt>Group</dt>
          <dd>{i.group || '—'}</dd>
          <dt>Subscriber</dt>
          <dd>{i.subscriberRelation === 'self' ? SUBSCRIBER_LABELS.self : `${i.subscriberName || SUBSCRIBER_LABELS[i.subscriberRelation]}${i.subscriberDob ? `, born ${formatDate(i.subscriberDob, order)}` : ''}`}</dd>
        </dl>
      ) : (
        <p className="muted">No insurance recorded (self-pay).</p>
      )}
    </section>
  );
}

function InsuranceForm({ patient, onClose, onSaved }: { patient: Patient; onClose: () => void; onSaved: () => void }) {
  const [value, setValue] = useState(patient.insurance);
  const form = useFormSubmit();
  async function save(event: React.FormEvent) {
    event.preventDefault();
    const saved = await form.submit(patientsContract['patients.updateInsurance'].input, { id: patient.id, insurance: value }, (i) => call('patients.updateInsurance', i));
    if (saved) onSaved();
  }
  return (
    <form onSubmit={save} noValidate className="stack">
      <InsuranceFields value={value} onChange={setValue} errors={form.errors} prefix="insurance" />
      {form.message && <Alert>{form.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          Save insurance
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}

const FIELD_LABELS: Record<string, string> = {
  created: 'Record created',
  merged: 'Merge',
  first_name: 'First name',
  middle_name: 'Middle name',
  last_name: 'Last name',
  preferred_name: 'Preferred name',
  dob: 'Date of birth',
  sex: 'Sex',
  pronouns: 'Pronouns',
  phone_mobile: 'Mobile phone',
  phone_home: 'Home phone',
  phone_work: 'Work phone',
  email: 'Email',
  address_line1: 'Address',
  address_line2: 'Address line 2',
  city: 'City',
  region: 'State',
  postal_code: 'Postal code',
  preferred_contact: 'Preferred contact',
  emergency_name: 'Emergency contact',
  emergency_phone: 'Emergency phone',
  emergency_relation: 'Emergency relationship',
  insurance_payer: 'Insurance payer',
  insurance_member_id: 'Member ID',
  insurance_group: 'Group number',
  subscriber_relation: 'Subscriber',
  subscriber_name: 'Subscriber name',
  subscriber_dob: 'Subscriber date of birth',
  notes: 'Front-desk notes',
  interpreter_language: 'Interpreter language',
  mobility_assistance: 'Mobility assistance',
  other_flag: 'Other flag',
  active: 'Active',
  merged_into: 'Merged into',
};

function HistorySection({ patientId, refreshKey }: { patientId: string; refreshKey: number }) {
  const clinic = useSession((s) => s.clinic);
  const [open, setOpen] = useState(false);
  const { data, error, reload } = useLoad(() => (open ? call('patients.history', { id: patientId }) : Promise.resolve(null)), `${patientId}|${open}|${refreshKey}`);
  return (
    <section className="card stack" aria-labelledby="history-title">
      <div className="section-header">
        <h2 id="history-title">History of changes</h2>
        <Button onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'Hide' : 'Show the history'}
        </Button>
      </div>
      {open && <LoadError error={error} onRetry={reload} />}
      {open && !data && !error && <Loading />}
      {open && data && data.length === 0 && <EmptyState title="No changes recorded" />}
      {open && data && data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">History of changes</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
              </tr>
            </thead>
            <tbody>
              {data.map((h, i) => (
                <tr key={i}>
                  <td className="nowrap">{clinic ? formatInstant(h.at, clinic.timeZone, clinic.dateOrder) : h.at}</td>
                  <td>{h.username ?? <span className="muted">—</span>}</td>
                  <td>{FIELD_LABELS[h.field] ?? h.field}</td>
                  <td className="pre-line">{h.oldValue || <span className="muted">(empty)</span>}</td>
                  <td className="pre-line">{h.newValue || <span className="muted">(empty)</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!open && <p className="muted small">Every change: who made it, when, and what it was before.</p>}
    </section>
  );
}
