// Opening a user's file to read it: only a regular file. A FIFO would block the read for
// ever (with the lock held), /dev/zero or /dev/urandom would never end, a folder reads
// as an error deep in a parser: each is refused, by fstat on what was opened, up front.

import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** What `fileError` turns into "is a FIFO (named pipe), not a file". */
export class NotARegularFileError extends Error {
  readonly code = 'ENOTREG';
  constructor(
    readonly path: string,
    /** "a folder", "a FIFO (named pipe)", "a character device"… */
    readonly kind: string,
  ) {
    super(`${path} is ${kind}, not a regular file`);
    this.name = 'NotARegularFileError';
  }
}

/**
 * Opens `path` for reading, or throws (ENOENT, EACCES, ELOOP… or NotARegularFileError).
 * O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
 */
export async function openUserFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new NotARegularFileError(path, kindOf(stats));
    return { handle, size: stats.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** The whole file's bytes (a regular file only). */
export async function readUserBytes(path: string): Promise<Buffer> {
  const { handle } = await openUserFile(path);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

export function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'a special file';
}
