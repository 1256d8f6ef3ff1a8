// The day's mbox (mboxrd, LF line ends): what goes in comes out byte for byte, CRLF again,
// found by its own Message-ID only.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/domain/dates.js';
import { archiveFile, archivedMessage, findInMbox, mboxEntry, openArchive } from '../../src/mail/archive.js';

const DAY = parseIsoDay('2026-11-22')!;
const message = (id: string, body: string) => Buffer.from(`Message-ID: ${id}\r\nSubject: Relance\r\n\r\n${body}`, 'latin1');

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('mbox archive', () => {
  it('keeps each message whole, LF line ends and "From " lines quoted in the file, CRLF and unquoted again', () => {
    const tricky = message('<a@x>', 'From the start of a line.\r\n>From quoted already.\r\nnot From here\r\n');
    const entry = mboxEntry(tricky, DAY).toString('latin1');
    expect(entry.startsWith('From relance Sun Nov 22 00:00:00 2026\n')).toBe(true);
    expect(entry).toContain('\n>From the start of a line.\n>>From quoted already.\nnot From here\n\n');
    expect(entry).not.toContain('\r');
    expect(findInMbox(entry, '<a@x>')!.equals(tricky)).toBe(true);
  });

  it('reads an archive written before, with CRLF lines, as the same bytes', () => {
    const old = message('<old@x>', 'ligne\r\n');
    const mbox = `From relance Sun Nov 22 00:00:00 2026\n${old.toString('latin1')}\n`;
    expect(findInMbox(mbox, '<old@x>')!.equals(old)).toBe(true);
  });

  it('finds a message by its own Message-ID, not one quoted in a later message', () => {
    const first = message('<first@x>', 'premier\r\n');
    const second = message('<second@x>', 'relance, avec la première jointe :\r\nMessage-ID: <first@x>\r\n');
    // The later message comes first in the file: its body must not be taken for the first.
    const mbox = Buffer.concat([mboxEntry(second, DAY), mboxEntry(first, DAY)]).toString('latin1');
    expect(findInMbox(mbox, '<first@x>')!.equals(first)).toBe(true);
    expect(findInMbox(mbox, '<second@x>')!.equals(second)).toBe(true);
    expect(findInMbox(mbox, '<third@x>')).toBeNull();
  });

  it('appends to the day\'s file through one handle, creating nothing before the first message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relance-archive-'));
    dirs.push(dir);
    const journal = join(dir, '.relance', 'journal.jsonl');
    const archive = openArchive(journal, DAY);
    expect(await archivedMessage(journal, '<m1@x>')).toBeNull();
    await Promise.all([archive.append(message('<m1@x>', 'un\r\n')), archive.append(message('<m2@x>', 'deux\r\n'))]);
    await archive.close();
    expect(archive.file).toBe(archiveFile(journal, DAY));
    expect((await readFile(archive.file, 'latin1')).match(/^From relance /gm)).toHaveLength(2);
    expect((await archivedMessage(journal, '<m2@x>'))!.equals(message('<m2@x>', 'deux\r\n'))).toBe(true);
  });

  it('loses no append: each one is in the file, in order, once its promise resolves', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relance-archive-'));
    dirs.push(dir);
    const journal = join(dir, '.relance', 'journal.jsonl');
    const archive = openArchive(journal, DAY);
    const ids = Array.from({ length: 12 }, (_, i) => `<m${i + 1}@x>`);
    const append = (i: number) => archive.append(message(ids[i]!, `numéro ${i + 1}\r\n`));
    const inFile = async () => [...(await readFile(archive.file, 'latin1')).matchAll(/^Message-ID: (\S+)/gm)].map((m) => m[1]);
    // Two close together, then three, then one alone, then six: the old write chain
    // stopped writing after the first pair.
    await Promise.all([append(0), append(1)]);
    expect(await inFile()).toEqual(ids.slice(0, 2));
    await Promise.all([append(2), append(3), append(4)]);
    expect(await inFile()).toEqual(ids.slice(0, 5));
    await append(5);
    expect(await inFile()).toEqual(ids.slice(0, 6));
    await Promise.all([6, 7, 8, 9, 10, 11].map(append));
    await archive.close();
    expect(await inFile()).toEqual(ids);
  });
});
