import { ChevronDown, ChevronRight, ClipboardPen } from 'lucide-react';
import { Fragment, useState } from 'react';
import { evaluationsContract } from '../../../../shared/contract/evaluations';
import type { Evaluation } from '../../../../shared/contract/evaluations';
import { formatDate } from '../../../../shared/domain/format';
import { evaluationDue } from '../../../../shared/domain/staff';
import { dateInZone, daysBetween } from '../../../../shared/domain/time';
import { call } from '../../../app/api';
import { useFormSubmit } from '../../../app/forms';
import { useSession } from '../../../app/session-store';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Alert, Badge, EmptyState, Loading } from '../../../ui/Feedback';
import { FieldFrame, TextField } from '../../../ui/Field';
import './evaluations.css';

const RATING_LABELS: Record<number, string> = { 1: 'Poor', 2: 'Fair', 3: 'Meets expectations', 4: 'Good', 5: 'Excellent' };
const RATINGS = [1, 2, 3, 4, 5] as const;
/** An evaluation this close is "due soon". */
const DUE_SOON_DAYS = 30;

const ratingText = (rating: number) => `${rating} – ${RATING_LABELS[rating] ?? ''}`;

function average(evaluation: Evaluation): number | null {
  const values = Object.values(evaluation.ratings);
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function newestFirst(evaluations: Evaluation[]): Evaluation[] {
  return [...evaluations].sort((a, b) => (a.reviewDate === b.reviewDate ? 0 : a.reviewDate < b.reviewDate ? 1 : -1));
}

function inDays(days: number): string {
  if (days === 0) return 'today';
  if (days > 0) return days === 1 ? 'tomorrow' : `in ${days} days`;
  return days === -1 ? '1 day ago' : `${-days} days ago`;
}

/** A person's performance evaluations (manager only): when the next is due, past ones, and recording a new one. */
export function EvaluationsSection({ staffId, staffName, startDate }: { staffId: string; staffName: string; startDate: string }) {
  const clinic = useSession((s) => s.clinic);
  const today = clinic ? dateInZone(new Date(), clinic.timeZone) : new Date().toISOString().slice(0, 10);
  const show = (d: string) => (clinic ? formatDate(d, clinic.dateOrder) : d);
  const settings = useLoad(() => call('staffSettings.get', {}), 'staff-settings');
  const list = useLoad(() => call('evaluations.list', { staffId }), staffId);
  const [recording, setRecording] = useState(false);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);

  const evaluations = list.data ? newestFirst(list.data) : null;
  const latest = evaluations?.[0] ?? null;
  const error = settings.error ?? list.error;

  function toggle(id: string) {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  }

  return (
    <section className="card stack" aria-labelledby="evaluations-title">
      <div className="section-header">
        <div>
          <h2 id="evaluations-title">Performance evaluations</h2>
          {settings.data && evaluations && (
            <NextDue
              due={evaluationDue(startDate, latest?.reviewDate ?? null, settings.data.evaluationIntervalMonths)}
              today={today}
              basis={latest ? `the last evaluation on ${show(latest.reviewDate)}` : `starting on ${show(startDate)}`}
              months={settings.data.evaluationIntervalMonths}
              show={show}
            />
          )}
        </div>
        <Button
          variant="primary"
          icon={<ClipboardPen size={16} aria-hidden="true" />}
          onClick={() => {
            setNotice(null);
            setRecording(true);
          }}
          disabled={!settings.data}
        >
          Record evaluation
        </Button>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      {error && (
        <Alert>
          {error}{' '}
          <Button
            variant="ghost"
            onClick={() => {
              if (settings.error) settings.reload();
              if (list.error) list.reload();
            }}
          >
            Try again
          </Button>
        </Alert>
      )}
      {!evaluations && !list.error && <Loading label="Loading evaluations…" />}
      {evaluations && evaluations.length === 0 && <EmptyState title="No evaluations recorded yet">Record the first one when you have reviewed {staffName}.</EmptyState>}
      {evaluations && evaluations.length > 0 && (
        <div className="table-wrap">
          <table className="table eval-table">
            <caption className="sr-only">Performance evaluations of {staffName}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Reviewer</th>
                <th scope="col">Average rating</th>
                <th scope="col">
                  <span className="sr-only">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {evaluations.map((e) => {
                const expanded = open.has(e.id);
                const avg = average(e);
                const detailsId = `evaluation-${e.id}`;
                return (
                  <Fragment key={e.id}>
                    <tr className={expanded ? 'eval-row eval-row-open' : 'eval-row'}>
                      <td className="eval-date">{show(e.reviewDate)}</td>
                      <td>{e.reviewer}</td>
                      <td>{avg === null ? <span className="muted">—</span> : <AverageRating value={avg} />}</td>
                      <td className="cell-actions">
                        <Button
                          variant="ghost"
                          icon={expanded ? <ChevronDown size={16} aria-hidden="true" /> : <ChevronRight size={16} aria-hidden="true" />}
                          onClick={() => toggle(e.id)}
                          aria-expanded={expanded}
                          aria-controls={detailsId}
                          aria-label={`${expanded ? 'Hide details' : 'Show details'} of the evaluation on ${show(e.reviewDate)}`}
                        >
                          {expanded ? 'Hide details' : 'Show details'}
                        </Button>
                      </td>
                    </tr>
                    <tr className="eval-details-row" id={detailsId} hidden={!expanded}>
                      <td colSpan={4}>{expanded && <EvaluationDetails evaluation={e} />}</td>
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Dialog open={recording} title={`Record an evaluation of ${staffName}`} onClose={() => setRecording(false)} wide>
        {recording && settings.data && (
          <EvaluationForm
            staffId={staffId}
            startDate={startDate}
            today={today}
            criteria={settings.data.evaluationCriteria}
            onClose={() => setRecording(false)}
            onSaved={(evaluation) => {
              setRecording(false);
              setNotice(`The evaluation of ${show(evaluation.reviewDate)} is recorded.`);
              setOpen(new Set([evaluation.id]));
              list.reload();
              // The criteria may have changed since the page was opened.
              settings.reload();
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

function NextDue({ due, today, basis, months, show }: { due: string; today: string; basis: string; months: number; show: (d: string) => string }) {
  const days = daysBetween(today, due);
  return (
    <div className="eval-due">
      <p className="eval-due-line">
        Next evaluation due <strong>{show(due)}</strong> <span className="muted">({inDays(days)})</span>{' '}
        {days < 0 ? <Badge tone="bad">Overdue</Badge> : days <= DUE_SOON_DAYS ? <Badge tone="warn">Due soon</Badge> : null}
      </p>
      <p className="muted small">
        Every {months === 1 ? 'month' : `${months} months`}, counted from {basis}.
      </p>
    </div>
  );
}

function AverageRating({ value }: { value: number }) {
  const rounded = Math.round(value * 10) / 10;
  return (
    <span className="eval-average">
      <strong>{rounded.toFixed(1)}</strong>
      <span className="muted"> of 5</span>
      <span className="muted small"> · {RATING_LABELS[Math.round(value)]}</span>
    </span>
  );
}

function RatingPips({ rating }: { rating: number }) {
  return (
    <span className="eval-pips" aria-hidden="true">
      {RATINGS.map((r) => (
        <span key={r} className={r <= rating ? 'eval-pip eval-pip-on' : 'eval-pip'} />
      ))}
    </span>
  );
}

function EvaluationDetails({ evaluation }: { evaluation: Evaluation }) {
  const ratings = Object.entries(evaluation.ratings);
  return (
    <div className="eval-details">
      <div>
        <h3 className="eval-details-title">Ratings</h3>
        <dl className="eval-ratings">
          {ratings.map(([criterion, rating]) => (
            <div key={criterion} className="eval-rating">
              <dt>{criterion}</dt>
              <dd>
                <RatingPips rating={rating} />
                {ratingText(rating)}
              </dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="eval-notes">
        <div>
          <h3 className="eval-details-title">Comments</h3>
          {evaluation.comments ? <p className="eval-text">{evaluation.comments}</p> : <p className="muted">None.</p>}
        </div>
        <div>
          <h3 className="eval-details-title">Goals for the next period</h3>
          {evaluation.goals ? <p className="eval-text">{evaluation.goals}</p> : <p className="muted">None.</p>}
        </div>
      </div>
    </div>
  );
}

/** After a refused save, move to the first field or rating group with a problem. */
function focusFirstProblem(formElement: HTMLFormElement) {
  requestAnimationFrame(() => {
    const field = formElement.querySelector<HTMLElement>('[aria-invalid="true"], .eval-rating-invalid input');
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  });
}

function EvaluationForm({
  staffId,
  startDate,
  today,
  criteria,
  onClose,
  onSaved,
}: {
  staffId: string;
  startDate: string;
  today: string;
  criteria: string[];
  onClose: () => void;
  onSaved: (evaluation: Evaluation) => void;
}) {
  const me = useSession((s) => s.me);
  const [reviewDate, setReviewDate] = useState(today);
  const [reviewer, setReviewer] = useState(me?.user.fullName ?? '');
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [comments, setComments] = useState('');
  const [goals, setGoals] = useState('');
  const form = useFormSubmit();

  async function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const unrated = criteria.filter((c) => ratings[c] === undefined);
    if (unrated.length > 0) {
      form.setErrors(Object.fromEntries(unrated.map((c) => [`ratings.${c}`, 'Choose a rating from 1 to 5'])));
      form.setMessage(unrated.length === 1 ? `Please rate “${unrated[0]}”.` : `Please rate every criterion (${unrated.length} still to do).`);
      focusFirstProblem(event.currentTarget);
      return;
    }
    const formElement = event.currentTarget;
    const input = { staffId, reviewDate, reviewer, ratings: Object.fromEntries(criteria.map((c) => [c, ratings[c] as number])), comments, goals };
    const saved = await form.submit(evaluationsContract['evaluations.add'].input, input, (i) => call('evaluations.add', i));
    if (saved) onSaved(saved);
    else focusFirstProblem(formElement);
  }

  // Errors about criteria the form does not show (renamed meanwhile) go to the message only.
  const extra = Object.keys(form.errors).filter((path) => path.startsWith('ratings.') && !criteria.includes(path.slice('ratings.'.length)));

  return (
    <form onSubmit={save} noValidate className="stack">
      <div className="form-grid eval-form-top">
        <TextField label="Review date" type="date" value={reviewDate} onChange={setReviewDate} error={form.errors.reviewDate} min={startDate} required />
        <TextField label="Reviewer" value={reviewer} onChange={setReviewer} error={form.errors.reviewer} maxLength={120} autoComplete="off" required />
      </div>
      <div className="eval-scale">
        <h3 className="eval-details-title">Ratings</h3>
        <p className="muted small">1 Poor · 2 Fair · 3 Meets expectations · 4 Good · 5 Excellent</p>
        {criteria.map((criterion, index) => (
          <RatingGroup
            key={criterion}
            name={`rating-${index}`}
            criterion={criterion}
            value={ratings[criterion]}
            onChange={(rating) => setRatings({ ...ratings, [criterion]: rating })}
            error={form.errors[`ratings.${criterion}`]}
          />
        ))}
      </div>
      <NotesField label="Comments" hint="Strengths, concerns, anything discussed." value={comments} onChange={setComments} error={form.errors.comments} />
      <NotesField label="Goals for the next period" value={goals} onChange={setGoals} error={form.errors.goals} />
      {extra.length > 0 && <Alert tone="warning">The clinic’s criteria have changed since this form opened. Close it and open it again.</Alert>}
      {form.message && <Alert>{form.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          Save evaluation
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}

function RatingGroup({ name, criterion, value, onChange, error }: { name: string; criterion: string; value: number | undefined; onChange: (rating: number) => void; error: string | undefined }) {
  const errorId = `${name}-error`;
  return (
    <fieldset className={error ? 'eval-rating-group eval-rating-invalid' : 'eval-rating-group'} aria-describedby={error ? errorId : undefined}>
      <legend>{criterion}</legend>
      <div className="eval-options">
        {RATINGS.map((r) => (
          <label key={r} className={value === r ? 'eval-option eval-option-on' : 'eval-option'}>
            <input type="radio" name={name} value={r} checked={value === r} onChange={() => onChange(r)} />
            <span>{ratingText(r)}</span>
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

function NotesField({ label, hint, value, onChange, error }: { label: string; hint?: string; value: string; onChange: (v: string) => void; error: string | undefined }) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} className="eval-textarea" rows={3} maxLength={4000} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
      )}
    </FieldFrame>
  );
}
