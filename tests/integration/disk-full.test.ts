import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISK_FULL_MESSAGE } from '../../electron/core/router';
import { errorOf, openTestKeel, setUpClinic, tempDir, valueOf, type TestKeel } from '../support/harness';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('a full disk while Keel runs', () => {
  let keel: TestKeel;
  let manager: string;
  beforeEach(async () => {
    keel = await openTestKeel();
    manager = await setUpClinic(keel);
  });
  afterEach(async () => keel.close());

  it('says the disk is full and that nothing was saved, changes nothing, and keeps reads working', async () => {
    const sqlite = keel.app.database.sqlite;
    // SQLite's own size limit: past it every write fails with SQLITE_FULL, as on a full disk.
    sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`);
    const count = () => Number(sqlite.prepare('select count(*) from concerns').pluck().get());
    let failure = null;
    for (let i = 0; i < 200 && failure === null; i++) {
      const before = count();
      const outcome = await keel.call('concerns.create', { patientId: null, category: 'wait_time', description: `Waited a long time. ${'x'.repeat(3500)}`, severity: 'low', ownerId: null }, manager);
      if (!outcome.result.ok) {
        failure = outcome.result.error;
        expect(count()).toBe(before);
      }
    }
    expect(failure).toEqual({ code: 'internal', message: DISK_FULL_MESSAGE });
    // Reads that write nothing still answer.
    valueOf(await keel.call('clinic.get', {}, manager));
    valueOf(await keel.call('staff.list', {}, manager));
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // Space again: writing works again.
    sqlite.pragma('max_page_count = 1073741823');
    valueOf(await keel.call('concerns.create', { patientId: null, category: 'wait_time', description: 'After space was freed.', severity: 'low', ownerId: null }, manager));
    expect(errorOf(await keel.call('concerns.create', { patientId: null, category: 'nope', description: 'x', severity: 'low', ownerId: null }, manager)).code).toBe('invalid_input');
  });
});

/**
 * Runs a `keel` command with DIR on a small, full tmpfs: a real ENOSPC from the
 * kernel. `unshare` gives the command its own mount namespace (as root, or as a
 * user through a user namespace), so nothing is mounted for anyone else.
 */
function keelOnFullDisk(setup: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const mount = tempDir('keel-full-');
  const script = [
    'set -e',
    'mount -t tmpfs -o size=1m tmpfs "$1"',
    setup,
    // Fill what is left, then run Keel on it.
    'head -c 2000000 /dev/zero > "$1/filler" 2>/dev/null || true',
    'shift',
    `exec "${process.execPath}" "${path.join(ROOT, 'bin', 'keel.js')}" "$@"`,
  ].join('\n');
  const result = spawnSync('unshare', ['--mount', '--map-root-user', 'sh', '-c', script, 'sh', mount, ...args.map((a) => a.replace('$MOUNT', mount))], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  fs.rmSync(mount, { recursive: true, force: true });
  if (result.error) throw new Error(`unshare could not run (${result.error.message}); the full-disk test needs util-linux's unshare`);
  if (/unshare: /.test(result.stderr)) throw new Error(`unshare failed: ${result.stderr}`);
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('a full disk at start', () => {
  it('starts with a plain message, not "unexpected error: ENOSPC", for a new folder and for an existing clinic', () => {
    const fresh = keelOnFullDisk('true', 'migrate', '--data', '$MOUNT/clinic');
    expect(fresh.code).toBe(1);
    expect(fresh.err).toMatch(/^keel: The disk that holds \S+\/clinic is full, so Keel cannot open its data\. Free some space on that disk and start Keel again\. Nothing was changed\.\n$/);

    // An existing clinic: its database made first, then the disk fills up.
    const existing = keelOnFullDisk(`"${process.execPath}" "${path.join(ROOT, 'bin', 'keel.js')}" migrate --data "$1/clinic" > /dev/null`, 'migrate', '--data', '$MOUNT/clinic');
    expect(existing.code).toBe(1);
    expect(existing.err).toMatch(/^keel: The disk that holds \S+\/clinic is full/);
    expect(existing.err).not.toMatch(/unexpected|ENOSPC/);
  });
});
