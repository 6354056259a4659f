import { useEffect, useRef, useState } from 'react';
import { backupsContract, type BackupSettings } from '../../../../shared/contract/backups';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { SaveUndo } from '../../../ui/SaveUndo';
import { Alert } from '../../../ui/Feedback';
import { TextField } from '../../../ui/Field';

interface Draft {
  dailyTime: string;
  secondFolder: string;
  daily: string;
  weekly: string;
  monthly: string;
}

function draftOf(settings: BackupSettings): Draft {
  return {
    dailyTime: settings.dailyTime,
    secondFolder: settings.secondFolder ?? '',
    daily: String(settings.retention.daily),
    weekly: String(settings.retention.weekly),
    monthly: String(settings.retention.monthly),
  };
}

export function SettingsForm({ loaded, onSaved }: { loaded: BackupSettings; onSaved: () => void }) {
  const [initial, setInitial] = useState(() => draftOf(loaded));
  const [value, setValue] = useState(initial);
  const [saved, setSaved] = useState(false);
  const form = useFormSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = JSON.stringify(value) !== JSON.stringify(initial);
  // Where the person looks after a refusal: the field Keel refused (e.g. a USB drive's folder that is not there), read out with its
  // reason. After React has drawn the refusal (not on the next frame, which on a busy PC can come first, while the field is still busy).
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  function change(patch: Partial<Draft>) {
    setSaved(false);
    setValue({ ...value, ...patch });
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaved(false);
    const problems: Record<string, string> = {};
    const whole = (text: string, key: string) => {
      if (!/^\d+$/.test(text.trim())) problems[`retention.${key}`] = text.trim() === '' ? 'Required' : 'Use a whole number';
      return Number(text.trim());
    };
    const retention = { daily: whole(value.daily, 'daily'), weekly: whole(value.weekly, 'weekly'), monthly: whole(value.monthly, 'monthly') };
    if (Object.keys(problems).length > 0) {
      form.setErrors(problems);
      form.setMessage('Please correct the highlighted fields.');
      return;
    }
    const input = { dailyTime: value.dailyTime, secondFolder: value.secondFolder.trim(), retention };
    const settings = await form.submit(backupsContract['backups.updateSettings'].input, input, (i) => call('backups.updateSettings', i));
    if (!settings) setRefusals((n) => n + 1);
    if (settings) {
      const next = draftOf(settings);
      setInitial(next);
      setValue(next);
      setSaved(true);
      onSaved();
    }
  }

  return (
    <form ref={formRef} className="card stack" onSubmit={(e) => void save(e)} noValidate aria-labelledby="backups-settings-title">
      <div>
        <h2 id="backups-settings-title">Backup settings</h2>
        <p className="muted">When Keel backs up by itself, where a second copy goes, and how many old backups are kept.</p>
      </div>
      <div className="form-grid backups-form-grid">
        <TextField
          label="Daily backup time"
          type="time"
          value={value.dailyTime}
          onChange={(dailyTime) => change({ dailyTime })}
          error={form.errors.dailyTime}
          hint="Clinic time. Keel backs up once this time has passed each day while it is open, and also each time it is closed."
          required
        />
        <TextField
          label="Second backup folder (optional)"
          value={value.secondFolder}
          onChange={(secondFolder) => change({ secondFolder })}
          error={form.errors.secondFolder}
          hint={
            <>
              A USB drive or a shared folder on another computer, e.g. <code>E:\Keel backups</code> or <code>/media/usb/keel</code>. Every backup is also written there, so one broken or stolen
              computer cannot lose the clinic’s data. It must already be there: plug the drive in before saving (Keel never creates this folder, so a drive that is not connected is never mistaken for a folder on this computer). Leave empty for none.
            </>
          }
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <fieldset className="backups-retention" aria-describedby="backups-retention-hint">
        <legend>How many backups to keep</legend>
        <p className="field-hint" id="backups-retention-hint">
          Older backups are deleted automatically: every backup of the last 24 hours is kept, then the newest of each day, week and month below. Yearly backups are all kept, and so are the safety copies made before a restore.
        </p>
        <div className="backups-retention-fields">
          <TextField label="Daily" type="number" inputMode="numeric" min={1} max={60} step={1} value={value.daily} onChange={(daily) => change({ daily })} error={form.errors['retention.daily']} hint="Days, 1 to 60" />
          <TextField label="Weekly" type="number" inputMode="numeric" min={0} max={52} step={1} value={value.weekly} onChange={(weekly) => change({ weekly })} error={form.errors['retention.weekly']} hint="Weeks, 0 to 52" />
          <TextField label="Monthly" type="number" inputMode="numeric" min={0} max={120} step={1} value={value.monthly} onChange={(monthly) => change({ monthly })} error={form.errors['retention.monthly']} hint="Months, 0 to 120" />
        </div>
      </fieldset>
      {/* The reason is said once, at the field; here only that nothing was saved. */}
      {form.message && <Alert>{Object.keys(form.errors).length > 0 ? 'The backup settings were not saved. Correct the highlighted field above.' : form.message}</Alert>}
      {saved && !dirty && <Alert tone="success">Backup settings saved.</Alert>}
      <SaveUndo
        saveLabel="Save backup settings"
        dirty={dirty}
        busy={form.busy}
        onUndo={() => {
          setValue(initial);
          form.reset();
        }}
      />
    </form>
  );
}
