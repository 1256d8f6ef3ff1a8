// A file replaced whole or not at all: the new text goes to a temporary file beside it,
// then a rename puts it in place, so a crash or a full disk leaves the old file as it was.

import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function replaceFile(target: string, text: string): Promise<void> {
  // A symbolic link stays one: the file it points to is the one replaced.
  const path = await realpath(target).catch(() => target);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  // The user's file keeps its permissions.
  const mode = await stat(path).then(
    (s) => s.mode & 0o777,
    () => 0o644,
  );
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}
