import { Download } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { ScheduleFrame } from '../../../../shared/contract/schedule';
import { appointmentsContract } from '../../../../shared/contract/appointments';
import { addDays } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { Button } from '../../../ui/Button';
import { DateField } from '../../../ui/DateField';
import { Alert } from '../../../ui/Feedback';
import { SelectField } from '../../../ui/Field';

/** Hands a text file to the browser's own download (the desktop app saves it to Downloads). */
function saveFile(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A provider's appointments as an .ics file for their own calendar app. */
export function CalendarFile({ providers, defaultProviderId, today }: { providers: ScheduleFrame['providers']; defaultProviderId: string | null; today: string }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const providerId = chosen ?? defaultProviderId ?? providers[0]?.id ?? '';
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(addDays(today, 29));
  const [saved, setSaved] = useState<string | null>(null);
  const form = useFormSubmit();

  async function download(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const result = await form.submit(appointmentsContract['appointments.ics'].input, { providerId, from, to }, (input) => call('appointments.ics', input));
    if (!result) return;
    saveFile(result.fileName, result.ics, 'text/calendar;charset=utf-8');
    const who = providers.find((p) => p.id === providerId)?.fullName ?? 'the provider';
    setSaved(`Saved ${result.fileName}: ${result.events} appointment${result.events === 1 ? '' : 's'} for ${who}. In the calendar app, choose Import and pick this file.`);
  }

  return (
    <section className="card lists-ics" aria-labelledby="ics-title" tabIndex={-1}>
      <h2 id="ics-title">Calendar file</h2>
      <p className="muted">Import into Outlook, Google Calendar or Apple Calendar. Only patients’ initials are included.</p>
      <form className="lists-ics-form" onSubmit={(e) => void download(e)} noValidate>
        <SelectField
          label="Provider"
          value={providerId}
          onChange={(v) => {
            setChosen(v);
            setSaved(null);
          }}
          options={providers.length > 0 ? providers.map((p) => ({ value: p.id, label: p.fullName })) : [{ value: '', label: 'No providers yet' }]}
          error={form.errors.providerId}
          className="lists-span-2"
        />
        <DateField label="From" value={from} onChange={setFrom} error={form.errors.from} required />
        <DateField label="To" value={to} onChange={setTo} error={form.errors.to} hint="Up to a year" required min={from} />
        <div className="lists-span-2 form-actions">
          <Button type="submit" variant="primary" icon={<Download size={16} aria-hidden="true" />} busy={form.busy} disabled={providers.length === 0}>
            Download .ics
          </Button>
        </div>
      </form>
      {form.message && <Alert>{form.message}</Alert>}
      {saved && <Alert tone="success">{saved}</Alert>}
    </section>
  );
}
