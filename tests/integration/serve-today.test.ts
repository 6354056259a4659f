import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/harness';
import { runKeel } from '../support/serve';

describe('keel serve --today', () => {
  it('refuses a day that is not a date, plainly, before opening anything', () => {
    const parent = tempDir();
    const dir = path.join(parent, 'clinic');
    const result = runKeel('serve', '--data', dir, '--port', '0', '--today', '2026-13-01');
    expect(result.code).toBe(1);
    expect(result.err + result.out).toContain('--today must be a date like 2026-03-02');
    expect(fs.existsSync(dir)).toBe(false);
    fs.rmSync(parent, { recursive: true, force: true });
  });
});
