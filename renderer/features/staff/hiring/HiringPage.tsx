import { BriefcaseBusiness, UserPlus } from 'lucide-react';
import { Fragment, useRef, useState, type ReactNode } from 'react';
import type { Candidate } from '../../../../shared/contract/candidates';
import type { Position } from '../../../../shared/contract/positions';
import { CANDIDATE_STAGE_LABELS, CANDIDATE_STAGES, EMPLOYMENT_LABELS, STAFF_ROLE_LABELS, type CandidateStage } from '../../../../shared/domain/staff';
import { call, messageOf } from '../../../app/api';
import { navigate } from '../../../app/route';
import { useLoad } from '../../../app/useLoad';
import { Button } from '../../../ui/Button';
import { Alert, Badge, EmptyState, Loading, LoadError } from '../../../ui/Feedback';
import { SelectField } from '../../../ui/Field';
import { CandidateDialog, HireDialog, MoveDialog } from './CandidateDialogs';
import { POSITION_STATUS_LABELS, POSITION_STATUS_TONES, stageOrder } from './hiring-labels';
import { CandidateHistory, StageBadge, useFormatDate } from './HiringParts';
import { PositionDialog } from './PositionDialog';
import './hiring.css';

type StageFilter = CandidateStage | 'all';

/** Hiring (office manager): positions, the candidates for each through the stages, and hiring into the staff directory. */
export function HiringPage() {
  const format = useFormatDate();
  const [positionId, setPositionId] = useState('');
  const [stageFilter, setStageFilter] = useState<StageFilter>('all');
  const positions = useLoad(() => call('positions.list', {}), 'positions');
  const candidates = useLoad(() => call('candidates.list', positionId ? { positionId } : {}), `candidates-${positionId}`);
  const [editingPosition, setEditingPosition] = useState<Position | 'new' | null>(null);
  const [editingCandidate, setEditingCandidate] = useState<Candidate | 'new' | null>(null);
  const [moving, setMoving] = useState<Candidate | null>(null);
  const [hiring, setHiring] = useState<Candidate | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<ReactNode>(null);
  const [noticeTone, setNoticeTone] = useState<'success' | 'error'>('success');
  const candidatesHeading = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const positionList = positions.data ?? [];
  const selected = positionList.find((p) => p.id === positionId);
  const all = candidates.data ?? [];
  const sorted = [...all].sort((a, b) => stageOrder(a.stage) - stageOrder(b.stage));
  const shown = stageFilter === 'all' ? sorted : sorted.filter((c) => c.stage === stageFilter);
  const groups = CANDIDATE_STAGES.map((stage) => ({ stage, people: shown.filter((c) => c.stage === stage) })).filter((g) => g.people.length > 0);
  const defaultPositionId = selected?.id ?? positionList.find((p) => p.status === 'open')?.id ?? positionList[0]?.id ?? '';

  function reloadAll() {
    positions.reload();
    candidates.reload();
  }

  function say(message: ReactNode, tone: 'success' | 'error' = 'success') {
    setNoticeTone(tone);
    setNotice(message);
    // Screen readers hear it (role=status); sighted people may be scrolled down the board.
    requestAnimationFrame(() => noticeRef.current?.scrollIntoView({ block: 'nearest' }));
  }

  function showCandidatesOf(id: string) {
    // Pressing it again goes back to everyone.
    setPositionId(id === positionId ? '' : id);
    setStageFilter('all');
    candidatesHeading.current?.focus();
  }

  function toggle(id: string) {
    setExpanded((open) => {
      const next = new Set(open);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function markFilled(position: Position) {
    try {
      const { id, title, staffRole, employmentType, openedOn, note } = position;
      await call('positions.save', { id, title, staffRole, employmentType, status: 'filled', openedOn, note });
      say(`“${title}” is marked as filled.`);
      positions.reload();
    } catch (error) {
      say(messageOf(error), 'error');
    }
  }

  // With every position shown, each candidate says which one they applied for.
  const showPosition = positionId === '';
  const columns = 4;

  return (
    <div className="stack hiring">
      <div ref={noticeRef} className="hiring-notice">
        {notice && <Alert tone={noticeTone}>{notice}</Alert>}
      </div>

      {/* ---------- Positions ---------- */}
      <section className="card stack" aria-labelledby="positions-title">
        <div className="section-header">
          <div>
            <h2 id="positions-title">Positions</h2>
            <p className="muted">Jobs you are hiring for, or have hired for before.</p>
          </div>
          <Button variant="primary" icon={<BriefcaseBusiness size={16} aria-hidden="true" />} onClick={() => setEditingPosition('new')}>
            Open a position
          </Button>
        </div>
        <LoadError error={positions.error} onRetry={positions.reload} />
        {positions.loading && !positions.data && <Loading label="Loading positions…" />}
        {positions.data && positionList.length === 0 && (
          <EmptyState title="No positions yet">When you need someone new, open a position here. Then add the people who apply for it.</EmptyState>
        )}
        {positionList.length > 0 && (
          <div className="table-wrap">
            <table className="table" aria-busy={positions.loading || undefined}>
              <caption className="sr-only">Positions, {positionList.length} in all</caption>
              <thead>
                <tr>
                  <th scope="col">Job title</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Candidates</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {positionList.map((p) => (
                  <tr key={p.id} className={[p.id === positionId ? 'hiring-row-selected' : '', p.status === 'closed' || p.status === 'filled' ? 'row-inactive' : ''].filter(Boolean).join(' ') || undefined}>
                    <td>
                      <strong>{p.title}</strong>
                      {p.note && <div className="muted small hiring-clamp">{p.note}</div>}
                    </td>
                    <td>
                      {STAFF_ROLE_LABELS[p.staffRole]}
                      <div className="muted small">{EMPLOYMENT_LABELS[p.employmentType]}</div>
                    </td>
                    <td>
                      <Badge tone={POSITION_STATUS_TONES[p.status]}>{POSITION_STATUS_LABELS[p.status]}</Badge>
                      <div className="muted small">opened {format(p.openedOn)}</div>
                    </td>
                    <td>
                      <span className="hiring-count">
                        <span className="hiring-count-number">{p.candidateCount}</span>
                        <Button variant="ghost" onClick={() => showCandidatesOf(p.id)} aria-pressed={p.id === positionId} aria-label={`Show candidates for ${p.title}`}>
                          Show
                        </Button>
                      </span>
                    </td>
                    <td className="cell-actions">
                      <Button variant="ghost" onClick={() => setEditingPosition(p)} aria-label={`Edit the position ${p.title}`}>
                        Edit
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {/* ---------- Candidates ---------- */}
      <section className="card stack hiring-board" aria-labelledby="candidates-title">
        <div className="section-header">
          <div>
            <h2 id="candidates-title" ref={candidatesHeading} tabIndex={-1} className="hiring-heading">
              Candidates{selected ? ` for ${selected.title}` : ''}
            </h2>
            <p className="muted">People who applied, from first contact to hired. Use “Move…” when they reach the next step.</p>
          </div>
          {positionList.length > 0 && (
            <Button variant="primary" icon={<UserPlus size={16} aria-hidden="true" />} onClick={() => setEditingCandidate('new')}>
              Add candidate
            </Button>
          )}
        </div>

        {positionList.length > 0 && (
          <div className="hiring-toolbar">
            <SelectField
              label="Position"
              className="hiring-position-filter"
              value={positionId}
              onChange={(v) => {
                setPositionId(v);
                setStageFilter('all');
              }}
              options={[{ value: '', label: 'All positions' }, ...positionList.map((p) => ({ value: p.id, label: p.status === 'open' ? p.title : `${p.title} (${POSITION_STATUS_LABELS[p.status].toLowerCase()})` }))]}
            />
            {all.length > 0 && (
              <div className="hiring-stages" role="group" aria-label="Show candidates at">
                <span className="hiring-stages-label" aria-hidden="true">
                  Show
                </span>
                <StageChip label="All stages" count={all.length} pressed={stageFilter === 'all'} onClick={() => setStageFilter('all')} />
                {CANDIDATE_STAGES.map((s) => (
                  <StageChip key={s} label={CANDIDATE_STAGE_LABELS[s]} count={all.filter((c) => c.stage === s).length} pressed={stageFilter === s} onClick={() => setStageFilter(s)} />
                ))}
              </div>
            )}
          </div>
        )}

        <LoadError error={candidates.error} onRetry={candidates.reload} />
        {candidates.loading && !candidates.data && <Loading label="Loading candidates…" />}
        {candidates.error ? null : positions.data && positionList.length === 0 && all.length === 0 ? (
          <EmptyState title="No candidates yet">Open a position first; then you can add the people who apply.</EmptyState>
        ) : (
          candidates.data &&
          shown.length === 0 && (
            <EmptyState
              title={all.length > 0 ? `Nobody at “${CANDIDATE_STAGE_LABELS[stageFilter as CandidateStage]}” right now` : 'No candidates yet'}
              action={
                all.length > 0 ? (
                  <Button onClick={() => setStageFilter('all')}>Show all stages</Button>
                ) : (
                  <Button variant="primary" icon={<UserPlus size={16} aria-hidden="true" />} onClick={() => setEditingCandidate('new')}>
                    Add candidate
                  </Button>
                )
              }
            >
              {all.length > 0 ? 'Try another stage.' : selected ? `Nobody has applied for ${selected.title} yet.` : 'When someone applies, add them here.'}
            </EmptyState>
          )
        )}
        {shown.length > 0 && (
          <div className="table-wrap">
            <table className="table hiring-candidates" aria-busy={candidates.loading || undefined}>
              <caption className="sr-only">
                Candidates{selected ? ` for ${selected.title}` : ''}, by stage: {shown.length} shown
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Phone and email</th>
                  <th scope="col">Stage</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              {groups.map((group) => (
                <tbody key={group.stage}>
                  <tr className="hiring-group">
                    <th scope="rowgroup" colSpan={columns}>
                      {CANDIDATE_STAGE_LABELS[group.stage]} <span className="hiring-group-count">{group.people.length}</span>
                    </th>
                  </tr>
                  {group.people.map((c) => {
                    const open = expanded.has(c.id);
                    const historyId = `hiring-history-${c.id}`;
                    const finished = c.stage === 'hired';
                    return (
                      <Fragment key={c.id}>
                        <tr className={c.stage === 'rejected' ? 'row-inactive' : undefined}>
                          <th scope="row" className="hiring-name">
                            {c.fullName}
                            {showPosition && <span className="hiring-name-position">{c.positionTitle}</span>}
                          </th>
                          <td>
                            {c.phone || c.email ? (
                              <>
                                {c.phone && <div>{c.phone}</div>}
                                {c.email && <div className="small">{c.email}</div>}
                              </>
                            ) : (
                              <span className="muted">Not given</span>
                            )}
                          </td>
                          <td>
                            <StageBadge candidate={c} />
                            <div className="muted small">since {format(c.stageOn)}</div>
                          </td>
                          <td className="cell-actions">
                            <div className="hiring-actions">
                              <Button variant="ghost" onClick={() => toggle(c.id)} aria-expanded={open} aria-controls={historyId} aria-label={`${open ? 'Hide' : 'Show'} history of ${c.fullName}`}>
                                {open ? 'Hide history' : 'History'}
                              </Button>
                              {finished ? (
                                c.staffId && (
                                  <a
                                    className="btn btn-ghost hiring-wide-slot"
                                    href={`#/staff/person/${c.staffId}`}
                                    onClick={(e) => {
                                      e.preventDefault();
                                      navigate(`/staff/person/${c.staffId}`);
                                    }}
                                    aria-label={`Staff record of ${c.fullName}`}
                                  >
                                    Staff record
                                  </a>
                                )
                              ) : (
                                <>
                                  <Button onClick={() => setMoving(c)} aria-label={`Move ${c.fullName} to another stage`}>
                                    Move…
                                  </Button>
                                  {c.stage === 'rejected' ? (
                                    <span />
                                  ) : (
                                    <Button onClick={() => setHiring(c)} aria-label={`Hire ${c.fullName}`}>
                                      Hire…
                                    </Button>
                                  )}
                                </>
                              )}
                            </div>
                          </td>
                        </tr>
                        {open && (
                          <tr id={historyId} className="hiring-history-row">
                            <td colSpan={columns}>
                              <div className="hiring-history-box">
                                <div>
                                  <h3 className="sr-only">History of {c.fullName}</h3>
                                  <CandidateHistory candidate={c} />
                                </div>
                                <div className="hiring-history-side">
                                  {c.note && (
                                    <p>
                                      <span className="muted">Note: </span>
                                      {c.note}
                                    </p>
                                  )}
                                  {finished ? (
                                    <p className="muted small">Their details now live in their staff record.</p>
                                  ) : (
                                    <Button variant="ghost" onClick={() => setEditingCandidate(c)} aria-label={`Edit details of ${c.fullName}`}>
                                      Edit details
                                    </Button>
                                  )}
                                </div>
                              </div>
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
                </tbody>
              ))}
            </table>
          </div>
        )}
      </section>

      <PositionDialog
        position={editingPosition}
        onClose={() => setEditingPosition(null)}
        onSaved={(p, isNew) => {
          setEditingPosition(null);
          say(isNew ? `“${p.title}” is open. Add the people who apply with “Add candidate”.` : `Changes to “${p.title}” saved.`);
          if (isNew) setPositionId(p.id);
          reloadAll();
        }}
      />
      <CandidateDialog
        candidate={editingCandidate}
        positions={positionList}
        defaultPositionId={defaultPositionId}
        onClose={() => setEditingCandidate(null)}
        onSaved={(c, isNew) => {
          setEditingCandidate(null);
          say(isNew ? `${c.fullName} is added to “${c.positionTitle}” as applied.` : `Details of ${c.fullName} saved.`);
          reloadAll();
        }}
      />
      <MoveDialog
        candidate={moving}
        onClose={() => setMoving(null)}
        onMoved={(c) => {
          setMoving(null);
          say(`${c.fullName} moved to “${CANDIDATE_STAGE_LABELS[c.stage]}” on ${format(c.stageOn)}.`);
          candidates.reload();
        }}
        onHireInstead={(c) => {
          setMoving(null);
          setHiring(c);
        }}
      />
      <HireDialog
        candidate={hiring}
        position={hiring ? positionList.find((p) => p.id === hiring.positionId) : undefined}
        onClose={() => setHiring(null)}
        onHired={(member, c) => {
          setHiring(null);
          const position = positionList.find((p) => p.id === c.positionId);
          say(
            <>
              <span>
                <strong>{member.fullName} is now in the staff directory.</strong>{' '}
                <a
                  href={`#/staff/person/${member.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/staff/person/${member.id}`);
                  }}
                >
                  Open their staff record
                </a>{' '}
                to add credentials or a sign-in.
              </span>
              {position && position.status === 'open' && (
                <span className="hiring-notice-more">
                  Is the job now taken?{' '}
                  <Button variant="ghost" onClick={() => void markFilled(position)}>
                    Mark “{position.title}” as filled
                  </Button>
                </span>
              )}
            </>,
          );
          reloadAll();
        }}
      />
    </div>
  );
}

function StageChip({ label, count, pressed, onClick }: { label: string; count: number; pressed: boolean; onClick: () => void }) {
  return (
    <button type="button" className="hiring-chip" aria-pressed={pressed} onClick={onClick}>
      {label} <span className="hiring-chip-count">{count}</span>
    </button>
  );
}
