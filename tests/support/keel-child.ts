import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * A `keel` admin command run as its own process without blocking this one,
 * so the test can go on using a Keel it holds open while the command runs.
 */
export function startKeel(...args: string[]): { running: () => boolean; finished: Promise<{ code: number | null; out: string; err: string }> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'keel.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let running = true;
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const finished = new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`keel ${args.join(' ')} did not finish in time:\n${out}${err}`));
    }, 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      running = false;
      resolve({ code, out, err });
    });
  });
  return { running: () => running, finished };
}
