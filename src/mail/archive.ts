// Every e-mail sent is kept, byte for byte, in `.relance/sent/` beside the journal: the
// proof of what the client received, and what `attach_previous` attaches later. One mbox
// file a day (`2026-11-22.mbox`, "mboxrd": any mail client opens it), appended through
// one open file: a file per message cost more than the sending itself.

import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Day } from '../domain/dates.js';
import { formatIsoDay, ymdFromDay } from '../domain/dates.js';

export function archiveDir(journalPath: string): string {
  return join(dirname(journalPath), 'sent');
}

/** The day's archive: `.relance/sent/2026-11-22.mbox`. */
export function archiveFile(journalPath: string, day: Day): string {
  return join(archiveDir(journalPath), `${formatIsoDay(day)}.mbox`);
}

export interface Archive {
  readonly file: string;
  /** Appends one message as it went out. */
  append(raw: Buffer): Promise<void>;
  close(): Promise<void>;
}

/**
 * The day's archive; nothing is created before the first message. Messages that come
 * while a write is under way go together in the next one.
 */
export function openArchive(journalPath: string, day: Day): Archive {
  const file = archiveFile(journalPath, day);
  let handle: Promise<FileHandle> | null = null;
  let pending: Buffer[] = [];
  let writing: Promise<void> | null = null;
  const flush = (): Promise<void> =>
    (writing ??= (async () => {
      try {
        while (pending.length > 0) {
          const batch = Buffer.concat(pending);
          pending = [];
          await (await handle!).write(batch);
        }
      } finally {
        writing = null;
      }
    })());
  return {
    file,
    append(raw) {
      handle ??= mkdir(dirname(file), { recursive: true }).then(() => open(file, 'a'));
      pending.push(mboxEntry(raw, day));
      // In order, never interleaved: one writer, taking what has piled up each time.
      return writing === null ? flush() : writing.then(flush);
    },
    async close() {
      await writing?.catch(() => undefined);
      if (handle) await (await handle).close();
      handle = null;
    },
  };
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

/** `From relance Sun Nov 22 00:00:00 2026`, the separator line, then the message, "From " lines quoted. */
export function mboxEntry(raw: Buffer, day: Day): Buffer {
  const { year, month, day: d } = ymdFromDay(day);
  const separator = `From relance ${WEEKDAYS[((day % 7) + 7) % 7]} ${MONTHS[month - 1]} ${String(d).padStart(2, ' ')} 00:00:00 ${year}\n`;
  const text = raw.toString('latin1').replace(/(^|\n)(>*From )/g, '$1>$2');
  return Buffer.from(`${separator}${text}${text.endsWith('\n') ? '' : '\n'}\n`, 'latin1');
}

/**
 * The message whose own Message-ID is `messageId`, its "From " lines unquoted, or null.
 * Only an entry's header counts: a later reminder carries an earlier one attached, with
 * that one's Message-ID inside.
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
    return Buffer.from(mbox.slice(bodyStart, end).replace(/(^|\n)>(>*From )/g, '$1$2'), 'latin1');
  }
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
