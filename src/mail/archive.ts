// Every e-mail sent is kept in `.relance/sent/` beside the journal: the proof of what the
// client received, and what `attach_previous` attaches later. One mbox file a day
// (`2026-11-22.mbox`), appended through one open file: a file per message cost more than
// the sending itself. The format is mboxrd with LF line ends, as mutt and Python's
// `mailbox` read it: each message as the server received it, its CRLF line ends written
// as LF (a message always has CRLF only, compose.ts: crlfOnly, so that this is undone
// exactly) and every line starting with ">*From " given one more ">".

import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Day } from '../domain/dates.js';
import { formatIsoDay, ymdFromDay } from '../domain/dates.js';
import type { JournalEntry } from '../domain/journal-entry.js';
import { appendWhole } from '../io/whole-append.js';

export function archiveDir(journalPath: string): string {
  return join(dirname(journalPath), 'sent');
}

/** The day's archive: `.relance/sent/2026-11-22.mbox`. */
export function archiveFile(journalPath: string, day: Day): string {
  return join(archiveDir(journalPath), `${formatIsoDay(day)}.mbox`);
}

export interface Archive {
  readonly file: string;
  /** Appends one message as it went out; resolves once its bytes are written (`sync` makes them durable). */
  append(raw: Buffer): Promise<void>;
  /** fdatasync of everything written so far: the journal's group commit calls it before writing the outcomes. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The day's archive; nothing is created before the first message. One writer loop takes
 * every message queued meanwhile in one write, in order: no append is ever skipped, and
 * each one's promise resolves only once its bytes are in the file (or rejects).
 */
export function openArchive(journalPath: string, day: Day): Archive {
  const file = archiveFile(journalPath, day);
  let handle: Promise<FileHandle> | null = null;
  const queue: { bytes: Buffer; resolve: () => void; reject: (err: unknown) => void }[] = [];
  let writing = false;
  let idle: Promise<void> = Promise.resolve();
  let unsynced = false;

  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.splice(0);
      let opened: FileHandle;
      try {
        opened = await (handle ??= mkdir(dirname(file), { recursive: true }).then(() => open(file, 'a')));
      } catch (err) {
        handle = null; // the next append tries again
        for (const b of batch) b.reject(err);
        continue;
      }
      try {
        // Whole entries or nothing: a failed write is undone, never glued onto.
        await appendWhole(opened, Buffer.concat(batch.map((b) => b.bytes)), false);
        unsynced = true;
        for (const b of batch) b.resolve();
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    // In the same turn as the check above: an append from now on starts the loop again.
    writing = false;
  };
  return {
    file,
    append(raw) {
      const bytes = mboxEntry(raw, day);
      return new Promise<void>((resolve, reject) => {
        queue.push({ bytes, resolve, reject });
        if (!writing) {
          writing = true;
          idle = drain();
        }
      });
    },
    async sync() {
      if (!unsynced || handle === null) return;
      unsynced = false;
      await (await handle).datasync();
    },
    async close() {
      await idle;
      const opened = await handle?.catch(() => null);
      handle = null;
      if (!opened) return;
      try {
        if (unsynced) await opened.datasync();
      } finally {
        unsynced = false;
        await opened.close();
      }
    },
  };
}

/** The Message-IDs of the messages an mbox holds (each entry's own, not one quoted in its body). */
export function archivedIds(mbox: string): Set<string> {
  const ids = new Set<string>();
  for (const entry of mbox.split('\nFrom ')) {
    const bodyStart = entry.indexOf('\n') + 1;
    const headerEnd = entry.slice(bodyStart).search(/\r?\n\r?\n/);
    const header = entry.slice(bodyStart, headerEnd < 0 ? undefined : bodyStart + headerEnd);
    const m = /(?:^|\n)Message-ID:\s*(\S+)/i.exec(header);
    if (m) ids.add(m[1]!);
  }
  return ids;
}

/** The `sent` entries whose message no mbox of the archive holds (`relance check`). */
export async function sentNotArchived(journalPath: string, entries: readonly JournalEntry[]): Promise<JournalEntry[]> {
  const sent = entries.filter((e) => e.type === 'sent' && e.message_id !== null);
  if (sent.length === 0) return [];
  const dir = archiveDir(journalPath);
  const names = await readdir(dir).then(
    (files) => files.filter((f) => f.endsWith('.mbox')).sort(),
    () => [],
  );
  const ids = new Set<string>();
  // One file at a time: only the ids stay in memory.
  for (const name of names) for (const id of archivedIds(await readFile(join(dir, name), 'latin1'))) ids.add(id);
  return sent.filter((e) => !ids.has(e.message_id!));
}

/** The message as archived, or null (sent before archiving, or the archive deleted). */
export function archivedMessage(journalPath: string, messageId: string): Promise<Buffer | null> {
  return archiveReader(journalPath)(messageId);
}

/**
 * A lookup for one run: each day's mbox is read once, however many earlier reminders
 * are looked for in it.
 */
export function archiveReader(journalPath: string): (messageId: string) => Promise<Buffer | null> {
  const dir = archiveDir(journalPath);
  let names: Promise<string[]> | null = null;
  const contents = new Map<string, Promise<string>>();
  return async (messageId) => {
    names ??= readdir(dir).then(
      (files) => files.filter((f) => f.endsWith('.mbox')).sort().reverse(), // newest first: predecessors are recent
      () => [],
    );
    for (const name of await names) {
      let text = contents.get(name);
      if (!text) contents.set(name, (text = readFile(join(dir, name), 'latin1')));
      const found = findInMbox(await text, messageId);
      if (found !== null) return found;
    }
    return null;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']; // day 0 (1970-01-01) was a Thursday

/** `From relance Sun Nov 22 00:00:00 2026`, the separator line, then the message, LF line ends, "From " lines quoted. */
export function mboxEntry(raw: Buffer, day: Day): Buffer {
  const { year, month, day: d } = ymdFromDay(day);
  const separator = `From relance ${WEEKDAYS[((day % 7) + 7) % 7]} ${MONTHS[month - 1]} ${String(d).padStart(2, ' ')} 00:00:00 ${year}\n`;
  const text = raw.toString('latin1').replace(/\r\n/g, '\n').replace(/(^|\n)(>*From )/g, '$1>$2');
  return Buffer.from(`${separator}${text}${text.endsWith('\n') ? '' : '\n'}\n`, 'latin1');
}

/**
 * The message whose own Message-ID is `messageId`, as the server received it ("From "
 * lines unquoted, CRLF line ends), or null. Only an entry's header counts: a later
 * reminder carries an earlier one attached, with that one's Message-ID inside. An archive
 * written before the LF one (its lines CRLF) reads back the same.
 */
export function findInMbox(mbox: string, messageId: string): Buffer | null {
  const header = new RegExp(`(^|\\n)Message-ID:\\s*${escapeRegExp(messageId)}\\s*\\r?\\n`, 'gi');
  for (const match of mbox.matchAll(header)) {
    const at = match.index;
    const start = mbox.lastIndexOf('\nFrom ', at) + 1; // 0 when it is the first entry
    const bodyStart = mbox.indexOf('\n', start) + 1;
    const headerEnd = mbox.slice(bodyStart).search(/\r?\n\r?\n/) + bodyStart;
    if (at > headerEnd) continue;
    const next = mbox.indexOf('\nFrom ', at);
    // An entry ends with the message's own line end, then the blank line that separates.
    const end = next < 0 ? mbox.length - 1 : next;
    return Buffer.from(mbox.slice(bodyStart, end).replace(/(^|\n)>(>*From )/g, '$1$2').replace(/\r?\n/g, '\r\n'), 'latin1');
  }
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
