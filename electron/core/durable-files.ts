/**
 * Files written so a crash or a power cut never leaves a half-written one
 * under its real name, and flushed without stalling the main thread.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * SHA-256 of a file, read a megabyte at a time so the event loop keeps
 * turning. One buffer is reused for the whole file: a new buffer per chunk
 * would put hundreds of megabytes through the garbage collector, whose full
 * collections stall the process serving the front desk.
 */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const handle = await fs.promises.open(file, 'r');
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** Flushes a file or a folder's entries on this thread: for small files and folders, where waiting is short. */
export function fsyncPath(target: string): void {
  const fd = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the file itself was synced.
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Flushes a file (or a folder's entries) to disk off the main thread: a
 * 500 MB fsync, or even a folder's while the disk is busy, would stall the app.
 */
export async function fsyncFile(target: string, mode: 'r' | 'r+' = 'r+'): Promise<void> {
  const handle = await fs.promises.open(target, mode);
  try {
    await handle.sync();
  } catch (error) {
    // Some platforms cannot fsync a folder; the files in it were synced.
    if (mode === 'r+') throw error;
  } finally {
    await handle.close();
  }
}

export const fsyncFolder = (folder: string) => fsyncFile(folder, 'r');

/** How long early flushing waits when a flush found little to write. */
const FLUSH_PAUSE_MS = 10;

/**
 * Flushes a file over and over while another thread writes it, so the disk
 * writes the copy while SQLite is still making it, and the final flush has
 * only the last part left. Without this the whole file waits in memory for
 * one flush at the end. Only speed rests on it: the caller still flushes the
 * finished file, and a failure here only ends the early flushing.
 */
export function flushWhileWritten(file: string): { stop: () => Promise<void> } {
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      let handle: fs.promises.FileHandle;
      try {
        handle = await fs.promises.open(file, 'r+');
      } catch {
        // Not created yet.
        await sleep(FLUSH_PAUSE_MS);
        continue;
      }
      try {
        while (!stopped) {
          const started = performance.now();
          await handle.datasync();
          // A flush that found little to write: give the copy a moment to write more.
          if (performance.now() - started < FLUSH_PAUSE_MS) await sleep(FLUSH_PAUSE_MS);
        }
      } catch {
        stopped = true;
      } finally {
        await handle.close();
      }
    }
  })();
  return {
    stop: () => {
      stopped = true;
      return running;
    },
  };
}

/** Writes a small file whole or not at all: a temporary name, flushed, renamed, the folder flushed. */
export async function writeDurably(file: string, content: string): Promise<void> {
  const temp = `${file}.partial`;
  await fs.promises.writeFile(temp, content);
  await fsyncFile(temp);
  await fs.promises.rename(temp, file);
  await fsyncFolder(path.dirname(file));
}
