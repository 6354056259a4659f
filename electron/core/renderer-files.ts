import fs from 'node:fs';
import path from 'node:path';

/** Which file of the built renderer a request means, or the status to answer instead. */
export type RendererFile = { ok: true; file: string } | { ok: false; status: 400 | 404 };

const NOT_FOUND: RendererFile = Object.freeze({ ok: false, status: 404 });
const BAD_REQUEST: RendererFile = Object.freeze({ ok: false, status: 400 });

function isInside(root: string, file: string): boolean {
  return file === root || file.startsWith(root + path.sep);
}

/** The real path of what exists at `file`, or null when nothing does. */
function realPathOf(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

/**
 * Resolves a URL path (still percent-encoded, as in `new URL(…).pathname`) to a
 * file of the built renderer in `rendererDir`, for the `keel://` protocol and
 * the web host alike. `/` and paths without an extension (the app's own screens)
 * get index.html; a malformed escape or a NUL byte is a 400; a path that leads
 * outside the folder — by `..`, as an absolute path, or through a symlink —
 * and a missing asset are a 404.
 *
 * @example
 * resolveRendererFile('/opt/keel/dist/renderer', '/assets/index-abc.js')
 * // → { ok: true, file: '/opt/keel/dist/renderer/assets/index-abc.js' }
 * resolveRendererFile('/opt/keel/dist/renderer', '/%zz') // → { ok: false, status: 400 }
 */
export function resolveRendererFile(rendererDir: string, pathname: string): RendererFile {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return BAD_REQUEST;
  }
  if (decoded.includes('\0')) return BAD_REQUEST;
  // Compare real paths, so a symlink inside the folder cannot lead out of it.
  const root = realPathOf(rendererDir);
  if (root === null) return NOT_FOUND;
  const index = path.join(root, 'index.html');
  const requested = path.resolve(root, `.${path.sep}${decoded}`);
  if (!isInside(root, requested)) return NOT_FOUND;
  const real = realPathOf(requested);
  if (real !== null && !isInside(root, real)) return NOT_FOUND;
  if (real !== null && fs.statSync(real).isFile()) return { ok: true, file: real };
  // The app's screens are client-side: anything without an extension gets the app.
  return path.extname(decoded) === '' ? { ok: true, file: index } : NOT_FOUND;
}
