// `npm start`: the desktop window. Electron's binary is downloaded on first use from
// GitHub; offline that download ends in a stack trace, so this checks first and, when the
// binary cannot be had, says plainly how to run Keel in the browser instead.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const electronDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));

function binaryPresent() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return false;
  return fs.existsSync(path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8')));
}

if (!binaryPresent()) {
  console.log('Fetching Electron’s desktop binary (once)…');
  const fetched = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
  if (fetched.status !== 0 || !binaryPresent()) {
    console.error(
      [
        '',
        'keel: the desktop window needs Electron’s binary, and it could not be downloaded',
        '(no internet, or its download site is blocked here).',
        '',
        'Run Keel in your browser instead; everything but the window itself is the same:',
        '  npx keel serve --demo --data ~/keel-demo',
        'then open the address it prints.',
        '',
        'To get the window later, run `npm start` again on a connected machine.',
      ].join('\n'),
    );
    process.exit(1);
  }
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(process.execPath, [path.join(electronDir, 'cli.js'), root], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
