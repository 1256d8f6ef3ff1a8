// How a file is named in messages: as the user would type it from where they are.

import { writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';

export function displayPath(path: string, cwd: string): string {
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}

/** A file that cannot be read, as an Issue; anything else is a bug and is thrown on. */
export function fileError(e: unknown, file: string): Issue {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return error(file, undefined, undefined, 'file not found', 'check the path (paths in relance.yaml are relative to it)');
  if (code === 'EACCES') return error(file, undefined, undefined, 'permission denied', 'check who may read the file');
  if (code === 'EISDIR') return error(file, undefined, undefined, 'is a folder, not a file', 'name the file itself');
  throw e;
}

/** Creates a file that does not exist yet; false, and the file left alone, when one is there. */
export async function createNewFile(path: string, text: string): Promise<boolean> {
  try {
    await writeFile(path, text, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}
