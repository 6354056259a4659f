import { useState } from 'react';
import { credentialsContract } from '../../../../shared/contract/credentials';
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/contract/attachments';
import type { Credential, CredentialFlag } from '../../../../shared/contract/credentials';
import { formatDate } from '../../../../shared/domain/format';
import { CREDENTIAL_KINDS, CREDENTIAL_LABELS, type CredentialKind } from '../../../../shared/domain/staff';
import { daysBetween, dateInZone } from '../../../../shared/domain/time';
import { call, messageOf } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert, Badge, EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { FieldFrame, SelectField, TextField } from '../../../ui/Field';
import { fileToBase64, saveFile } from '../labels';
import './credentials.css';

function AlertBadge({ credential, today }: { credential: Credential; today: string }) {
  if (!credential.current) return <Badge tone="neutral">Replaced</Badge>;
  if (credential.expiresOn === null) return <Badge tone="good">No expiry</Badge>;
  const days = daysBetween(today, credential.expiresOn);
  if (credential.alert === 'expired') return <Badge tone="bad">Expired {-days} days ago</Badge>;
  if (credential.alert === null) return <Badge tone="good">Valid</Badge>;
  const tone = credential.alert === 7 || credential.alert === 30 ? 'bad' : 'warn';
  return <Badge tone={tone}>{days === 0 ? 'Expires today' : `Expires in ${days} days`}</Badge>;
}

/** A person's credentials and training: current ones with their expiry alert, renewals, scans. */
export function CredentialsSection({ staffId, flag, canManage, onChanged }: { staffId: string; flag: CredentialFlag | null; canManage: boolean; onChanged: () => void }) {
  const clinic = useSession((s) => s.clinic);
  const today = clinic ? dateInZone(new Date(), clinic.timeZone) : '';
  const { data, error, loading, reload } = useLoad(() => call('credentials.list', { staffId }), staffId);
  /** `renewing`: a new credential that replaces this one, starting from its number and issuer. */
  const [editing, setEditing] = useState<{ kind: CredentialKind; credential: Credential | null; renewing?: Credential } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const show = (d: string | null) => (d && clinic ? formatDate(d, clinic.dateOrder) : '—');

  async function openScan(id: string) {
    setProblem(null);
    try {
      const file = await call('attachments.get', { id });
      saveFile(file.fileName, file.mime, file.dataBase64);
    } catch (e) {
      setProblem(messageOf(e));
    }
  }

  async function remove(credential: Credential) {
    setProblem(null);
    try {
      await call('credentials.archive', { id: credential.id });
      reload();
      onChanged();
    } catch (e) {
      setProblem(messageOf(e));
    }
  }

  // What is in force first, in the usual order of kinds; earlier renewals folded away below.
  const current = (data ?? []).filter((c) => c.current);
  const replaced = (data ?? []).filter((c) => !c.current);

  const credentialTable = (rows: Credential[], caption: string) => {
    // A scan column only when there is a scan to open: a narrow screen keeps the actions in view.
    const scans = rows.some((c) => c.attachment);
    return (
      <div className="table-wrap">
        <table className="table credentials-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Number and issuer</th>
              <th scope="col">Dates</th>
              <th scope="col">Status</th>
              {scans && <th scope="col">Scan</th>}
              {canManage && (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className={c.current ? undefined : 'row-inactive'}>
                <td>{CREDENTIAL_LABELS[c.kind]}</td>
                <td>
                  <div className="credential-number">{c.number || <span className="muted">No number</span>}</div>
                  {c.issuer && <div className="muted small">{c.issuer}</div>}
                </td>
                <td>
                  <div>{c.expiresOn ? `Expires ${show(c.expiresOn)}` : 'Does not expire'}</div>
                  {c.issuedOn && <div className="muted small">Issued {show(c.issuedOn)}</div>}
                </td>
                <td>
                  <AlertBadge credential={c} today={today} />
                </td>
                {scans && (
                  <td>
                    {c.attachment ? (
                      <Button variant="ghost" onClick={() => void openScan(c.attachment!.id)} aria-label={`Open the scan of ${CREDENTIAL_LABELS[c.kind]}`}>
                        {c.attachment.fileName}
                      </Button>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                )}
                {canManage && (
                  <td className="cell-actions">
                    {c.current && (
                      <Button variant="ghost" onClick={() => setEditing({ kind: c.kind, credential: null, renewing: c })} aria-label={`Renew ${CREDENTIAL_LABELS[c.kind]}`}>
                        Renew
                      </Button>
                    )}
                    <Button variant="ghost" onClick={() => setEditing({ kind: c.kind, credential: c })} aria-label={`Edit ${CREDENTIAL_LABELS[c.kind]}`}>
                      Edit
                    </Button>
                    <Button variant="ghost" onClick={() => void remove(c)} aria-label={`Remove ${CREDENTIAL_LABELS[c.kind]} entered by mistake`}>
                      Remove
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  };

  return (
    <section className="card stack" aria-labelledby="credentials-title">
      <div className="section-header">
        <div>
          <h2 id="credentials-title">Credentials and training</h2>
          <p className="muted">Alerts start 90 days before expiry. A missing or expired required credential flags the person on the roster.</p>
        </div>
        {canManage && (
          <Button variant="primary" onClick={() => setEditing({ kind: flag?.missing[0] ?? 'licence', credential: null })}>
            Add credential
          </Button>
        )}
      </div>
      {flag && (
        <Alert tone="warning" title="Required credentials">
          {flag.missing.length > 0 && <div>Missing: {flag.missing.map((k) => CREDENTIAL_LABELS[k]).join(', ')}.</div>}
          {flag.expired.length > 0 && <div>Expired: {flag.expired.map((k) => CREDENTIAL_LABELS[k]).join(', ')}.</div>}
        </Alert>
      )}
      {problem && <Alert>{problem}</Alert>}
      <LoadError error={error} onRetry={reload} />
      {loading && !data && <Loading label="Loading credentials…" />}
      {data && data.length === 0 && <EmptyState title="No credentials recorded yet" />}
      {current.length > 0 && credentialTable(current, 'Credentials and training in force')}
      {replaced.length > 0 && (
        <details className="credentials-replaced">
          <summary>
            {replaced.length === 1 ? '1 replaced credential' : `${replaced.length} replaced credentials`} <span className="muted">(earlier renewals, kept for the record)</span>
          </summary>
          {credentialTable(replaced, 'Replaced credentials')}
        </details>
      )}
      <Dialog open={editing !== null} title={editing?.credential ? 'Edit credential' : editing?.renewing ? `Renew ${CREDENTIAL_LABELS[editing.kind]}` : 'Add a credential'} onClose={() => setEditing(null)}>
        {editing && (
          <CredentialForm
            staffId={staffId}
            kind={editing.kind}
            credential={editing.credential}
            renewing={editing.renewing ?? null}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              reload();
              onChanged();
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

function CredentialForm({ staffId, kind, credential, renewing, onClose, onSaved }: { staffId: string; kind: CredentialKind; credential: Credential | null; renewing: Credential | null; onClose: () => void; onSaved: () => void }) {
  // A renewal keeps the number and the issuer (a DEA number or a license number stays the same); the dates are new.
  const [value, setValue] = useState({
    kind: credential?.kind ?? kind,
    number: credential?.number ?? renewing?.number ?? '',
    issuer: credential?.issuer ?? renewing?.issuer ?? '',
    issuedOn: credential?.issuedOn ?? '',
    expiresOn: credential?.expiresOn ?? '',
    note: credential?.note ?? '',
  });
  const [file, setFile] = useState<File | null>(null);
  const form = useFormSubmit();
  const set = <K extends keyof typeof value>(key: K, v: (typeof value)[K]) => setValue({ ...value, [key]: v });

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (file && file.size > MAX_ATTACHMENT_BYTES) {
      form.setErrors({ attachment: 'The file is larger than 20 MB' });
      form.setMessage('Please correct the highlighted fields.');
      return;
    }
    // The schema checks the type; a file of any other type gets its plain error.
    const attachment = file ? { fileName: file.name, mime: file.type as 'application/pdf', dataBase64: await fileToBase64(file) } : undefined;
    const input = {
      ...(credential ? { id: credential.id } : {}),
      staffId,
      kind: value.kind,
      number: value.number,
      issuer: value.issuer,
      issuedOn: value.issuedOn || null,
      expiresOn: value.expiresOn || null,
      note: value.note,
      ...(attachment ? { attachment } : {}),
    };
    const saved = await form.submit(credentialsContract['credentials.save'].input, input, (i) => call('credentials.save', i));
    if (saved) onSaved();
  }

  return (
    <form onSubmit={save} noValidate className="stack">
      <SelectField label="Kind" value={value.kind} onChange={(v) => set('kind', v as CredentialKind)} options={CREDENTIAL_KINDS.map((k) => ({ value: k, label: CREDENTIAL_LABELS[k] }))} error={form.errors.kind} />
      <div className="form-grid">
        <TextField label="Number" value={value.number} onChange={(v) => set('number', v)} error={form.errors.number} maxLength={80} />
        <TextField label="Issued by" value={value.issuer} onChange={(v) => set('issuer', v)} error={form.errors.issuer} maxLength={120} />
        <TextField label="Issued on" type="date" value={value.issuedOn} onChange={(v) => set('issuedOn', v)} error={form.errors.issuedOn} />
        <TextField label="Expires on" type="date" value={value.expiresOn} onChange={(v) => set('expiresOn', v)} error={form.errors.expiresOn} hint="Leave empty if it does not expire." />
      </div>
      <TextField label="Note" value={value.note} onChange={(v) => set('note', v)} error={form.errors.note} maxLength={500} />
      <FieldFrame label="Scan (PDF, PNG or JPEG, at most 20 MB)" error={form.errors.attachment ?? form.errors['attachment.mime'] ?? form.errors['attachment.dataBase64']} hint={credential?.attachment ? `Now: ${credential.attachment.fileName}. Choose a file to replace it.` : undefined}>
        {({ id, describedBy }) => <input id={id} type="file" accept="application/pdf,image/png,image/jpeg" aria-describedby={describedBy} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      </FieldFrame>
      {form.message && <Alert>{form.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          Save
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
