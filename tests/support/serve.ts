import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A `keel` admin command run to its end: exit code and what it printed. */
export function runKeel(...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'keel.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** `keel serve` as a person starts it from a terminal, resolved once it prints "running at URL". */
export async function spawnServe(args: string[]): Promise<{ url: string; output: () => string; process: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'keel.js'), 'serve', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`keel serve did not start in time:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`keel serve exited with ${code}:\n${output}`));
    });
  });
  return { url, output: () => output, process: child };
}

/** Stops a served Keel the way Ctrl+C does, and waits for it to finish. */
export async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
