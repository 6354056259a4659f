import fs from 'node:fs';
import { DataFolderError } from '../../db/errors';
import { lockDataFolder } from '../../db/lock';

/**
 * One of several Keels starting at the same instant: waits for the start
 * signal (a file appearing), tries to take the data folder, prints `won` or
 * `lost <problem>`, and holds a won folder long enough for every other racer
 * to have tried.
 */
const [dir, go] = process.argv.slice(2) as [string, string];
process.stdout.write('ready\n');
const pause = new Int32Array(new SharedArrayBuffer(4));
while (!fs.existsSync(go)) Atomics.wait(pause, 0, 0, 1);
try {
  const release = lockDataFolder(dir);
  process.stdout.write('won\n');
  setTimeout(() => {
    release();
    process.exit(0);
  }, 2000);
} catch (error) {
  process.stdout.write(`lost ${error instanceof DataFolderError ? error.problem : (error as Error).message}\n`);
}
