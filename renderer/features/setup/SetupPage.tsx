import { useState } from 'react';
import { setupContract } from '../../../shared/contract/setup';
import { USERNAME_RULE, MIN_PASSWORD } from '../../../shared/contract/fields';
import { call, messageOf } from '../../app/api';
import { useFormSubmit } from '../../app/forms';
import { showDemoAccounts, signedIn } from '../../app/session-store';
import { Button } from '../../ui/Button';
import { Alert } from '../../ui/Feedback';
import { TextField } from '../../ui/Field';
import { ClinicProfileFields, defaultClinicProfile, type ClinicProfile } from '../settings/ClinicProfileFields';

/** First launch on an empty data folder: the clinic, its hours and the first manager — or the demo. */
export function SetupPage() {
  const [clinic, setClinic] = useState<ClinicProfile>(defaultClinicProfile);
  const [manager, setManager] = useState({ fullName: '', username: '', password: '' });
  const [confirm, setConfirm] = useState('');
  const [demoBusy, setDemoBusy] = useState(false);
  const [demoError, setDemoError] = useState<string | null>(null);
  const form = useFormSubmit();

  async function create(event: React.FormEvent) {
    event.preventDefault();
    if (manager.password !== confirm) {
      form.setErrors({ confirm: 'The two passwords are not the same' });
      form.setMessage('Please correct the highlighted fields.');
      return;
    }
    const me = await form.submit(setupContract['setup.createClinic'].input, { clinic, manager }, (input) => call('setup.createClinic', input));
    if (me) await signedIn(me);
  }

  async function openDemo() {
    setDemoBusy(true);
    setDemoError(null);
    try {
      await showDemoAccounts(await call('setup.createDemo', {}));
    } catch (error) {
      setDemoError(messageOf(error));
    } finally {
      setDemoBusy(false);
    }
  }

  return (
    <main className="setup" aria-labelledby="setup-title">
      <div className="setup-intro">
        <div className="brand brand-large" aria-hidden="true">
          <img src="./favicon.svg" alt="" width={40} height={40} />
          <span>Keel</span>
        </div>
        <h1 id="setup-title">Set up your clinic</h1>
        <p>This takes two minutes. Everything stays on this computer; Keel works without the internet.</p>
        <div className="demo-offer">
          <h2>Just looking around?</h2>
          <p>Open a ready-made demo clinic with sample accounts. You can start a real clinic later in a new data folder.</p>
          <Button onClick={openDemo} busy={demoBusy}>
            Open the demo clinic
          </Button>
          {demoBusy && (
            <p className="small" role="status">
              Creating the demo clinic: staff, rosters, 600 patients and their appointments. This takes up to a minute.
            </p>
          )}
          {demoError && <Alert>{demoError}</Alert>}
        </div>
      </div>

      <form className="card setup-form" onSubmit={create} noValidate aria-describedby={form.message ? 'setup-message' : undefined}>
        <section aria-labelledby="clinic-heading">
          <h2 id="clinic-heading">Your clinic</h2>
          <ClinicProfileFields value={clinic} onChange={setClinic} errors={form.errors} prefix="clinic." full={false} />
        </section>
        <section aria-labelledby="manager-heading">
          <h2 id="manager-heading">Your manager account</h2>
          <p className="muted">The office manager can add receptionists, providers and billers afterwards in Settings.</p>
          <div className="form-grid">
            <TextField label="Your full name" value={manager.fullName} onChange={(v) => setManager({ ...manager, fullName: v })} error={form.errors['manager.fullName']} autoComplete="name" maxLength={120} />
            <TextField label="Username" value={manager.username} onChange={(v) => setManager({ ...manager, username: v })} error={form.errors['manager.username']} hint={USERNAME_RULE} autoComplete="username" autoCapitalize="none" spellCheck={false} maxLength={32} />
            <TextField label="Password" type="password" value={manager.password} onChange={(v) => setManager({ ...manager, password: v })} error={form.errors['manager.password']} hint={`At least ${MIN_PASSWORD} characters`} autoComplete="new-password" />
            <TextField label="Password again" type="password" value={confirm} onChange={setConfirm} error={form.errors.confirm} autoComplete="new-password" />
          </div>
        </section>
        {form.message && (
          <div id="setup-message">
            <Alert>{form.message}</Alert>
          </div>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={form.busy}>
            Create clinic and sign in
          </Button>
        </div>
      </form>
    </main>
  );
}
