// How a file is named in messages: as the user would type it from where they are.

import { writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import { NotARegularFileError } from './user-file.js';

export function displayPath(path: string, cwd: string): string {
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}

/**
 * A file that cannot be read or written, as an Issue (`file: what is wrong — hint`);
 * anything else is a bug and is thrown on. `writing`: the hints speak of writing.
 */
export function fileError(e: unknown, file: string, writing = false): Issue {
  const problem = fileProblem(e, writing);
  if (problem === null) throw e;
  return error(file, undefined, undefined, problem.message, problem.hint);
}

/** What is wrong with a file, from the error of an fs call; null when it is no such error. */
export function fileProblem(e: unknown, writing = false): { message: string; hint: string } | null {
  if (e instanceof NotARegularFileError) {
    return e.kind === 'a folder' ? { message: 'is a folder, not a file', hint: 'name the file itself' } : { message: `is ${e.kind}, not a regular file`, hint: 'name a regular file: relance reads nothing else' };
  }
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return { message: 'file not found', hint: 'check the path (paths in relance.yaml are relative to it)' };
    case 'EACCES':
    case 'EPERM':
      return { message: 'permission denied', hint: writing ? 'check who may write in that folder' : 'check who may read the file' };
    case 'EISDIR':
      return { message: 'is a folder, not a file', hint: writing ? 'remove the folder, or choose another path' : 'name the file itself' };
    case 'ENOTDIR':
      return { message: 'a part of the path is a file, not a folder', hint: 'check the path' };
    case 'EEXIST':
      // Only mkdir lets it through: a file stands where a folder must be made.
      return writing ? { message: 'a part of the path is a file, where a folder should be', hint: 'move that file away, or choose another folder' } : null;
    case 'ELOOP':
      return { message: 'is a symbolic link that leads back to itself (a loop)', hint: 'point the link at a real file, or remove it' };
    case 'ENAMETOOLONG':
      return { message: 'the path is too long', hint: 'use a shorter path' };
    case 'EROFS':
      return { message: 'cannot be written: the file system is read-only', hint: 'mount it read-write, or set journal: in relance.yaml to a folder relance may write to' };
    case 'ENOSPC':
    case 'EDQUOT':
      return { message: code === 'EDQUOT' ? 'cannot be written: the disk quota is exhausted' : 'cannot be written: the disk is full', hint: 'free some space, then run again' };
    case 'EIO':
      return { message: 'input/output error', hint: 'the disk or the network share is failing: check it, then run again' };
    default:
      return null;
  }
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
