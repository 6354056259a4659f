import { describe, expect, it } from 'vitest';
import { nextHighlight } from '../../renderer/features/patients/search/highlight';
import type { PatientMatch } from '../../shared/contract/patients';

const match = (id: string) => ({ id, name: id }) as unknown as PatientMatch;
const smi = ['chloe', 'fatima', 'jo'].map(match);
const smith = ['chloe', 'fatima'].map(match);

describe('where the highlight goes when new results land', () => {
  it('stays on the patient the person arrowed down to, when the answer for their last keystroke still holds them', () => {
    expect(nextHighlight(1, smi, smith)).toBe(1);
    expect(nextHighlight(2, ['x', 'y', 'fatima'].map(match), smith)).toBe(1);
  });

  it('goes back to the first when they had not moved, when their patient is gone, or when nothing was shown', () => {
    expect(nextHighlight(0, smi, ['fatima', 'chloe'].map(match))).toBe(0);
    expect(nextHighlight(2, smi, smith)).toBe(0);
    expect(nextHighlight(1, null, smith)).toBe(0);
  });
});
