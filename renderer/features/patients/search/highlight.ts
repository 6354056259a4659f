import type { PatientMatch } from '../../../../shared/contract/patients';

/**
 * Where the highlight goes when new results land: on the first, unless the
 * person had arrowed down to a patient who is still in the list. Then it stays
 * on that patient, so Enter picks who they chose even if the answer for their
 * last keystroke landed just before.
 */
export function nextHighlight(active: number, before: readonly PatientMatch[] | null, after: readonly PatientMatch[]): number {
  const chosen = active > 0 ? before?.[active]?.id : undefined;
  const stays = chosen ? after.findIndex((m) => m.id === chosen) : -1;
  return stays >= 0 ? stays : 0;
}
