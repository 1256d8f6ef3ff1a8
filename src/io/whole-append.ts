// Appending to a file whole or not at all. A write cut short (disk full, a file-size
// limit, an I/O error) would leave a torn line that the next append glues onto: the
// file is put back to its size before the write, and the error says what happened.

import type { FileHandle } from 'node:fs/promises';

/** An append that failed; `restored` tells whether the file is as it was before it. */
export class AppendError extends Error {
  readonly code: string | undefined;
  readonly restored: boolean;
  constructor(cause: unknown, restored: boolean) {
    super(failureReason(cause), { cause });
    this.name = 'AppendError';
    this.code = (cause as { code?: string }).code;
    this.restored = restored;
  }
}

/**
 * Writes the bytes at the end of the file (opened for appending), then fdatasync when
 * `sync`. On failure the file is truncated back to its size before the write and an
 * AppendError is thrown.
 */
export async function appendWhole(handle: FileHandle, bytes: Buffer, sync: boolean): Promise<void> {
  const { size } = await handle.stat();
  try {
    let offset = 0;
    // A regular file takes it in one call; the loop only guards a short write.
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
    if (sync) await handle.datasync();
  } catch (err) {
    let restored = true;
    try {
      await handle.truncate(size);
    } catch {
      restored = false;
    }
    throw new AppendError(err, restored);
  }
}

/** `file too large (EFBIG)`: the system's words without the path, which the message names already. */
export function failureReason(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown; syscall?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  const code = typeof e.code === 'string' ? e.code : null;
  // What a folder that is a file in fact looks like, from mkdir and from open.
  if (code === 'EEXIST' && e.syscall === 'mkdir') return 'a file is where its folder should be (EEXIST)';
  if (code === 'ENOTDIR') return 'a file is where a folder should be (ENOTDIR)';
  const m = code === null ? null : new RegExp(`^${code}: (.*?), \\w+(?: '.*')?$`).exec(message);
  return m ? `${m[1]} (${code})` : message;
}
