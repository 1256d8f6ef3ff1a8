// The journal, `.relance/journal.jsonl`: one JSON object per line, append-only.
// Writes are whole lines in one write call, then fdatasync'ed before returning, so an
// `intent` is on disk before its email is handed to SMTP (write-ahead). A crash can
// only tear the line being written: readers tolerate that, and appends start afresh.

import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Issue } from '../domain/issue.js';
import { error, warning } from '../domain/issue.js';
import { fileError } from './paths.js';
import { readUserBytes } from './user-file.js';
import type { JournalEntry } from '../domain/journal-entry.js';
import { parseEntry, serializeEntry } from '../domain/journal-entry.js';
import { AppendError, appendWhole } from './whole-append.js';

const TORN_HINT = 'nothing to fix: a step this leaves without outcome is reported as uncertain';

/**
 * Every entry of the journal, in file order. A missing file is an empty journal. A torn
 * line (an interrupted write) is ignored with a warning; any other bad line is an error.
 */
export async function readJournal(path: string, displayName: string = path): Promise<{ entries: JournalEntry[]; issues: Issue[] }> {
  let text: string;
  try {
    text = (await readUserBytes(path)).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], issues: [] };
    return { entries: [], issues: [fileError(err, displayName)] };
  }
  return parseJournal(text, displayName);
}

/** The journal's text, parsed; `file` names it in the issues. */
export function parseJournal(text: string, file: string): { entries: JournalEntry[]; issues: Issue[] } {
  const entries: JournalEntry[] = [];
  const issues: Issue[] = [];
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const complete = text.endsWith('\n');
  const lines = text.split('\n');
  if (complete) lines.pop();

  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (!complete && index === lines.length - 1) {
        issues.push(warning(file, lineNumber, undefined, 'the last line is incomplete (a run was interrupted while writing): it was ignored', TORN_HINT));
      } else if (isTruncatedJson(line)) {
        // A torn line that later appends left behind: they start on a line of their own.
        issues.push(warning(file, lineNumber, undefined, 'the line is incomplete (a run was interrupted while writing): it was ignored', TORN_HINT));
      } else {
        issues.push(
          error(file, lineNumber, undefined, `the line is not valid JSON: ${excerpt(line)}`, 'each line is one JSON object written by relance: restore it from a backup or delete it, with no run in progress'),
        );
      }
      return;
    }
    const result = parseEntry(parsed);
    if ('entry' in result) entries.push(result.entry);
    else issues.push(error(file, lineNumber, result.problem.field, result.problem.message, result.problem.hint));
  });
  return { entries, issues };
}

export interface JournalWriter {
  /**
   * Writes the entries as whole lines in one write, and returns once they are on disk.
   * Throws AppendError (the file put back as it was) when they could not be written.
   */
  append(entries: readonly JournalEntry[]): Promise<void>;
  close(): Promise<void>;
}

/** Opens the journal for appending, creating it and its folder if needed. */
export async function openJournal(path: string): Promise<JournalWriter> {
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'a+');
  let needsNewline = false;
  try {
    const { size } = await handle.stat();
    if (size === 0) {
      await syncFolder(dirname(path));
    } else {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      needsNewline = last[0] !== 0x0a;
    }
  } catch (err) {
    await handle.close();
    throw err;
  }

  let closed = false;
  return {
    async append(entries) {
      if (closed) throw new Error(`the journal ${path} is closed`);
      if (entries.length === 0) return;
      // After a torn line, start on a new line so that this entry stays readable.
      const text = (needsNewline ? '\n' : '') + entries.map((e) => `${serializeEntry(e)}\n`).join('');
      try {
        // Whole lines or nothing: a failed write is undone, never left for the next to glue onto.
        await appendWhole(handle, Buffer.from(text, 'utf8'), true);
      } catch (err) {
        // Not undone: the file may end in a torn line, which the next append steps over.
        if (err instanceof AppendError && !err.restored) needsNewline = true;
        throw err;
      }
      needsNewline = false;
    },
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}

/** Appends entries in a one-off write (e.g. `relance record`). */
export async function appendJournal(path: string, entries: readonly JournalEntry[]): Promise<void> {
  const journal = await openJournal(path);
  try {
    await journal.append(entries);
  } finally {
    await journal.close();
  }
}

/** A new file's name is only durable once its folder is synced too (not possible everywhere). */
async function syncFolder(folder: string): Promise<void> {
  try {
    const dir = await open(folder, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // Windows cannot open a folder: the file's own sync is all there is.
  }
}

function excerpt(line: string): string {
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}

/**
 * True when the text is the beginning of a JSON object cut short: what a write torn by
 * a crash leaves. Garbage, or a complete value, is not.
 */
export function isTruncatedJson(text: string): boolean {
  type Expect = 'key-or-end' | 'key' | 'colon' | 'value' | 'value-or-end' | 'comma-or-end';
  const stack: { kind: 'object' | 'array'; expect: Expect }[] = [];
  const s = text;
  let i = 0;
  while (i < s.length && /\s/.test(s[i]!)) i++;
  if (s[i] !== '{') return false;

  const afterValue = (): boolean => {
    const top = stack.at(-1);
    if (!top) return false; // a complete value: not truncated
    top.expect = 'comma-or-end';
    return true;
  };
  // Returns the index after the closing quote, or -1 when the text ends inside the string.
  const scanString = (from: number): number | 'bad' => {
    let j = from + 1;
    while (j < s.length) {
      const c = s[j]!;
      if (c === '"') return j + 1;
      if (c.charCodeAt(0) < 0x20) return 'bad';
      if (c === '\\') {
        const e = s[j + 1];
        if (e === undefined) return -1;
        if (e === 'u') {
          const hex = s.slice(j + 2, j + 6);
          if (!/^[0-9a-fA-F]*$/.test(hex)) return 'bad';
          if (hex.length < 4) return -1;
          j += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) return 'bad';
        j += 2;
        continue;
      }
      j++;
    }
    return -1;
  };

  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const top = stack.at(-1);
    const expect: Expect = top ? top.expect : 'value';
    switch (expect) {
      case 'key-or-end':
      case 'key': {
        if (c === '}' && expect === 'key-or-end') {
          stack.pop();
          if (!afterValue()) return false;
          i++;
          break;
        }
        if (c !== '"') return false;
        const end = scanString(i);
        if (end === 'bad') return false;
        if (end === -1) return true;
        top!.expect = 'colon';
        i = end;
        break;
      }
      case 'colon':
        if (c !== ':') return false;
        top!.expect = 'value';
        i++;
        break;
      case 'comma-or-end':
        if (c === ',') top!.expect = top!.kind === 'object' ? 'key' : 'value';
        else if (c === (top!.kind === 'object' ? '}' : ']')) {
          stack.pop();
          if (!afterValue()) return false;
        } else return false;
        i++;
        break;
      case 'value':
      case 'value-or-end': {
        if (c === ']' && expect === 'value-or-end') {
          stack.pop();
          if (!afterValue()) return false;
          i++;
        } else if (c === '{') {
          stack.push({ kind: 'object', expect: 'key-or-end' });
          i++;
        } else if (c === '[') {
          stack.push({ kind: 'array', expect: 'value-or-end' });
          i++;
        } else if (c === '"') {
          const end = scanString(i);
          if (end === 'bad') return false;
          if (end === -1) return true;
          if (!afterValue()) return false;
          i = end;
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          let j = i;
          while (j < s.length && /[-+.eE0-9]/.test(s[j]!)) j++;
          const token = s.slice(i, j);
          if (j === s.length) return /^-?(0|[1-9]\d*)?(\.\d*)?([eE][-+]?\d*)?$/.test(token);
          if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(token)) return false;
          if (!afterValue()) return false;
          i = j;
        } else if (c >= 'a' && c <= 'z') {
          let j = i;
          while (j < s.length && s[j]! >= 'a' && s[j]! <= 'z') j++;
          const token = s.slice(i, j);
          if (j === s.length) return ['true', 'false', 'null'].some((w) => w.startsWith(token));
          if (!['true', 'false', 'null'].includes(token)) return false;
          if (!afterValue()) return false;
          i = j;
        } else {
          return false;
        }
        break;
      }
    }
  }
  return stack.length > 0;
}
