import type { Candidate } from '../../../../shared/contract/candidates';
import type { PositionStatus } from '../../../../shared/contract/positions';
import { CANDIDATE_STAGE_LABELS, CANDIDATE_STAGES, type CandidateStage, type EmploymentType } from '../../../../shared/domain/staff';

export const POSITION_STATUSES = ['open', 'on_hold', 'filled', 'closed'] as const satisfies readonly PositionStatus[];

export const POSITION_STATUS_LABELS: Record<PositionStatus, string> = { open: 'Open', on_hold: 'On hold', filled: 'Filled', closed: 'Closed' };

export const POSITION_STATUS_TONES: Record<PositionStatus, 'good' | 'warn' | 'info' | 'neutral'> = { open: 'good', on_hold: 'warn', filled: 'info', closed: 'neutral' };

export const STAGE_TONES: Record<CandidateStage, 'neutral' | 'info' | 'warn' | 'good' | 'bad'> = {
  applied: 'neutral',
  phone_screen: 'info',
  interview: 'info',
  offer: 'warn',
  hired: 'good',
  rejected: 'bad',
};

/** The steps a candidate goes through before being hired, in order. */
export const PIPELINE = ['applied', 'phone_screen', 'interview', 'offer'] as const satisfies readonly CandidateStage[];

/** Stages a candidate can be moved to with "Move…" (hiring has its own dialog). */
export const MOVABLE_STAGES = CANDIDATE_STAGES.filter((s) => s !== 'hired');

/** Where a candidate usually goes next: the next step; back to where they were when rejected; nothing after an offer (hire them instead). */
export function suggestedStage(candidate: Candidate): CandidateStage | '' {
  if (candidate.stage === 'rejected') {
    const before = [...candidate.history].reverse().find((e) => e.stage !== 'rejected' && e.stage !== 'hired');
    return before?.stage ?? 'applied';
  }
  const index = (PIPELINE as readonly CandidateStage[]).indexOf(candidate.stage);
  return index >= 0 && index < PIPELINE.length - 1 ? PIPELINE[index + 1]! : '';
}

/** Options for the "Move to" select: every stage but the current one, saying which ones go back. */
export function moveOptions(candidate: Candidate): Array<{ value: string; label: string }> {
  const current = (PIPELINE as readonly CandidateStage[]).indexOf(candidate.stage);
  return MOVABLE_STAGES.filter((s) => s !== candidate.stage).map((s) => {
    const index = (PIPELINE as readonly CandidateStage[]).indexOf(s);
    const back = s !== 'rejected' && current >= 0 && index < current;
    return { value: s, label: s === 'rejected' ? 'Rejected (not going ahead)' : `${CANDIDATE_STAGE_LABELS[s]}${back ? ' (back a step)' : ''}` };
  });
}

/** Sort order on the board: the pipeline, then hired, then rejected. */
export function stageOrder(stage: CandidateStage): number {
  return CANDIDATE_STAGES.indexOf(stage);
}

/** A sensible weekly hours figure to start the hire form with. */
export function usualHours(type: EmploymentType): string {
  return type === 'full_time' ? '40' : '20';
}

/** The later of two `YYYY-MM-DD` dates. */
export function laterDate(a: string, b: string): string {
  return a > b ? a : b;
}
