import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataFolderError } from './errors';

export const LOCK_FILE = 'keel.lock';

export interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof info.pid === 'number' && typeof info.host === 'string' ? { pid: info.pid, host: info.host, since: String(info.since ?? '') } : null;
  } catch {
    return null;
  }
}

const sameLock = (a: LockInfo | null, b: LockInfo | null) => a !== null && b !== null && a.pid === b.pid && a.host === b.host && a.since === b.since;

/** A lock file with nothing readable in it: an unfinished write of an older Keel while young, junk after. */
const UNREADABLE_GRACE_MS = 5_000;

/**
 * Takes the data folder for this process, so a second Keel (window, `keel serve`
 * or admin command) cannot open the same database at once. A lock left by a
 * process that no longer runs is taken over.
 *
 * Two Keels starting at the same instant cannot both win: the lock is written
 * whole under a private name and published with link(), which fails when a
 * lock exists; and a stale lock is removed only by the one Keel holding the
 * takeover lock, after reading it again to be sure it is still the stale one.
 */
export function lockDataFolder(dir: string): () => void {
  const release = lockFolder(dir, LOCK_FILE, {});
  if (typeof release === 'function') return release;
  throw new DataFolderError(
    'in_use',
    release.holder
      ? `This data folder is already open in another Keel (process ${release.holder.pid} on ${release.holder.host}, since ${release.holder.since}). Close that one first.`
      : release.racing
        ? 'This data folder is being opened by another Keel. Close that one first.'
        : 'This data folder is already open in another Keel. Close that one first.',
  );
}

/**
 * Takes the lock file `name` in `dir` the same way (whole, with link(), taken
 * over only when stale), or says who holds it. `staleAfterMs`: a lock only
 * ever held for moments (the backup folder's) is stale after that long, even
 * when its holder runs on another computer.
 */
export function lockFolder(dir: string, name: string, options: { staleAfterMs?: number }): (() => void) | { holder: LockInfo | null; racing: boolean } {
  const file = path.join(dir, name);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  const draft = path.join(dir, `${name}.new-${unique()}`);
  fs.writeFileSync(draft, JSON.stringify(mine));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (publish(draft, file)) {
        sweep(dir, name);
        return () => {
          if (sameLock(readLock(file), mine)) fs.rmSync(file, { force: true });
        };
      }
      const holder = readLock(file);
      if (!isStale(file, holder, mine, options.staleAfterMs)) return { holder, racing: false };
      if (!removeIfStill(dir, name, file, holder)) break;
    }
    return { holder: null, racing: true };
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

const unique = () => `${process.pid}-${Math.random().toString(36).slice(2)}`;

/**
 * Removes the lock if it is still the stale one read before, holding the
 * takeover lock meanwhile; false when another Keel is taking over right now.
 */
function removeIfStill(dir: string, name: string, file: string, stale: LockInfo | null): boolean {
  const takeover = path.join(dir, `${name}.takeover`);
  const token = path.join(dir, `${name}.new-${unique()}`);
  fs.writeFileSync(token, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }));
  try {
    if (!publish(token, takeover)) {
      // One left by a Keel killed half-way through a takeover is cleared after a while.
      try {
        if (Date.now() - fs.statSync(takeover).mtimeMs > 10_000) fs.rmSync(takeover, { force: true });
      } catch {
        // Gone already.
      }
      return false;
    }
    try {
      const now = readLock(file);
      const still = stale === null ? now === null && fs.existsSync(file) : sameLock(now, stale);
      if (still) fs.rmSync(file, { force: true });
      return true;
    } finally {
      fs.rmSync(takeover, { force: true });
    }
  } finally {
    fs.rmSync(token, { force: true });
  }
}

/** Puts a whole lock file in place unless one is there; false when one is. */
function publish(draft: string, file: string): boolean {
  try {
    fs.linkSync(draft, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A drive without hard links (FAT32, exFAT): an exclusive copy, empty for an instant (see UNREADABLE_GRACE_MS).
    try {
      fs.copyFileSync(draft, file, fs.constants.COPYFILE_EXCL);
      return true;
    } catch (copyError) {
      if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw copyError;
    }
  }
}

/** Drafts left by a Keel killed half-way through taking the folder. */
function sweep(dir: string, lockName: string): void {
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(`${lockName}.new-`)) continue;
    try {
      if (Date.now() - fs.statSync(path.join(dir, name)).mtimeMs > 60_000) fs.rmSync(path.join(dir, name), { force: true });
    } catch {
      // Gone already.
    }
  }
}

function isStale(file: string, holder: LockInfo | null, mine: LockInfo, staleAfterMs?: number): boolean {
  let age: number;
  try {
    age = Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return true;
  }
  if (holder === null) return age > UNREADABLE_GRACE_MS;
  if (staleAfterMs !== undefined && age > staleAfterMs) return true;
  // Taken before this computer last started: the process that took it is gone, whatever now has its pid.
  const beforeBoot = holder.host === mine.host && Date.parse(holder.since) < Date.now() - os.uptime() * 1000;
  return beforeBoot || (holder.host === mine.host && !processIsAlive(holder.pid));
}
