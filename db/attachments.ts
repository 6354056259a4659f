import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely, Selectable } from 'kysely';
import type { AttachmentsTable, DB } from './schema';

export const ATTACHMENTS_DIR = 'attachments';

/** Where a file with this SHA-256 lives inside the data folder. */
export function attachmentPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, ATTACHMENTS_DIR, sha256.slice(0, 2), sha256);
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Writes a file into the data folder by its SHA-256 (the same scan twice is
 * stored once): to a temporary name, flushed, then renamed, so a crash never
 * leaves a half-written file under a real name.
 */
export function storeFile(dataDir: string, bytes: Uint8Array): string {
  const sha = sha256Of(bytes);
  const target = attachmentPath(dataDir, sha);
  if (fs.existsSync(target) && sha256Of(fs.readFileSync(target)) === sha) return sha;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, target);
  return sha;
}

export async function insertAttachment(db: Kysely<DB>, row: { id: string; sha256: string; fileName: string; mime: string; sizeBytes: number }, now: string): Promise<void> {
  await db
    .insertInto('attachments')
    .values({ id: row.id, sha256: row.sha256, file_name: row.fileName, mime: row.mime, size_bytes: row.sizeBytes, created_at: now, updated_at: now })
    .execute();
}

export async function findAttachment(db: Kysely<DB>, id: string): Promise<Selectable<AttachmentsTable> | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export type FileCheck = { ok: true; bytes: Buffer } | { ok: false; reason: 'missing' | 'damaged' };

/** Reads a stored file and checks it still matches its SHA-256. */
export function readVerifiedFile(dataDir: string, sha256: string): FileCheck {
  const file = attachmentPath(dataDir, sha256);
  if (!fs.existsSync(file)) return { ok: false, reason: 'missing' };
  const bytes = fs.readFileSync(file);
  return sha256Of(bytes) === sha256 ? { ok: true, bytes } : { ok: false, reason: 'damaged' };
}

/** What a file's first bytes say it is: only PDF, PNG and JPEG are accepted. */
export function sniffType(bytes: Uint8Array): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return null;
}
