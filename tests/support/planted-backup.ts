import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** SHA-256 of a file's bytes, for "nothing changed" checks. */
export function sha256OfFile(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export const sha256Of = (content: string | Uint8Array): string => createHash('sha256').update(content).digest('hex');

/** Every file under a folder (relative paths, sorted), with its SHA-256; the folder lock is left out (it comes and goes). */
export function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.startsWith('keel.lock')) out[path.relative(dir, full)] = sha256OfFile(full);
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * A backup planted by someone else, as it would sit on a USB backup folder: a
 * copy of a good backup under its own name, beside a description file (.json)
 * changed by `change` (an object is written as JSON, a string as it is), and
 * the files named in `files` (relative to the folder) with their content.
 */
export function plantBackup(
  good: string,
  folder: string,
  change: (manifest: Record<string, unknown>) => Record<string, unknown> | string,
  files: Record<string, string> = {},
  name = path.basename(good),
): string {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  fs.copyFileSync(good, file);
  const manifest = JSON.parse(fs.readFileSync(`${good}.json`, 'utf8')) as Record<string, unknown>;
  const changed = change(manifest);
  fs.writeFileSync(`${file}.json`, typeof changed === 'string' ? changed : JSON.stringify(changed, null, 2));
  for (const [name, content] of Object.entries(files)) {
    const target = path.resolve(folder, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return file;
}

/**
 * A stand-in backup for retention tests: a one-byte file under Keel's name for
 * that moment, with a description file like the ones Keel writes.
 */
export function fakeBackup(folder: string, takenAt: Date, reason: 'daily' | 'manual' | 'quit' | 'cli' | 'safety' = 'daily'): string {
  const name = `${reason === 'safety' ? 'keel-safety-' : 'keel-'}${takenAt.toISOString().slice(0, 19).replace(/:/g, '')}Z.db`;
  fs.writeFileSync(path.join(folder, name), 'x');
  const manifest = { file: name, takenAt: takenAt.toISOString(), verifiedAt: takenAt.toISOString(), keelVersion: '0.1.0', schemaVersion: 1, bytes: 1, sha256: sha256Of('x'), counts: {}, attachments: [], reason };
  fs.writeFileSync(path.join(folder, `${name}.json`), JSON.stringify(manifest));
  return name;
}
