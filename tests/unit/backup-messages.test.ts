import { describe, expect, it } from 'vitest';
import { backupWriteFailure } from '../../shared/domain/backup';

describe('why a backup could not be written', () => {
  it('says a full drive is full, whether the system or SQLite noticed', () => {
    for (const code of ['ENOSPC', 'EDQUOT', 'SQLITE_FULL']) expect(backupWriteFailure(code, 'E:\\Keel', 'x')).toMatch(/^The backup folder E:\\Keel is full\. Free some space/);
  });

  it('says a read-only or forbidden folder cannot be written to, with the code', () => {
    for (const code of ['EROFS', 'EACCES', 'EPERM', 'SQLITE_READONLY', 'SQLITE_CANTOPEN']) expect(backupWriteFailure(code, '/media/usb', 'x')).toBe(`The backup folder /media/usb cannot be written to (${code}). Check that the drive is connected and not read-only.`);
  });

  it('passes any other reason on as it is', () => {
    expect(backupWriteFailure('EIO', '/media/usb', 'input/output error')).toBe('The backup could not be written to /media/usb: input/output error');
    expect(backupWriteFailure(undefined, '/b', 'the copy stopped')).toBe('The backup could not be written to /b: the copy stopped');
  });
});
