// Writes a file so that it appears whole or not at all: a temporary file next
// to it, then a rename. When the write fails (a full disk most often) the
// temporary file is removed, so a failed send leaves nothing behind, and the
// error names the cause in words an operator recognises.
import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Error codes that mean "no space left": the disk, or the user's quota. */
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

export class WriteFileError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WriteFileError';
  }
}

/** A one-line reason for a failed write, naming a full disk as such. */
export function describeWriteError(err: unknown, file: string): string {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? null;
  const dir = path.dirname(file);
  if (code && DISK_FULL.has(code)) return `disk full (${code}) writing to ${dir}`;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code}) writing to ${dir}`;
  if (code === 'EROFS') return `read-only file system (EROFS) at ${dir}`;
  return `could not write to ${dir}: ${err instanceof Error ? err.message : String(err)}`;
}

export async function writeFileAtomically(file: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.tmp`;
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, file);
  } catch (err) {
    // Best effort: on a full disk the unlink itself still works (it frees space).
    await unlink(tmp).catch(() => undefined);
    throw new WriteFileError(describeWriteError(err, file), (err as NodeJS.ErrnoException | null)?.code ?? null, { cause: err });
  }
}
