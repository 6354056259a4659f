import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveRendererFile } from '../../electron/core/renderer-files';
import { tempDir } from '../support/harness';

// The keel:// protocol handler (electron/main.ts) asks this which file of the built renderer a URL means.
let base: string;
let root: string;
let outside: string;

beforeEach(() => {
  base = fs.realpathSync(tempDir('keel-renderer-files-'));
  root = path.join(base, 'renderer');
  outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Keel</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'not for the renderer');
});
afterEach(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

const served = (pathname: string, dir = root) => resolveRendererFile(dir, pathname);

describe('resolveRendererFile', () => {
  it('serves a file of the renderer, and index.html for / and for the app’s own screens', () => {
    expect(served('/assets/app.js')).toEqual({ ok: true, file: path.join(root, 'assets', 'app.js') });
    expect(served('/')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(served('/index.html')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(served('/schedule')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(served('/assets')).toEqual({ ok: true, file: path.join(root, 'index.html') });
  });

  it('answers 404 for a missing asset instead of sending index.html as JavaScript', () => {
    expect(served('/assets/missing.js')).toEqual({ ok: false, status: 404 });
  });

  it('answers 400 for a malformed escape or a NUL byte instead of throwing', () => {
    for (const pathname of ['/%zz', '/assets/%E0%A4%A', '/%', '/index.html%00.js', '/assets/app.js%00']) {
      expect(() => served(pathname), pathname).not.toThrow();
      expect(served(pathname), pathname).toEqual({ ok: false, status: 400 });
    }
  });

  it('never leaves the renderer folder through ..', () => {
    for (const pathname of ['/../outside/secret.txt', '/assets/../../outside/secret.txt', '/%2e%2e/outside/secret.txt', '/..%2Foutside%2Fsecret.txt', '/..%5Coutside%5Csecret.txt']) {
      expect(served(pathname), pathname).toEqual({ ok: false, status: 404 });
    }
  });

  it('never serves an absolute path', () => {
    const secret = path.join(outside, 'secret.txt');
    for (const pathname of [secret, `/${secret}`, `/${encodeURIComponent(secret)}`, `/file:${encodeURIComponent(secret)}`]) {
      const result = served(pathname);
      expect(result, pathname).toEqual({ ok: false, status: 404 });
    }
  });

  it('refuses a symlink that leads outside the renderer folder, file or folder', () => {
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'assets', 'leak.txt'));
    fs.symlinkSync(outside, path.join(root, 'linked'), 'dir');
    expect(served('/assets/leak.txt')).toEqual({ ok: false, status: 404 });
    expect(served('/linked/secret.txt')).toEqual({ ok: false, status: 404 });
  });

  it('follows a symlink that stays inside, and works when the renderer folder itself is reached through one', () => {
    fs.symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'alias.js'));
    expect(served('/alias.js')).toEqual({ ok: true, file: path.join(root, 'assets', 'app.js') });
    const linkedRoot = path.join(base, 'renderer-link');
    fs.symlinkSync(root, linkedRoot, 'dir');
    expect(served('/assets/app.js', linkedRoot)).toEqual({ ok: true, file: path.join(root, 'assets', 'app.js') });
  });
});
