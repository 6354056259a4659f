import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataFolderError } from './errors';

export const LOCK_FILE = 'keel.lock';

interface LockInfo {
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

/**
 * Takes the data folder for this process, so a second Keel (window, `keel serve`
 * or admin command) cannot open the same database at once. A lock left by a
 * process that no longer runs is taken over.
 */
export function lockDataFolder(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify(mine));
      fs.closeSync(fd);
      return () => {
        const current = readLock(file);
        if (current && current.pid === mine.pid && current.host === mine.host) fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(file);
      // Taken before this computer last started: the process that took it is gone, whatever now has its pid.
      const beforeBoot = holder !== null && holder.host === mine.host && Date.parse(holder.since) < Date.now() - os.uptime() * 1000;
      const stale = holder === null || beforeBoot || (holder.host === mine.host && !processIsAlive(holder.pid));
      if (!stale) {
        throw new DataFolderError(
          'in_use',
          `This data folder is already open in another Keel (process ${holder.pid} on ${holder.host}, since ${holder.since}). Close that one first.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataFolderError('in_use', 'This data folder is already open in another Keel. Close that one first.');
}
