// The studio's inbox shows files from the outbox folder. Anything there that
// is not a regular file (a symlink to /etc/shadow or a key, a FIFO that would
// block, a device) is refused: opened with O_NOFOLLOW, then checked with
// fstat on the same handle, so a file swapped for a symlink between the
// check and the read is refused too.
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';

export interface RegularFile {
  bytes: Buffer;
  size: number;
  mtime: Date;
}

/** The file's bytes, or null when it does not exist or is not a regular file. */
export async function readRegularFile(file: string): Promise<RegularFile | null> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP: a symlink (O_NOFOLLOW); ENXIO/EISDIR: a socket or a folder.
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENXIO' || code === 'EISDIR' || code === 'ENOTDIR') return null;
    throw error;
  }
  try {
    const s = await handle.stat();
    if (!s.isFile()) return null;
    return { bytes: await handle.readFile(), size: s.size, mtime: s.mtime };
  } finally {
    await handle.close();
  }
}

/** Size and mtime of a regular file (never following a symlink), or null. */
export async function statRegularFile(file: string): Promise<{ size: number; mtime: Date } | null> {
  const s = await lstat(file).catch(() => null);
  return s && s.isFile() ? { size: s.size, mtime: s.mtime } : null;
}
