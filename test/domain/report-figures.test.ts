import { describe, expect, it } from 'vitest';
import { claimOf } from '../../src/domain/claim.js';
import { emptyHistory, historiesOf } from '../../src/domain/history.js';
import { groupByInvoice } from '../../src/domain/journal-entry.js';
import type { Invoice } from '../../src/domain/invoice.js';
import type { JournalEntry, NewEntry, RecordEvent } from '../../src/domain/journal-entry.js';
import { journalEntry } from '../../src/domain/journal-entry.js';
import type { Policy, Step } from '../../src/domain/policy.js';
import { SHIPPED_RATES } from '../../src/domain/rates.js';
import { actionOf } from '../../src/domain/report-actions.js';
import type { ReportFigures } from '../../src/domain/report-figures.js';
import { ReportTally, median, settlementOf } from '../../src/domain/report-figures.js';
import type { InvoiceFields } from '../helpers/factories.js';
import { day, invoice } from '../helpers/factories.js';

// ---------------------------------------------------------------- factories

function step(id: string, dayOffset: number, channel: Step['channel'] = 'email'): Step {
  return { id, day: dayOffset, channel, template: channel === 'email' || channel === 'letter' ? id : null, attachPrevious: false, deadlineDays: 8 };
}

/** The shipped policy's steps. */
const POLICY: Policy = {
  steps: [step('rappel', -3), step('relance-1', 2), step('appel', 7, 'call'), step('relance-2', 15), step('mise-en-demeure', 30, 'letter'), step('recouvrement', 90, 'task')],
  minGapDays: 5,
  segments: [],
};

const entry = (type: JournalEntry['type'], date: string, invoiceNumber: string, o: Partial<NewEntry> = {}): JournalEntry =>
  journalEntry({ type, date, at: `${date}T07:00:00.000Z`, invoice: invoiceNumber, ...o });
const sent = (inv: string, s: string, date: string) => entry('sent', date, inv, { step: s, channel: 'email', message_id: `<${inv}.${s}@x>` });
const record = (inv: string, event: RecordEvent, date: string, o: Partial<NewEntry> = {}) => entry('record', date, inv, { event, ...o });

/** The figures of these invoices and journal on `today`, the period starting `from`. */
function figuresOf(invoices: readonly Invoice[], journal: readonly JournalEntry[], today: string, from: string): ReportFigures {
  const ctx = { today: day(today), from: day(from), rates: SHIPPED_RATES, rateMode: 'half-year' as const, policy: POLICY };
  const tally = new ReportTally(ctx, groupByInvoice(journal));
  const histories = historiesOf(journal);
  for (const i of invoices) {
    const h = histories.get(i.number) ?? emptyHistory(i.number);
    tally.add(i, h, claimOf(i, h, ctx));
  }
  return tally.figures();
}

const paidOn = (date: string | null, amount: number) => ({ date: date === null ? null : day(date), amount });

// ---------------------------------------------------------------- DSO

describe('DSO: receivables today ÷ sales invoiced over the period × its days', () => {
  it.each([
    {
      // Receivables 600,00 € (F-1 unpaid) + 250,00 € (F-2 half paid) = 850,00 €; sales over
      // 1 Oct – 30 Nov (61 days) 600,00 + 500,00 = 1 100,00 € (F-3, issued in September, is not a sale
      // of the period); DSO = 850 × 61 / 1 100 = 47,136… → 47,1.
      what: 'a two-month period',
      invoices: [
        invoice({ number: 'F-1', amount: 60_000, issue: '2026-10-05', due: '2026-11-04' }),
        invoice({ number: 'F-2', amount: 50_000, issue: '2026-11-02', due: '2026-12-02', payments: [paidOn('2026-11-20', 25_000)] }),
        invoice({ number: 'F-3', amount: 90_000, issue: '2026-09-10', due: '2026-10-10', payments: [paidOn('2026-10-10', 90_000)] }),
      ],
      from: '2026-10-01',
      expected: { receivables: 85_000, sales: 110_000, salesCount: 2, days: 61, withoutIssueDate: 0, tenths: 471 },
    },
    {
      // One day (from = today): 100,00 € left of 400,00 € invoiced today; 100 × 1 / 400 = 0,25 day:
      // 2,5 tenths, rounded half up to 3 → 0,3.
      what: 'a half tenth, rounded up',
      invoices: [invoice({ number: 'F-1', amount: 40_000, issue: '2026-11-30', due: '2026-12-30', payments: [paidOn('2026-11-30', 30_000)] })],
      from: '2026-11-30',
      expected: { receivables: 10_000, sales: 40_000, salesCount: 1, days: 1, withoutIssueDate: 0, tenths: 3 },
    },
    {
      // Nothing invoiced in the period: no DSO (a division by zero is not a figure).
      what: 'no sales in the period',
      invoices: [invoice({ number: 'F-1', amount: 60_000, issue: '2026-01-05', due: '2026-02-04' })],
      from: '2026-10-01',
      expected: { receivables: 60_000, sales: 0, salesCount: 0, days: 61, withoutIssueDate: 0, tenths: null },
    },
    {
      // A cancelled invoice is neither owed nor sold; one without an issue date is owed but
      // cannot be placed in the period, so it is counted apart.
      what: 'cancelled and undated invoices',
      invoices: [
        invoice({ number: 'F-1', amount: 60_000, issue: '2026-10-05', due: '2026-11-04' }),
        invoice({ number: 'F-2', amount: 99_900, issue: '2026-10-05', due: '2026-11-04', status: 'cancelled' }),
        invoice({ number: 'F-3', amount: 20_000, due: '2026-11-04' }),
      ],
      from: '2026-10-01',
      // 800 × 61 / 600 = 81,333… → 81,3
      expected: { receivables: 80_000, sales: 60_000, salesCount: 1, days: 61, withoutIssueDate: 1, tenths: 813 },
    },
  ])('$what', ({ invoices, from, expected }) => {
    expect(figuresOf(invoices, [], '2026-11-30', from).dso).toEqual(expected);
  });
});

// ---------------------------------------------------------------- headline and aging

describe('headline and aging follow status: unpaid, not cancelled, not paid', () => {
  const invoices = [
    invoice({ number: 'N', amount: 10_000, issue: '2026-11-01', due: '2026-12-01' }), // not yet due
    invoice({ number: 'A', amount: 20_000, issue: '2026-10-01', due: '2026-10-31' }), // 30 days: 1–30
    invoice({ number: 'B', amount: 30_000, issue: '2026-09-01', due: '2026-09-30' }), // 61 days: 61–90
    invoice({ number: 'C', amount: 40_000, issue: '2026-07-01', due: '2026-08-31' }), // 91 days: > 90
    invoice({ number: 'D', amount: 50_000, issue: '2026-10-01', due: '2026-10-31', status: 'disputed' }), // still owed: 1–30
    invoice({ number: 'X', amount: 60_000, issue: '2026-10-01', due: '2026-10-31', status: 'cancelled' }),
    invoice({ number: 'H', amount: 70_000, issue: '2026-10-01', due: '2026-10-31' }), // paid by hand below
    invoice({ number: 'L', amount: 80_000, issue: '2026-12-05', due: '2027-01-04' }), // issued after today
  ];
  const f = figuresOf(invoices, [record('H', 'paid-by-hand', '2026-11-10')], '2026-11-30', '2026-09-02');

  it('sums the aging by amount and by count', () => {
    expect(f.aging).toEqual({
      not_due: { amount: 10_000, count: 1 },
      '1-30': { amount: 70_000, count: 2 },
      '31-60': { amount: 0, count: 0 },
      '61-90': { amount: 30_000, count: 1 },
      '90+': { amount: 40_000, count: 1 },
    });
  });

  it('totals what is due and overdue, and leaves out what was issued after today', () => {
    expect(f.headline).toMatchObject({ due: 150_000, dueCount: 5, overdue: 140_000, overdueCount: 4, flatFees: 4 * 4000, provisional: false });
    expect(f.issuedAfterToday).toBe(1);
  });
});

// ---------------------------------------------------------------- clients

describe('clients: most owed first, with the oldest unpaid invoice and the last action', () => {
  const invoices = [
    invoice({ number: 'M-1', client: 'Atelier Martin', amount: 50_000, due: '2026-11-10' }),
    invoice({ number: 'M-2', client: 'Atelier Martin', amount: 50_000, due: '2026-10-10' }),
    invoice({ number: 'B-1', client: 'Brasserie Blanc', amount: 100_000, due: '2026-12-10' }),
    invoice({ number: 'Z-1', client: 'Zinc Bar', amount: 30_000, due: '2026-11-01', payments: [paidOn('2026-11-05', 30_000)] }),
  ];
  const journal = [sent('M-2', 'relance-1', '2026-10-12'), record('M-1', 'promise', '2026-11-20', { until: '2026-12-05' }), sent('M-2', 'relance-2', '2026-10-25'), sent('Z-1', 'relance-1', '2026-11-03')];
  const f = figuresOf(invoices, journal, '2026-11-30', '2026-09-02');

  it('ties on the amount go by name; a client who owes nothing is not listed', () => {
    expect(f.clients.map((c) => [c.client, c.balance, c.invoices])).toEqual([
      ['Atelier Martin', 100_000, 2],
      ['Brasserie Blanc', 100_000, 1],
    ]);
  });

  it('the oldest is the first due; actions come in date order; the last is the latest', () => {
    const martin = f.clients[0]!;
    expect(martin.oldest).toEqual({ number: 'M-2', dueDate: day('2026-10-10'), daysLate: 51 });
    expect(martin.actions.map((a) => [a.invoice, a.kind, a.step])).toEqual([
      ['M-2', 'sent', 'relance-1'],
      ['M-2', 'sent', 'relance-2'],
      ['M-1', 'promise', null],
    ]);
    expect(martin.lastAction).toMatchObject({ invoice: 'M-1', kind: 'promise', until: day('2026-12-05') });
    expect(f.clients[1]!.oldest).toEqual({ number: 'B-1', dueDate: day('2026-12-10'), daysLate: 0 });
  });
});

// ---------------------------------------------------------------- reminder effectiveness

describe('reminder effectiveness: paid within 15 days after each step of the period', () => {
  // Every invoice due 1 October and reminded (relance-1) on 3 October; today 30 November.
  const reminded = (number: string, o: InvoiceFields = {}) => invoice({ number, amount: 10_000, issue: '2026-09-01', due: '2026-10-01', ...o });
  const cases = [
    { what: 'paid on the 15th day after the step: counted', inv: reminded('A', { payments: [paidOn('2026-10-18', 10_000)] }), paid: 1, waiting: 0, days: [17] },
    { what: 'paid on the 16th day: not counted', inv: reminded('B', { payments: [paidOn('2026-10-19', 10_000)] }), paid: 0, waiting: 0, days: [18] },
    { what: 'paid the day before the step: not the step’s doing', inv: reminded('C', { payments: [paidOn('2026-10-02', 10_000)] }), paid: 0, waiting: 0, days: [1] },
    { what: 'half paid: not paid', inv: reminded('D', { payments: [paidOn('2026-10-05', 5_000)] }), paid: 0, waiting: 0, days: [] },
    { what: 'paid by hand 10 days after', inv: reminded('E'), hand: '2026-10-13', paid: 1, waiting: 0, days: [12] },
    { what: 'paid without a date: not placed', inv: reminded('F', { payments: [paidOn(null, 10_000)] }), paid: 0, waiting: 0, days: [] },
  ];
  it.each(cases)('$what', ({ inv, hand, paid, waiting, days }) => {
    const journal = [sent(inv.number, 'relance-1', '2026-10-03'), ...(hand ? [record(inv.number, 'paid-by-hand', hand)] : [])];
    const f = figuresOf([inv], journal, '2026-11-30', '2026-09-02');
    expect(f.effectiveness.steps).toEqual([{ step: 'relance-1', channel: 'email', invoices: 1, paidWithin: paid, waiting }]);
    expect(f.effectiveness.paidCount).toBe(days.length);
    expect(f.effectiveness.medianDaysFromDue).toBe(days.length === 0 ? null : days[0]);
  });

  it('an unpaid invoice is "waiting" while its 15 days run, today included', () => {
    const inv = [reminded('W1'), reminded('W2'), reminded('W3')];
    const journal = [sent('W1', 'relance-2', '2026-11-15'), sent('W2', 'relance-2', '2026-11-14'), sent('W3', 'relance-2', '2026-11-29')];
    expect(figuresOf(inv, journal, '2026-11-30', '2026-09-02').effectiveness.steps).toEqual([{ step: 'relance-2', channel: 'email', invoices: 3, paidWithin: 0, waiting: 2 }]);
  });

  it('steps before the period are left out; steps come in the policy’s order', () => {
    const inv = [reminded('A'), reminded('B')];
    const journal = [sent('A', 'relance-1', '2026-08-20'), sent('A', 'relance-2', '2026-10-20'), entry('issued', '2026-10-08', 'B', { step: 'appel', channel: 'call' }), sent('B', 'relance-1', '2026-10-03')];
    expect(figuresOf(inv, journal, '2026-11-30', '2026-09-02').effectiveness.steps.map((s) => [s.step, s.channel, s.invoices])).toEqual([
      ['relance-1', 'email', 1],
      ['appel', 'call', 1],
      ['relance-2', 'email', 1],
    ]);
  });
});

describe('settlementOf', () => {
  const inv = (payments: { date: number | null; amount: number }[]) => ({ amount: 10_000, payments });
  it.each([
    { what: 'nothing paid', payments: [], hand: null, expected: null },
    { what: 'paid in two parts: the last one', payments: [paidOn('2026-10-01', 4_000), paidOn('2026-10-09', 6_000)], hand: null, expected: day('2026-10-09') },
    { what: 'a payment dated after today is not counted yet', payments: [paidOn('2026-12-01', 10_000)], hand: null, expected: null },
    { what: 'a payment without a date', payments: [paidOn(null, 10_000)], hand: null, expected: 'undated' },
    { what: 'the rest paid by hand', payments: [paidOn(null, 4_000)], hand: '2026-11-02', expected: day('2026-11-02') },
    { what: 'paid by hand after today: not yet', payments: [], hand: '2026-12-02', expected: null },
  ])('$what', ({ payments, hand, expected }) => {
    expect(settlementOf(inv(payments), { paidByHand: hand === null ? null : day(hand) }, day('2026-11-30'))).toEqual(expected);
  });
});

describe('median', () => {
  it.each([
    { values: [], expected: null },
    { values: [7], expected: 7 },
    { values: [6, 5], expected: 5.5 },
    { values: [9, -2, 3], expected: 3 },
    { values: [10, 1, 4, 30], expected: 7 },
  ])('$values → $expected', ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });
});

describe('actionOf: the journal as actions people name', () => {
  it.each([
    { e: sent('F-1', 'relance-1', '2026-11-02'), kind: 'sent' },
    { e: entry('issued', '2026-11-07', 'F-1', { step: 'appel', channel: 'call' }), kind: 'issued' },
    { e: record('F-1', 'call', '2026-11-08'), kind: 'call' },
    { e: record('F-1', 'promise', '2026-11-09', { until: '2026-11-30' }), kind: 'promise' },
    { e: record('F-1', 'dispute', '2026-11-10'), kind: 'dispute' },
    { e: record('F-1', 'paid-by-hand', '2026-11-11'), kind: 'paid-by-hand' },
    { e: record('F-1', 'sent', '2026-11-12', { step: 'relance-2' }), kind: 'sent-by-hand' },
    { e: entry('intent', '2026-11-02', 'F-1', { step: 'relance-1', channel: 'email' }), kind: null },
    { e: entry('failed', '2026-11-02', 'F-1', { step: 'relance-1', channel: 'email', error: '451' }), kind: null },
    { e: record('F-1', 'not-sent', '2026-11-12'), kind: null },
  ])('$e.type $e.event → $kind', ({ e, kind }) => {
    expect(actionOf(e)?.kind ?? null).toBe(kind);
  });
});
