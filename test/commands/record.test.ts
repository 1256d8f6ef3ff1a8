// `relance record` through the built binary, on a real folder: test/fixtures/record
// (relance.yaml, factures.csv, the shipped policy) copied to a temp folder, with or
// without its journal. Each record must write one well-formed line, and its effect must
// show where users look: `relance status --format json` and `relance log`.

import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunResult, runRelanceInProcess } from '../helpers/run-cli.js';

const TODAY = '2026-11-22';
const FIXTURES = new URL('../fixtures/record/', import.meta.url);
const KEYS = ['type', 'date', 'at', 'invoice', 'step', 'channel', 'message_id', 'subject', 'to', 'error', 'event', 'until', 'note', 'run'];

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh folder with the config and the invoices; the fixture journal when asked. */
async function setup(options: { journal: boolean }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'relance-record-'));
  folders.push(dir);
  await copyFile(new URL('relance.yaml', FIXTURES), join(dir, 'relance.yaml'));
  await copyFile(new URL('factures.csv', FIXTURES), join(dir, 'factures.csv'));
  if (options.journal) {
    await mkdir(join(dir, '.relance'));
    await copyFile(new URL('journal.jsonl', FIXTURES), journalPath(dir));
  }
  return dir;
}

const journalPath = (dir: string): string => join(dir, '.relance', 'journal.jsonl');
const run = (dir: string, ...args: string[]): Promise<RunResult> => runRelanceInProcess([...args, '--today', TODAY], { cwd: dir, now: new Date() });
const record = (dir: string, ...args: string[]): Promise<RunResult> => run(dir, 'record', ...args);

async function journalLines(dir: string): Promise<string[]> {
  const text = await readFile(journalPath(dir), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

/** The one line a record added, checked for shape: every key, in the file's order. */
function wellFormed(line: string): Record<string, unknown> {
  const entry = JSON.parse(line) as Record<string, unknown>;
  expect(Object.keys(entry)).toEqual(KEYS);
  expect(entry.type).toBe('record');
  expect(entry.run).toBeNull();
  expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(Math.abs(Date.now() - Date.parse(entry.at as string))).toBeLessThan(120_000);
  return entry;
}

interface StatusInvoice {
  number: string;
  status: string;
  balance: string;
  interest: string;
  last_step: string | null;
  next_step: string | null;
  next_date: string | null;
}

async function statusOf(dir: string, number: string, today = TODAY): Promise<StatusInvoice> {
  const r = await runRelanceInProcess(['status', '--all', '--format', 'json', '--today', today], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  const found = (JSON.parse(r.stdout) as { invoices: StatusInvoice[] }).invoices.find((i) => i.number === number);
  if (!found) throw new Error(`${number} is not in the status`);
  return found;
}

const frenchDay = (iso: string): string => iso.split('-').reverse().join('/');

describe('relance record: each event writes one line, and the cycle follows', () => {
  it.each<{
    args: string[];
    entry: Record<string, unknown>;
    says: string;
    status: Partial<StatusInvoice>;
  }>([
    {
      args: ['F-2026-014', 'call', '--note', 'rappellera lundi'],
      entry: { invoice: 'F-2026-014', event: 'call', date: TODAY, step: null, channel: 'call', until: null, note: 'rappellera lundi' },
      says: 'F-2026-014: call recorded on 22/11/2026 — next step relance-1 on 27/11/2026',
      status: { status: 'open', next_step: 'relance-1', next_date: '2026-11-27' },
    },
    {
      args: ['F-2026-014', 'call', '--step', 'relance-1', '--date', '2026-11-20'],
      entry: { event: 'call', date: '2026-11-20', step: 'relance-1', channel: 'call', note: null },
      says: 'F-2026-014: call recorded on 20/11/2026 — step relance-1 done; next step appel on 25/11/2026',
      status: { last_step: 'relance-1', next_step: 'appel', next_date: '2026-11-25' },
    },
    {
      args: ['F-2026-020', 'letter', '--date', '2026-11-10'],
      entry: { invoice: 'F-2026-020', event: 'letter', date: '2026-11-10', channel: 'letter', step: null },
      says: 'F-2026-020: letter recorded on 10/11/2026 — formal notice: B2C interest runs from 11/11/2026; next step relance-1, due now (the next "relance send" does it)',
      status: { next_step: 'relance-1', next_date: '2026-11-15' },
    },
    {
      args: ['F-2026-014', 'letter'],
      entry: { event: 'letter', date: TODAY, channel: 'letter' },
      says: 'F-2026-014: letter recorded on 22/11/2026 — formal notice (B2B: interest has run since 01/11/2026, the day after the due date); next step relance-1 on 27/11/2026',
      status: { next_step: 'relance-1', next_date: '2026-11-27' },
    },
    {
      args: ['F-2026-014', 'promise', '--until', '2026-12-05', '--note', 'virement le 5'],
      entry: { event: 'promise', date: TODAY, until: '2026-12-05', note: 'virement le 5', step: null, channel: null },
      says: 'F-2026-014: promise to pay by 05/12/2026 recorded on 22/11/2026 — reminders resume on 06/12/2026; next step relance-1 on 06/12/2026',
      status: { status: 'paused', next_step: 'relance-1', next_date: '2026-12-06' },
    },
    {
      args: ['F-2026-014', 'promise'],
      entry: { event: 'promise', until: null },
      says: 'F-2026-014: promise to pay recorded on 22/11/2026 — the next reminder waits 5 days (min_gap_days); next step relance-1 on 27/11/2026',
      status: { next_step: 'relance-1', next_date: '2026-11-27' },
    },
    {
      args: ['F-2026-014', 'dispute', '--note', 'conteste la livraison'],
      entry: { event: 'dispute', date: TODAY, note: 'conteste la livraison' },
      says: 'F-2026-014: dispute recorded on 22/11/2026 — no reminders until "relance record F-2026-014 resume"',
      status: { status: 'disputed', next_step: null, next_date: null },
    },
    {
      args: ['F-2026-014', 'pause', '--until', '2026-12-01'],
      entry: { event: 'pause', date: TODAY, until: '2026-12-01' },
      says: 'F-2026-014: pause until 01/12/2026 recorded on 22/11/2026 — reminders resume on 02/12/2026; next step relance-1 on 02/12/2026',
      status: { status: 'paused', next_step: 'relance-1', next_date: '2026-12-02' },
    },
    {
      args: ['F-2026-014', 'pause'],
      entry: { event: 'pause', until: null },
      says: 'F-2026-014: pause recorded on 22/11/2026 — no reminders until "relance record F-2026-014 resume"',
      status: { status: 'paused', next_step: null, next_date: null },
    },
    {
      args: ['F-2026-014', 'paid-by-hand', '--date', '2026-11-21', '--note', 'chèque'],
      entry: { event: 'paid-by-hand', date: '2026-11-21', note: 'chèque' },
      says: 'F-2026-014: payment by hand recorded on 21/11/2026 — marked paid: no more reminders, interest stops on 21/11/2026 ("relance record F-2026-014 resume" undoes it)',
      status: { status: 'paid', balance: '0.00', next_step: null, next_date: null },
    },
  ].map((c) => ({ ...c, line: c.args.join(' ') })))('record $line', async ({ args, entry, says, status }) => {
    const dir = await setup({ journal: false });
    const r = await record(dir, ...args);
    expect(r).toEqual({ code: 0, stdout: `${says}\n`, stderr: '' });

    const lines = await journalLines(dir);
    expect(lines).toHaveLength(1);
    expect(wellFormed(lines[0]!)).toMatchObject(entry);
    expect(await statusOf(dir, args[0]!)).toMatchObject(status);

    const log = await run(dir, 'log', args[0]!);
    expect(log.code, log.stderr).toBe(0);
    const date = frenchDay((JSON.parse(lines[0]!) as { date: string }).date);
    expect(log.stdout).toMatch(new RegExp(`^${date} +${args[1]}( |$)`, 'm'));
  });

  it('--format json prints the entry exactly as written; the sentence goes to stderr', async () => {
    const dir = await setup({ journal: false });
    const r = await record(dir, 'F-2026-014', 'dispute', '--note', 'conteste', '--format', 'json');
    expect(r.code).toBe(0);
    const lines = await journalLines(dir);
    expect(r.stdout).toBe(`${lines[0]}\n`);
    expect(r.stderr).toBe('F-2026-014: dispute recorded on 22/11/2026 — no reminders until "relance record F-2026-014 resume"\n');
  });

  it('resume ends a dispute: the invoice is open again and its step is due', async () => {
    const dir = await setup({ journal: false });
    expect((await record(dir, 'F-2026-014', 'dispute')).code).toBe(0);
    expect(await statusOf(dir, 'F-2026-014')).toMatchObject({ status: 'disputed', next_step: null });
    const r = await record(dir, 'F-2026-014', 'resume');
    expect(r).toEqual({ code: 0, stdout: 'F-2026-014: resume recorded on 22/11/2026 — next step relance-1, due now (the next "relance send" does it)\n', stderr: '' });
    expect(await statusOf(dir, 'F-2026-014')).toMatchObject({ status: 'open', next_step: 'relance-1', next_date: '2026-11-02' });
    expect(await journalLines(dir)).toHaveLength(2);
  });

  it('resume with nothing to resume is a warning: the line is still written', async () => {
    const dir = await setup({ journal: false });
    const r = await record(dir, 'F-2026-014', 'resume');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: F-2026-014 is not disputed, paused or paid by hand: the resume is recorded but changes nothing\n');
    expect(r.stdout).toBe('F-2026-014: resume recorded on 22/11/2026 — next step relance-1, due now (the next "relance send" does it)\n');
    expect(wellFormed((await journalLines(dir))[0]!)).toMatchObject({ event: 'resume' });
  });

  it('a letter to a consumer starts the legal interest the day after it', async () => {
    const dir = await setup({ journal: false });
    expect((await statusOf(dir, 'F-2026-020')).interest).toBe('0.00');
    expect((await record(dir, 'F-2026-020', 'letter', '--date', '2026-11-10')).code).toBe(0);

    expect((await statusOf(dir, 'F-2026-020', '2026-11-10')).interest).toBe('0.00');
    // One day: 600 € × 2.75 % / 365 = 0.045 €.
    expect((await statusOf(dir, 'F-2026-020', '2026-11-11')).interest).toBe('0.05');
    const penalty = await runRelanceInProcess(['penalty', '600', '--due', '2026-10-15', '--b2c', '--notice', '2026-11-10', '--today', TODAY, '--format', 'json'], { cwd: dir });
    const expected = JSON.parse(penalty.stdout) as { interest: string; periods: { from: string }[] };
    expect(expected.periods[0]!.from).toBe('2026-11-11');
    expect((await statusOf(dir, 'F-2026-020')).interest).toBe(expected.interest);
    expect(expected.interest).not.toBe('0.00');
  });

  it('letter --tracking, then --received: the proof goes in the journal, the deadline counts from receipt, log shows both', async () => {
    const dir = await setup({ journal: false });
    const posted = await record(dir, 'F-2026-014', 'letter', '--date', '2026-11-12', '--tracking', '1A 234 567 8901 2');
    expect(posted.code).toBe(0);
    expect(posted.stdout).toBe(
      'F-2026-014: letter recorded on 12/11/2026 — formal notice (B2B: interest has run since 01/11/2026, the day after the due date); tracking 1A 234 567 8901 2; once the avis de réception is back: relance record F-2026-014 letter --received DATE; next step relance-1, due now (the next "relance send" does it)\n',
    );
    const received = await record(dir, 'F-2026-014', 'letter', '--received', '2026-11-14');
    expect(received.code).toBe(0);
    expect(received.stdout).toContain('received on 14/11/2026: the 8 days to pay run to 22/11/2026');
    const lines = (await journalLines(dir)).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.event, l.date, l.tracking, l.received])).toEqual([
      ['letter', '2026-11-12', '1A 234 567 8901 2', undefined],
      ['letter', TODAY, undefined, '2026-11-14'],
    ]);
    const log = await run(dir, 'log', 'F-2026-014');
    expect(log.stdout).toContain('  formal notice  12/11/2026, tracking 1A 234 567 8901 2, received on 14/11/2026\n');
    expect(log.stdout).toMatch(/12\/11\/2026 +letter .*tracking 1A 234 567 8901 2/);

    const early = await record(dir, 'F-2026-014', 'letter', '--received', '2026-11-10');
    expect(early.code).toBe(2);
    expect(early.stderr).toBe('relance: --received 2026-11-10 is before the letter was posted (12/11/2026) — the avis de réception is signed on or after the posting day: check both dates\nrelance: 1 error, nothing was recorded.\n');
    const call = await record(dir, 'F-2026-014', 'call', '--tracking', 'X');
    expect(call.stderr).toContain('relance: --tracking is only for letter, not for call');
  });

  it('pause --until: the next step is due the day after the pause', async () => {
    const dir = await setup({ journal: false });
    expect((await record(dir, 'F-2026-014', 'pause', '--until', '2027-01-15')).code).toBe(0);
    expect(await statusOf(dir, 'F-2026-014')).toMatchObject({ next_step: 'relance-1', next_date: '2027-01-16' });
  });
});

describe('relance record sent / not-sent: settling an intent that has no outcome', () => {
  // The fixture journal: F-2026-014 had relance-1 sent and appel issued, then an intent
  // for relance-2 on 16/11 with no outcome (a crash); F-2026-040 has two such intents.
  let before: string;
  beforeAll(async () => {
    before = await readFile(new URL('journal.jsonl', FIXTURES), 'utf8');
  });

  it('the uncertain step blocks the invoice until it is settled', async () => {
    const dir = await setup({ journal: true });
    expect(await statusOf(dir, 'F-2026-014')).toMatchObject({ last_step: 'appel', next_step: 'relance-2', next_date: '2026-11-16' });
  });

  it('sent: the step is done, the cycle moves on', async () => {
    const dir = await setup({ journal: true });
    const r = await record(dir, 'F-2026-014', 'sent');
    expect(r).toEqual({ code: 0, stdout: 'F-2026-014: relance-2 recorded as sent on 22/11/2026 — step done; next step mise-en-demeure on 30/11/2026\n', stderr: '' });
    const text = await readFile(journalPath(dir), 'utf8');
    expect(text.startsWith(before)).toBe(true);
    const added = text.slice(before.length).split('\n').filter((l) => l !== '');
    expect(added).toHaveLength(1);
    expect(wellFormed(added[0]!)).toMatchObject({ invoice: 'F-2026-014', event: 'sent', step: 'relance-2', date: TODAY });
    expect(await statusOf(dir, 'F-2026-014')).toMatchObject({ last_step: 'relance-2', next_step: 'mise-en-demeure', next_date: '2026-11-30' });

    const log = await run(dir, 'log', 'F-2026-014');
    expect(log.stdout).toMatch(/^22\/11\/2026 +confirmed sent +relance-2/m);
    expect(log.stdout).not.toContain('UNCERTAIN');
  });

  it('not-sent: the step goes out again at the next send', async () => {
    const dir = await setup({ journal: true });
    const r = await record(dir, 'F-2026-014', 'not-sent', '--note', 'absent du dossier Envoyés');
    expect(r).toEqual({
      code: 0,
      stdout: 'F-2026-014: relance-2 recorded as not sent — the next send does it again; next step relance-2, due now (the next "relance send" does it)\n',
      stderr: '',
    });
    const lines = await journalLines(dir);
    expect(lines).toHaveLength(before.split('\n').length);
    expect(wellFormed(lines.at(-1)!)).toMatchObject({ event: 'not-sent', step: 'relance-2', note: 'absent du dossier Envoyés' });
    // The gap runs from the call issued on 07/11 again: relance-2 is due on its day, 15/11.
    expect(await statusOf(dir, 'F-2026-014')).toMatchObject({ last_step: 'appel', next_step: 'relance-2', next_date: '2026-11-15' });
    expect((await run(dir, 'log', 'F-2026-014')).stdout).toMatch(/^22\/11\/2026 +not sent +relance-2/m);
  });

  it('two uncertain steps: --step names each, then the last one needs none', async () => {
    const dir = await setup({ journal: true });
    expect((await record(dir, 'F-2026-040', 'not-sent', '--step', 'relance-2')).code).toBe(0);
    expect(await statusOf(dir, 'F-2026-040')).toMatchObject({ next_step: 'relance-1', next_date: '2026-11-04' });
    const r = await record(dir, 'F-2026-040', 'sent');
    expect(r.stdout).toBe('F-2026-040: relance-1 recorded as sent on 22/11/2026 — step done; next step appel on 27/11/2026\n');
    expect(await statusOf(dir, 'F-2026-040')).toMatchObject({ last_step: 'relance-1', next_step: 'appel', next_date: '2026-11-27' });
  });
});

describe('relance record --uncertain sent|not-sent: settling many uncertain steps at once', () => {
  let before: string;
  beforeAll(async () => {
    before = await readFile(new URL('journal.jsonl', FIXTURES), 'utf8');
  });

  it('--uncertain sent: every uncertain step settled, one line each with what comes next', async () => {
    const dir = await setup({ journal: true });
    const r = await record(dir, '--uncertain', 'sent');
    expect(r).toEqual({
      code: 0,
      stdout: [
        'F-2026-014: relance-2 recorded as sent on 22/11/2026 — step done; next step mise-en-demeure on 30/11/2026',
        'F-2026-040: relance-1 recorded as sent on 22/11/2026 — step done; next step appel on 27/11/2026',
        'F-2026-040: relance-2 recorded as sent on 22/11/2026 — step done; next step appel on 27/11/2026',
        '',
      ].join('\n'),
      stderr: '',
    });
    const text = await readFile(journalPath(dir), 'utf8');
    expect(text.startsWith(before)).toBe(true);
    const added = text.slice(before.length).split('\n').filter((l) => l !== '').map(wellFormed);
    expect(added.map((e) => [e.invoice, e.event, e.step, e.date])).toEqual([
      ['F-2026-014', 'sent', 'relance-2', TODAY],
      ['F-2026-040', 'sent', 'relance-1', TODAY],
      ['F-2026-040', 'sent', 'relance-2', TODAY],
    ]);
    expect((await run(dir, 'log')).stdout).not.toContain('UNCERTAIN');
    expect(await statusOf(dir, 'F-2026-014')).toMatchObject({ last_step: 'relance-2', next_step: 'mise-en-demeure', next_date: '2026-11-30' });

    // Nothing left to settle: said so, nothing written.
    expect(await record(dir, '--uncertain', 'sent')).toEqual({ code: 0, stdout: 'No uncertain step in .relance/journal.jsonl: nothing recorded.\n', stderr: '' });
    expect(await readFile(journalPath(dir), 'utf8')).toBe(text);
  });

  it('--uncertain not-sent --invoice N: only that invoice\'s steps, planned again; the others stay uncertain', async () => {
    const dir = await setup({ journal: true });
    const r = await record(dir, '--uncertain', 'not-sent', '--invoice', 'F-2026-040', '--note', 'absents du dossier Envoyés du serveur');
    expect(r).toEqual({
      code: 0,
      stdout: [
        'F-2026-040: relance-1 recorded as not sent — the next send does it again; next step relance-1, due now (the next "relance send" does it)',
        'F-2026-040: relance-2 recorded as not sent — the next send does it again; next step relance-1, due now (the next "relance send" does it)',
        '',
      ].join('\n'),
      stderr: '',
    });
    const lines = await journalLines(dir);
    expect(lines.slice(-2).map(wellFormed).map((e) => [e.invoice, e.event, e.step, e.note])).toEqual([
      ['F-2026-040', 'not-sent', 'relance-1', 'absents du dossier Envoyés du serveur'],
      ['F-2026-040', 'not-sent', 'relance-2', 'absents du dossier Envoyés du serveur'],
    ]);
    // Neither went out: relance-1 is due again from the due date (20/10 + 2 days).
    expect(await statusOf(dir, 'F-2026-040')).toMatchObject({ next_step: 'relance-1', next_date: '2026-10-22' });
    expect(await statusOf(dir, 'F-2026-014')).toMatchObject({ next_step: 'relance-2', next_date: '2026-11-16' });
    expect((await run(dir, 'log')).stdout).toMatch(/^1 message has no outcome \(UNCERTAIN\)/m);
  });

  it('--format json: the entries exactly as written, one a line; the sentences on stderr', async () => {
    const dir = await setup({ journal: true });
    const r = await record(dir, '--uncertain', 'sent', '--invoice', 'F-2026-014', '--format', 'json');
    expect(r.code).toBe(0);
    const lines = await journalLines(dir);
    expect(r.stdout).toBe(`${lines.at(-1)}\n`);
    expect(r.stderr).toBe('F-2026-014: relance-2 recorded as sent on 22/11/2026 — step done; next step mise-en-demeure on 30/11/2026\n');
  });

  it.each([
    [['--uncertain', 'maybe'], 'relance: --uncertain "maybe": say sent (they went out) or not-sent (the next send does them again) — relance record --uncertain sent'],
    [['F-2026-014', 'sent', '--uncertain', 'sent'], 'relance: --uncertain settles the uncertain steps by itself: leave out "F-2026-014 sent" — relance record --uncertain sent --invoice F-2026-014, for one invoice'],
    [['--uncertain', 'sent', '--invoice', 'F-2026-020'], 'relance: F-2026-020 has no uncertain step: nothing to settle — "relance log F-2026-020" shows what happened'],
    [['--uncertain', 'sent', '--invoice', 'F-2026-01'], 'relance: invoice "F-2026-01" is neither in the journal nor in the invoice files (factures.csv) — did you mean "F-2026-014"?'],
    [['--uncertain', 'sent', '--date', '2026-12-01'], 'relance: --date 2026-12-01 is after today (22/11/2026): a message cannot have gone out yet — record it once done, dated the day it happened'],
    [['--uncertain', 'sent', '--step', 'relance-2'], 'relance: --step names one step of one invoice: it does not go with --uncertain — relance record INVOICE sent --step relance-2'],
    [['F-2026-014', 'sent', '--invoice', 'F-2026-040'], 'relance: --invoice goes with --uncertain — relance record --uncertain sent --invoice F-2026-040, or relance record F-2026-014 sent'],
  ])('refuses %j: exit 2, nothing written', async (args, message) => {
    const dir = await setup({ journal: true });
    const r = await record(dir, ...args);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
    expect(await readFile(journalPath(dir), 'utf8')).toBe(before);
  });
});

describe('relance record refuses bad input: exit 2, every problem told, nothing written', () => {
  let dir: string;
  let before: Buffer;
  beforeAll(async () => {
    dir = await setup({ journal: true });
    before = await readFile(journalPath(dir));
  });

  const ONE = 'relance: 1 error, nothing was recorded.\n';
  it.each<{ args: string[]; stderr: string }>([
    {
      args: ['F-2026-14', 'call'],
      stderr: 'relance: invoice "F-2026-14" is not in the invoice files (factures.csv) — did you mean "F-2026-014"?\n' + ONE,
    },
    {
      args: ['X-1', 'call'],
      stderr: 'relance: invoice "X-1" is not in the invoice files (factures.csv) — "relance status --all" lists the invoices\n' + ONE,
    },
    {
      args: ['F-2026-014', 'dispure'],
      stderr: 'relance: unknown event "dispure" — did you mean "dispute"? The events are: call, letter, promise, dispute, pause, resume, paid-by-hand, sent, not-sent, retry\n' + ONE,
    },
    {
      args: ['F-2026-014', 'call', '--date', '2026-02-30'],
      stderr: 'relance: --date "2026-02-30" is not a date — write it as YYYY-MM-DD, e.g. --date 2026-11-22\n' + ONE,
    },
    {
      args: ['F-2026-014', 'call', '--date', '2026-11-23'],
      stderr: 'relance: --date 2026-11-23 is after today (22/11/2026): a call cannot have been made yet — record it once done, dated the day it happened\n' + ONE,
    },
    {
      args: ['F-2026-014', 'letter', '--date', '2026-12-01'],
      stderr: 'relance: --date 2026-12-01 is after today (22/11/2026): a letter cannot have been posted yet — record it once done, dated the day it happened\n' + ONE,
    },
    {
      args: ['F-2026-014', 'paid-by-hand', '--date', '2026-11-30'],
      stderr: 'relance: --date 2026-11-30 is after today (22/11/2026): a payment cannot have been received yet — record it once done, dated the day it happened\n' + ONE,
    },
    {
      args: ['F-2026-014', 'sent', '--date', '2026-11-23'],
      stderr: 'relance: --date 2026-11-23 is after today (22/11/2026): a message cannot have gone out yet — record it once done, dated the day it happened\n' + ONE,
    },
    {
      args: ['F-2026-014', 'dispute', '--until', '2026-12-01'],
      stderr: 'relance: --until is only for pause and promise, not for dispute — a dispute lasts until "resume": leave --until out\n' + ONE,
    },
    {
      args: ['F-2026-014', 'call', '--until', '2026-12-01'],
      stderr: 'relance: --until is only for pause and promise, not for call — leave it out: --until is the last day of a pause or of a promise to pay\n' + ONE,
    },
    {
      args: ['F-2026-014', 'pause', '--until', 'soon'],
      stderr: 'relance: --until "soon" is not a date — write it as YYYY-MM-DD, e.g. --until 2026-12-01\n' + ONE,
    },
    {
      args: ['F-2026-014', 'pause', '--date', '2026-11-20', '--until', '2026-11-19'],
      stderr: "relance: --until 2026-11-19 is before the pause's date (20/11/2026) — --until is the last day without reminders: give a day on or after --date\n" + ONE,
    },
    {
      args: ['F-2026-014', 'call', '--step', 'apel'],
      stderr: 'relance: step "apel" is not in the policy — did you mean "appel"? The steps are: rappel, relance-1, appel, relance-2, mise-en-demeure, recouvrement\n' + ONE,
    },
    {
      args: ['F-2026-014', 'dispute', '--step', 'appel'],
      stderr: 'relance: --step is only for call, letter, sent and not-sent, not for dispute — a dispute concerns the whole invoice: leave --step out\n' + ONE,
    },
    {
      args: ['F-2026-020', 'sent'],
      stderr:
        'relance: F-2026-020 has no uncertain step: "sent" settles a message whose outcome is unknown — "relance log F-2026-020" shows what happened; a step done by hand is recorded with call or letter --step ID\n' +
        ONE,
    },
    {
      args: ['F-2026-040', 'not-sent'],
      stderr: 'relance: F-2026-040 has 2 uncertain steps: relance-1 (04/11/2026), relance-2 (04/11/2026) — name the one that did not go out: --step relance-1\n' + ONE,
    },
    {
      args: ['F-2026-014', 'sent', '--step', 'relance-1'],
      stderr: 'relance: step "relance-1" of F-2026-014 is not uncertain — the uncertain step is relance-2 (16/11/2026): --step relance-2\n' + ONE,
    },
    {
      args: ['F-2026-14', 'dispure', '--date', '2026-13-01'],
      stderr:
        'relance: unknown event "dispure" — did you mean "dispute"? The events are: call, letter, promise, dispute, pause, resume, paid-by-hand, sent, not-sent, retry\n' +
        'relance: invoice "F-2026-14" is not in the invoice files (factures.csv) — did you mean "F-2026-014"?\n' +
        'relance: --date "2026-13-01" is not a date — write it as YYYY-MM-DD, e.g. --date 2026-11-22\n' +
        'relance: 3 errors, nothing was recorded.\n',
    },
  ].map((c) => ({ ...c, line: c.args.join(' ') })))('record $line', async ({ args, stderr }) => {
    const r = await record(dir, ...args);
    expect(r).toEqual({ code: 2, stdout: '', stderr });
    expect((await readFile(journalPath(dir))).equals(before)).toBe(true);
  });

  it('a missing argument is a usage error', async () => {
    const r = await record(dir, 'F-2026-014');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'event'");
    expect((await readFile(journalPath(dir))).equals(before)).toBe(true);
  });

  it('a refused record creates no journal where there was none', async () => {
    const empty = await setup({ journal: false });
    expect((await record(empty, 'F-2026-014', 'call', '--date', '2026-12-25')).code).toBe(2);
    expect(existsSync(join(empty, '.relance'))).toBe(false);
  });

  it('--help shows the events and examples', async () => {
    const r = await runRelanceInProcess(['record', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('relance record F-2026-014 pause --until 2026-12-01');
    expect(r.stdout).toContain('sent, not-sent');
    expect(r.stdout).toContain('relance record --uncertain sent                       every uncertain message did go out');
    expect(r.stdout).toContain('in the Bcc mailbox (mail.bcc) or the SMTP server\'s sent folder or log');
  });
});

describe('relance record letter, when the invoice file already has a formal notice', () => {
  it('says interest runs from the first notice, the one status counts from', async () => {
    const dir = await setup({ journal: false });
    // Jeanne Dupuis (B2C) was put on notice on 20 October, by the file.
    const csv = (await readFile(join(dir, 'factures.csv'), 'utf8')).split('\n');
    csv[0] += ',notice_date';
    csv[2] += ',2026-10-20';
    for (const i of [1, 3, 4]) csv[i] += ',';
    await writeFile(join(dir, 'factures.csv'), csv.join('\n'));
    const result = await record(dir, 'F-2026-020', 'letter', '--date', '2026-11-10');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('F-2026-020: letter recorded on 10/11/2026 — formal notice: B2C interest runs from 21/10/2026; next step relance-1, due now (the next "relance send" does it)\n');
    // Status counts from the same day: 600 × 2.75 % × 33 days (21/10–22/11) / 365 = 1.49.
    const status = JSON.parse((await run(dir, 'status', '--format', 'json')).stdout) as { invoices: { number: string; interest: string }[] };
    expect(status.invoices.find((i) => i.number === 'F-2026-020')?.interest).toBe('1.49');
    const penalty = JSON.parse((await runRelanceInProcess(['penalty', '600', '--due', '2026-10-15', '--b2c', '--notice', '2026-10-20', '--today', TODAY, '--format', 'json'])).stdout) as { interest: string };
    expect(penalty.interest).toBe('1.49');
  });
});
