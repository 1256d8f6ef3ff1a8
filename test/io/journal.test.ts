import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry, NewEntry } from '../../src/domain/journal-entry.js';
import { journalEntry, serializeEntry } from '../../src/domain/journal-entry.js';
import { appendJournal, isTruncatedJson, openJournal, readJournal } from '../../src/io/journal.js';

const entry = (type: JournalEntry['type'], o: Partial<NewEntry> = {}): JournalEntry =>
  journalEntry({ type, date: '2026-11-22', at: '2026-11-22T07:00:03.120Z', invoice: 'F-2026-014', ...o });
const INTENT = entry('intent', { step: 'relance-1', channel: 'email', message_id: '<a1@relance>', subject: 'Facture F-2026-014', to: ['compta@martin.example'], run: 'r1' });
const SENT = entry('sent', { step: 'relance-1', channel: 'email', message_id: '<a1@relance>', subject: 'Facture F-2026-014', to: ['compta@martin.example'], run: 'r1' });
const RECORD = entry('record', { event: 'pause', until: '2026-12-01', note: 'attend son client' });

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-journal-'));
  path = join(dir, '.relance', 'journal.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the journal file', () => {
  it('a missing file is an empty journal', async () => {
    expect(await readJournal(path, '.relance/journal.jsonl')).toEqual({ entries: [], issues: [] });
  });

  it('round-trips: one line per entry, every key in a fixed order, the folder created', async () => {
    await appendJournal(path, [INTENT, SENT]);
    await appendJournal(path, [RECORD]);
    const text = await readFile(path, 'utf8');
    expect(text.split('\n')[0]).toBe(
      '{"type":"intent","date":"2026-11-22","at":"2026-11-22T07:00:03.120Z","invoice":"F-2026-014","step":"relance-1","channel":"email",' +
        '"message_id":"<a1@relance>","subject":"Facture F-2026-014","to":["compta@martin.example"],"error":null,"event":null,"until":null,"note":null,"run":"r1"}',
    );
    expect(text.endsWith('\n')).toBe(true);
    expect(await readJournal(path)).toEqual({ entries: [INTENT, SENT, RECORD], issues: [] });
  });

  it('a writer appends several times, each batch as whole lines', async () => {
    const journal = await openJournal(path);
    await journal.append([INTENT]);
    await journal.append([]);
    await journal.append([SENT, RECORD]);
    await journal.close();
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(4);
    expect((await readJournal(path)).entries).toEqual([INTENT, SENT, RECORD]);
  });

  it('a torn last line is ignored with a warning', async () => {
    const torn = serializeEntry(SENT).slice(0, 40);
    await appendJournal(path, [INTENT]);
    await writeFile(path, torn, { flag: 'a' });
    expect(await readJournal(path, '.relance/journal.jsonl')).toEqual({
      entries: [INTENT],
      issues: [
        {
          severity: 'warning',
          file: '.relance/journal.jsonl',
          line: 2,
          field: undefined,
          message: 'the last line is incomplete (a run was interrupted while writing): it was ignored',
          hint: 'nothing to fix: a step this leaves without outcome is reported as uncertain',
        },
      ],
    });
  });

  it('an append after a torn line starts on a new line, and the torn line stays a warning', async () => {
    await appendJournal(path, [INTENT]);
    await writeFile(path, serializeEntry(SENT).slice(0, 40), { flag: 'a' });
    await appendJournal(path, [RECORD]);
    await appendJournal(path, [SENT]);
    const { entries, issues } = await readJournal(path, 'journal.jsonl');
    expect(entries).toEqual([INTENT, RECORD, SENT]);
    expect(issues).toEqual([
      {
        severity: 'warning',
        file: 'journal.jsonl',
        line: 2,
        field: undefined,
        message: 'the line is incomplete (a run was interrupted while writing): it was ignored',
        hint: 'nothing to fix: a step this leaves without outcome is reported as uncertain',
      },
    ]);
  });

  it.each<{ name: string; line: string; issue: { line: number; field: string | undefined; message: string; hint: string } }>([
    {
      name: 'a corrupt line in the middle is an error',
      line: 'garbage',
      issue: {
        line: 2,
        field: undefined,
        message: 'the line is not valid JSON: garbage',
        hint: 'each line is one JSON object written by relance: restore it from a backup or delete it, with no run in progress',
      },
    },
    {
      name: 'a complete object with a stray character is an error, not a torn write',
      line: '{"type":"sent"}}',
      issue: {
        line: 2,
        field: undefined,
        message: 'the line is not valid JSON: {"type":"sent"}}',
        hint: 'each line is one JSON object written by relance: restore it from a backup or delete it, with no run in progress',
      },
    },
    {
      name: 'an entry of an unknown type is an error',
      line: serializeEntry(SENT).replace('"sent"', '"posted"'),
      issue: { line: 2, field: 'type', message: 'unknown entry type "posted"', hint: 'the types are: intent, sent, failed, bounced, issued, record' },
    },
    {
      name: 'a record of an unknown event is an error',
      line: serializeEntry(RECORD).replace('"pause"', '"holiday"'),
      issue: {
        line: 2,
        field: 'event',
        message: 'unknown event "holiday"',
        hint: 'the events are: call, letter, promise, dispute, pause, resume, paid-by-hand, sent, not-sent, retry',
      },
    },
    {
      name: 'a bad date is an error',
      line: serializeEntry(SENT).replace('"2026-11-22"', '"22/11/2026"'),
      issue: { line: 2, field: 'date', message: 'date "22/11/2026" is not a date', hint: 'write it as YYYY-MM-DD' },
    },
  ])('$name', async ({ line, issue }) => {
    await writeFile(join(dir, 'journal.jsonl'), `${serializeEntry(INTENT)}\n${line}\n${serializeEntry(SENT)}\n`);
    const { entries, issues } = await readJournal(join(dir, 'journal.jsonl'), 'journal.jsonl');
    expect(entries).toEqual([INTENT, SENT]);
    expect(issues).toEqual([{ severity: 'error', file: 'journal.jsonl', ...issue }]);
  });

  it('an invalid last line that did end with a newline is an error: the write was complete', async () => {
    await writeFile(join(dir, 'journal.jsonl'), `${serializeEntry(INTENT)}\nnot json\n`);
    const { issues } = await readJournal(join(dir, 'journal.jsonl'), 'journal.jsonl');
    expect(issues.map((i) => [i.severity, i.line])).toEqual([['error', 2]]);
  });

  it('skips blank lines and reads Windows line ends and missing optional keys', async () => {
    const file = join(dir, 'journal.jsonl');
    await writeFile(file, `\n${serializeEntry(INTENT)}\r\n\r\n{"type":"record","date":"2026-11-23","at":"x","invoice":"F-1","event":"call"}\n`);
    const { entries, issues } = await readJournal(file);
    expect(issues).toEqual([]);
    expect(entries).toEqual([INTENT, journalEntry({ type: 'record', date: '2026-11-23', at: 'x', invoice: 'F-1', event: 'call' })]);
  });
});

describe('isTruncatedJson: what a torn write looks like', () => {
  const full = serializeEntry(SENT);
  it.each(
    [1, 2, 10, 11, 12, 30, 60, 100, 150, 200, 250, full.length - 1].map((n) => [n] as const),
  )('a prefix of %i characters of an entry is torn', (n) => {
    expect(isTruncatedJson(full.slice(0, n))).toBe(true);
  });

  it.each([
    ['a whole entry', full],
    ['an empty line', ''],
    ['text', 'garbage'],
    ['a number', '42'],
    ['an extra brace', '{"a":1}}'],
    ['a missing colon', '{"a" 1'],
    ['a bad literal', '{"a":nul,'],
    ['a bad escape', '{"a":"\\x'],
    ['a bad number', '{"a":01,'],
  ])('%s is not', (_, text) => {
    expect(isTruncatedJson(text)).toBe(false);
  });
});
