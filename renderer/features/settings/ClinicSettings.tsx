import { useState } from 'react';
import { clinicContract } from '../../../shared/contract/clinic';
import { call } from '../../app/api';
import { useFormSubmit } from '../../app/forms';
import { setClinic, useSession } from '../../app/session-store';
import { Button } from '../../ui/Button';
import { Alert, Loading } from '../../ui/Feedback';
import { ClinicProfileFields, type ClinicProfile } from './ClinicProfileFields';

function profileOf(clinic: NonNullable<ReturnType<typeof useSession.getState>['clinic']>): ClinicProfile {
  const { updatedAt: _ignored, ...profile } = clinic;
  return profile;
}

export function ClinicSettings() {
  const clinic = useSession((s) => s.clinic);
  if (!clinic) return <Loading label="Loading the clinic profile…" />;
  return <ClinicForm initial={profileOf(clinic)} />;
}

function ClinicForm({ initial: loaded }: { initial: ClinicProfile }) {
  const [initial, setInitial] = useState(loaded);
  const [value, setValue] = useState(loaded);
  const [saved, setSaved] = useState(false);
  const form = useFormSubmit();
  const dirty = JSON.stringify(value) !== JSON.stringify(initial);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaved(false);
    const clinic = await form.submit(clinicContract['clinic.update'].input, value, (input) => call('clinic.update', input));
    if (clinic) {
      setClinic(clinic);
      setInitial(profileOf(clinic));
      setValue(profileOf(clinic));
      setSaved(true);
    }
  }

  return (
    <form className="card stack" onSubmit={save} noValidate aria-labelledby="clinic-settings-title">
      <h2 id="clinic-settings-title">Clinic profile and opening hours</h2>
      <ClinicProfileFields
        value={value}
        onChange={(v) => {
          setSaved(false);
          setValue(v);
        }}
        errors={form.errors}
      />
      {form.message && <Alert>{form.message}</Alert>}
      {saved && !dirty && <Alert tone="success">Saved.</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy} disabled={!dirty}>
          Save changes
        </Button>
        <Button onClick={() => setValue(initial)} disabled={!dirty || form.busy}>
          Undo changes
        </Button>
      </div>
    </form>
  );
}
