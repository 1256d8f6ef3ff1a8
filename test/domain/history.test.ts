import { describe, expect, it } from 'vitest';
import type { Day } from '../../src/domain/dates.js';
import { formatIsoDay, parseIsoDay } from '../../src/domain/dates.js';
import type { History } from '../../src/domain/history.js';
import { historiesOf, historyOf, isDone } from '../../src/domain/history.js';
import { groupByInvoice } from '../../src/domain/journal-entry.js';
import type { JournalEntry, NewEntry, RecordEvent } from '../../src/domain/journal-entry.js';
import { journalEntry } from '../../src/domain/journal-entry.js';

const day = (iso: string): Day => parseIsoDay(iso)!;
const iso = (d: Day | null): string | null => (d === null ? null : formatIsoDay(d));

const entry = (type: JournalEntry['type'], date: string, o: Partial<NewEntry> = {}): JournalEntry =>
  journalEntry({ type, date, at: `${date}T07:00:00.000Z`, invoice: 'F-1', ...o });
const intent = (s: string, date: string, o: Partial<NewEntry> = {}) =>
  entry('intent', date, { step: s, channel: 'email', message_id: `<${s}@x>`, subject: `Facture F-1 (${s})`, ...o });
const sent = (s: string, date: string, o: Partial<NewEntry> = {}) =>
  entry('sent', date, { step: s, channel: 'email', message_id: `<${s}@x>`, subject: `Facture F-1 (${s})`, ...o });
const failed = (s: string, date: string, o: Partial<NewEntry> = {}) => entry('failed', date, { step: s, channel: 'email', error: '550 no such user', ...o });
const issued = (s: string, date: string, o: Partial<NewEntry> = {}) => entry('issued', date, { step: s, channel: 'call', ...o });
const record = (event: RecordEvent, date: string, o: Partial<NewEntry> = {}) => entry('record', date, { event, ...o });

/** The parts of a history a test looks at, with dates written out. */
function view(h: History) {
  return {
    done: h.done.map((d) => `${d.step} ${iso(d.date)} ${d.by}`),
    last: h.last ? `${h.last.step} ${iso(h.last.date)}` : null,
    lastAction: iso(h.lastAction),
    uncertain: h.uncertain.map((u) => `${u.step} ${iso(u.date)}`),
    failed: h.failed.map((f) => `${f.step} ${iso(f.date)} ${f.error}`),
    disputed: iso(h.disputedSince),
    pause: h.pause ? `${iso(h.pause.from)}..${iso(h.pause.through) ?? 'resume'}` : null,
    paidByHand: iso(h.paidByHand),
    notice: iso(h.noticeDate),
    bounces: h.bounces.map((b) => `${b.step} ${iso(b.date)} ${b.what} ${b.to.join(',')}`),
    bouncedSince: iso(h.bouncedSince),
  };
}
const bounced = (s: string, date: string, o: Partial<NewEntry> = {}) =>
  entry('bounced', date, { step: s, channel: 'email', to: ['Compta@Martin.example'], error: '550 5.1.1 no such mailbox', note: 'address refused', ...o });

const EMPTY = view(historyOf('F-1', []));

describe('historyOf', () => {
  it.each<{ name: string; journal: JournalEntry[]; expected: Partial<ReturnType<typeof view>> }>([
    { name: 'no entries', journal: [], expected: {} },
    {
      name: 'intent then sent: done, with its date',
      journal: [intent('relance-1', '2026-11-02'), sent('relance-1', '2026-11-02')],
      expected: { done: ['relance-1 2026-11-02 sent'], last: 'relance-1 2026-11-02', lastAction: '2026-11-02' },
    },
    {
      name: 'issued to-dos are done and count as actions',
      journal: [sent('relance-1', '2026-11-02'), issued('appel', '2026-11-07')],
      expected: { done: ['relance-1 2026-11-02 sent', 'appel 2026-11-07 issued'], last: 'appel 2026-11-07', lastAction: '2026-11-07' },
    },
    {
      name: 'an intent without outcome is uncertain, and counts as an action',
      journal: [sent('rappel', '2026-10-28'), intent('relance-1', '2026-11-02')],
      expected: { done: ['rappel 2026-10-28 sent'], last: 'rappel 2026-10-28', lastAction: '2026-11-02', uncertain: ['relance-1 2026-11-02'] },
    },
    {
      name: 'intent then bounced: not done, not an action, not uncertain; the address kept in lower case',
      journal: [sent('rappel', '2026-10-28'), intent('relance-1', '2026-11-02'), bounced('relance-1', '2026-11-02')],
      expected: { done: ['rappel 2026-10-28 sent'], last: 'rappel 2026-10-28', lastAction: '2026-10-28', bounces: ['relance-1 2026-11-02 address compta@martin.example'], bouncedSince: '2026-11-02' },
    },
    {
      name: 'a message refused for good (too big) is told apart from an address refused',
      journal: [bounced('relance-2', '2026-11-15', { note: 'message refused', error: 'the message is 12 MB, the server takes 10 MB at most' })],
      expected: { bounces: ['relance-2 2026-11-15 message compta@martin.example'], bouncedSince: '2026-11-15' },
    },
    {
      name: 'record retry clears the bounces, not the day of the first one',
      journal: [bounced('relance-1', '2026-11-02'), record('retry', '2026-11-04'), bounced('relance-2', '2026-11-15', { to: ['paiements@martin.example'] })],
      expected: { bounces: ['relance-2 2026-11-15 address paiements@martin.example'], bouncedSince: '2026-11-02' },
    },
    {
      name: 'intent then failed: not done, not an action, retried',
      journal: [sent('rappel', '2026-10-28'), intent('relance-1', '2026-11-02'), failed('relance-1', '2026-11-02')],
      expected: { done: ['rappel 2026-10-28 sent'], last: 'rappel 2026-10-28', lastAction: '2026-10-28', failed: ['relance-1 2026-11-02 550 no such user'] },
    },
    {
      name: 'a failure followed by a success is no longer failed',
      journal: [intent('relance-1', '2026-11-02'), failed('relance-1', '2026-11-02'), intent('relance-1', '2026-11-03'), sent('relance-1', '2026-11-03')],
      expected: { done: ['relance-1 2026-11-03 sent'], last: 'relance-1 2026-11-03', lastAction: '2026-11-03' },
    },
    {
      name: 'record sent --step resolves the uncertain intent: done',
      journal: [intent('relance-1', '2026-11-02'), record('sent', '2026-11-04', { step: 'relance-1' })],
      expected: { done: ['relance-1 2026-11-04 record'], last: 'relance-1 2026-11-04', lastAction: '2026-11-04' },
    },
    {
      name: 'record not-sent --step: plannable again, and not an action',
      journal: [sent('rappel', '2026-10-28'), intent('relance-1', '2026-11-02'), record('not-sent', '2026-11-04', { step: 'relance-1' })],
      expected: { done: ['rappel 2026-10-28 sent'], last: 'rappel 2026-10-28', lastAction: '2026-10-28' },
    },
    {
      name: 'record sent without --step resolves every uncertain step of the invoice',
      journal: [intent('relance-1', '2026-11-02'), record('sent', '2026-11-04')],
      expected: { done: ['relance-1 2026-11-04 record'], last: 'relance-1 2026-11-04', lastAction: '2026-11-04' },
    },
    {
      name: 'record not-sent --step for another step leaves the uncertain one',
      journal: [intent('relance-1', '2026-11-02'), record('not-sent', '2026-11-04', { step: 'relance-2' })],
      expected: { lastAction: '2026-11-02', uncertain: ['relance-1 2026-11-02'] },
    },
    {
      name: 'recorded call, letter and promise are actions; pause and dispute are not',
      journal: [record('call', '2026-11-03'), record('pause', '2026-11-09'), record('dispute', '2026-11-10')],
      expected: { lastAction: '2026-11-03', pause: '2026-11-09..resume', disputed: '2026-11-10' },
    },
    {
      name: 'a backdated record does not move the last action back',
      journal: [sent('relance-1', '2026-11-02'), record('call', '2026-10-30')],
      expected: { done: ['relance-1 2026-11-02 sent'], last: 'relance-1 2026-11-02', lastAction: '2026-11-02' },
    },
    {
      name: 'a recorded call --step does that step by hand',
      journal: [record('call', '2026-11-06', { step: 'appel' })],
      expected: { done: ['appel 2026-11-06 record'], last: 'appel 2026-11-06', lastAction: '2026-11-06' },
    },
    {
      name: 'the formal-notice date is the first recorded letter: a later one does not move it',
      journal: [record('letter', '2026-12-10'), record('letter', '2026-12-20'), record('letter', '2026-12-02')],
      expected: { lastAction: '2026-12-20', notice: '2026-12-02' },
    },
    {
      name: 'promise --until pauses through that date',
      journal: [record('promise', '2026-11-03', { until: '2026-11-12' })],
      expected: { lastAction: '2026-11-03', pause: '2026-11-03..2026-11-12' },
    },
    {
      name: 'promise without --until pauses nothing (the gap holds it)',
      journal: [record('promise', '2026-11-03')],
      expected: { lastAction: '2026-11-03' },
    },
    {
      name: 'the latest pause wins',
      journal: [record('pause', '2026-11-03'), record('pause', '2026-11-05', { until: '2026-11-30' })],
      expected: { pause: '2026-11-05..2026-11-30' },
    },
    {
      name: 'resume ends a dispute, a pause and a paid-by-hand',
      journal: [record('dispute', '2026-11-03'), record('pause', '2026-11-04'), record('paid-by-hand', '2026-11-05'), record('resume', '2026-11-20')],
      expected: {},
    },
    {
      name: 'paid by hand',
      journal: [record('paid-by-hand', '2026-11-05')],
      expected: { paidByHand: '2026-11-05' },
    },
    {
      name: 'entries of other invoices are ignored',
      journal: [sent('relance-1', '2026-11-02', { invoice: 'F-2' })],
      expected: {},
    },
  ])('$name', ({ journal, expected }) => {
    expect(view(historyOf('F-1', journal))).toEqual({ ...EMPTY, ...expected });
  });

  it('keeps the previous reminders, oldest first, for threading and templates', () => {
    const h = historyOf('F-1', [
      sent('rappel', '2026-10-28'),
      issued('appel', '2026-11-07'),
      intent('relance-1', '2026-11-02', { message_id: '<r1@x>' }),
      record('sent', '2026-11-03', { step: 'relance-1' }),
      sent('relance-2', '2026-11-15', { message_id: '<r2@x>', subject: 'Second rappel' }),
    ]);
    expect(h.previous).toEqual([
      { step: 'rappel', date: day('2026-10-28'), subject: 'Facture F-1 (rappel)', messageId: '<rappel@x>' },
      { step: 'relance-1', date: day('2026-11-03'), subject: 'Facture F-1 (relance-1)', messageId: '<r1@x>' },
      { step: 'relance-2', date: day('2026-11-15'), subject: 'Second rappel', messageId: '<r2@x>' },
    ]);
    expect(isDone(h, 'appel')).toBe(true);
    expect(isDone(h, 'mise-en-demeure')).toBe(false);
  });

  it('takes the message id and subject of a sent entry from its intent when it has none', () => {
    const h = historyOf('F-1', [intent('relance-1', '2026-11-02'), sent('relance-1', '2026-11-02', { message_id: null, subject: null })]);
    expect(h.done[0]).toMatchObject({ messageId: '<relance-1@x>', subject: 'Facture F-1 (relance-1)' });
  });
});

describe('grouping a journal by invoice', () => {
  it('keeps each invoice in file order; a grouped email is two lines sharing a message id', () => {
    const journal = [
      intent('relance-1', '2026-11-02', { invoice: 'F-1', message_id: '<g@x>' }),
      intent('relance-1', '2026-11-02', { invoice: 'F-2', message_id: '<g@x>' }),
      sent('relance-1', '2026-11-02', { invoice: 'F-1', message_id: '<g@x>' }),
      sent('relance-1', '2026-11-02', { invoice: 'F-2', message_id: '<g@x>' }),
      record('call', '2026-11-05', { invoice: 'F-1' }),
    ];
    const groups = groupByInvoice(journal);
    expect([...groups.keys()]).toEqual(['F-1', 'F-2']);
    expect(groups.get('F-1')!.map((e) => e.type)).toEqual(['intent', 'sent', 'record']);
    const histories = historiesOf(journal);
    expect(histories.get('F-2')!.previous.map((p) => p.messageId)).toEqual(['<g@x>']);
    expect(iso(histories.get('F-1')!.lastAction)).toBe('2026-11-05');
  });
});
