import type { CredentialFlag } from '../../../shared/contract/credentials';
import { Badge } from '../../ui/Feedback';
import { flagText } from './labels';

/** Shown wherever a flagged person appears: what is missing or expired. */
export function FlagBadge({ flag }: { flag: CredentialFlag | null }) {
  if (!flag) return null;
  return (
    <span title={flagText(flag)}>
      <Badge tone="bad">Flagged: {flagText(flag)}</Badge>
    </span>
  );
}
