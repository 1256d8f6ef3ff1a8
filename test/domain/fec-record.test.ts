// A FEC's open items as invoice records (each then validated like a CSV row), what status
// is told of them besides, and the snapshot's as-of day: said, and warned about after a week.

import type { Invoice } from '../../src/domain/invoice.js';
import { describe, expect, it } from 'vitest';
import { STALE_AFTER_DAYS, Snapshots, snapshotLine, staleSnapshotIssues } from '../../src/domain/balances-as-of.js';
import { formatIsoDay } from '../../src/domain/dates.js';
import type { FecOpenItem } from '../../src/domain/fec-ledger.js';
import { fecItemRecord, fecItemWarnings } from '../../src/domain/fec-record.js';
import type { BalancesAsOf } from '../../src/domain/invoice.js';
import type { Issue } from '../../src/domain/issue.js';
import { DEFAULT_INVOICE_DEFAULTS, createInvoiceValidator } from '../../src/domain/invoice-record.js';
import { rawInvoiceView } from '../../src/domain/record-view.js';
import { day, invoice } from '../helpers/factories.js';

const AS_OF: BalancesAsOf = { day: day('2026-12-31'), from: 'file-name' };

function item(o: Partial<FecOpenItem>): FecOpenItem {
  return { customer: 'C001', name: 'Alpha', account: '411000', number: 'F1', issueDate: day('2026-03-10'), amount: 180_000, payments: [], flags: [], lines: [26], entryDate: day('2026-03-10'), dueDate: null, ...o };
}

/** The record validated as a CSV row is, with 30 days' terms by default. */
function invoiceOf(i: FecOpenItem) {
  const issues: Issue[] = [];
  const validate = createInvoiceValidator('fec.txt', { ...DEFAULT_INVOICE_DEFAULTS, paymentTerms: { days: 30, endOfMonth: false, endOfMonthFirst: false } }, issues);
  const found = validate.read(rawInvoiceView(fecItemRecord(i, AS_OF))) as Invoice | null;
  expect(issues).toEqual([]);
  return { ...found!, issueDate: found!.issueDate === null ? null : formatIsoDay(found!.issueDate), dueDate: formatIsoDay(found!.dueDate), payments: found!.payments.map((p) => [formatIsoDay(p.date!), p.amount]) };
}

describe('an open item as an invoice', () => {
  it.each<[string, Partial<FecOpenItem>, Record<string, unknown>]>([
    ['a partly paid invoice: its payments with their dates, due after the terms', { payments: [{ date: day('2026-04-09'), amount: 100_000 }, { date: day('2026-05-02'), amount: 20_000 }] }, { number: 'F1', client: 'Alpha', clientCode: 'C001', amount: 180_000, issueDate: '2026-03-10', dueDate: '2026-04-09', status: 'open', payments: [['2026-04-09', 100_000], ['2026-05-02', 20_000]] }],
    ['a due date a tool added to the FEC', { dueDate: day('2026-05-31') }, { dueDate: '2026-05-31' }],
    ['on 416: disputed', { account: '416000', flags: ['doubtful'] }, { status: 'disputed' }],
    ['an opening balance of unknown age: paused from the opening day, numbered with its account', { number: 'Solde à nouveau', issueDate: null, flags: ['opening-balance-unknown-age'], entryDate: day('2026-01-01'), lines: [3] }, { number: 'Solde à nouveau C001', issueDate: null, dueDate: '2026-01-01', status: 'paused', pausedUntil: null, source: { file: 'fec.txt', line: 3 } }],
    ['no name on the account: its code', { name: '' }, { client: 'C001' }],
  ])('%s', (_name, o, expected) => {
    expect(invoiceOf(item(o))).toMatchObject({ ...expected, balancesAsOf: AS_OF });
  });

  it('says the unknown ages, the doubtful items and the credits left over', () => {
    const items = [
      item({ number: 'Solde à nouveau', issueDate: null, amount: 500_000, payments: [{ date: day('2026-02-10'), amount: 150_000 }], flags: ['opening-balance-unknown-age'], entryDate: day('2026-01-01'), lines: [3, 15], customer: 'C006', name: 'Imprimerie Rousseau' }),
      item({ number: 'F8', account: '416000', flags: ['doubtful'], lines: [46] }),
    ];
    expect(fecItemWarnings(items, [{ customer: 'C007', name: 'Pharmacie Girard', amount: 2_000, lines: [45] }], 'fec.txt').map((i) => [i.line, i.field, i.message])).toEqual([
      [3, 'PieceRef', 'C006 Imprimerie Rousseau: an opening balance of 5 000,00 € (3 500,00 € still open) of unknown age — no invoice number or date in the opening entry: listed as paused, aged from the opening of the books (01/01/2026), never reminded'],
      [46, 'CompteNum', '1 invoice on account 416 (clients douteux): listed as disputed, never reminded (F8)'],
      [45, 'Credit', 'C007 Pharmacie Girard: 20,00 € of credit (receipts or credit notes) not allocated to any open invoice'],
    ]);
  });

  it('counts them in one line each when there are many', () => {
    const items = Array.from({ length: 7 }, (_, i) => item({ customer: `C${i}`, name: `Client ${i}`, number: 'Solde à nouveau', issueDate: null, flags: ['opening-balance-unknown-age'], lines: [i + 2] }));
    const credits = Array.from({ length: 6 }, (_, i) => ({ customer: `K${i}`, name: `Avoir ${i}`, amount: 1_000, lines: [i + 20] }));
    expect(fecItemWarnings(items, credits, 'fec.txt').map((i) => [i.line, i.message])).toEqual([
      [2, '7 opening balances of unknown age (C0 Client 0, C1 Client 1, C2 Client 2, C3 Client 3, C4 Client 4 and 2 more) — no invoice number or date in their opening entries: listed as paused, aged from the opening of the books, never reminded'],
      [20, '6 customers have credit (receipts or credit notes) not allocated to any open invoice, 60,00 € in all (K0 Avoir 0 10,00 €, K1 Avoir 1 10,00 €, K2 Avoir 2 10,00 €, K3 Avoir 3 10,00 €, K4 Avoir 4 10,00 € and 1 more)'],
    ]);
  });
});

describe('a snapshot’s as-of day', () => {
  it('is said once per file', () => {
    const s = new Snapshots();
    s.add(invoice({ balancesAsOf: AS_OF, source: { file: 'fec.txt', line: 2 } }));
    s.add(invoice({ balancesAsOf: AS_OF, source: { file: 'fec.txt', line: 9 } }));
    s.add(invoice());
    s.add(invoice({ balancesAsOf: { day: day('2026-11-30'), from: 'last-entry' }, source: { file: 'export.txt', line: 2 } }));
    expect(s.list().map((x) => snapshotLine(x, day('2027-01-05')))).toEqual([
      "fec.txt: a FEC, balances as of 31/12/2026 (the closing date in its name) — the interest to 05/01/2027 is computed on the FEC's balances",
      "export.txt: a FEC, balances as of 30/11/2026 (its last entry) — the interest to 05/01/2027 is computed on the FEC's balances",
    ]);
  });

  it.each([
    ['2026-12-31', false],
    [`2027-01-0${STALE_AFTER_DAYS}`, false],
    ['2027-01-08', true],
  ])('on %s: warned %s', (today, warned) => {
    const issues = staleSnapshotIssues([{ file: 'fec.txt', asOf: AS_OF }], day(today));
    expect(issues).toEqual(
      warned
        ? [{ severity: 'warning', file: 'fec.txt', line: undefined, field: undefined, message: "the FEC's balances are as of 31/12/2026, 8 days before today: payments received since then are not in it", hint: 'export a newer FEC, or check these balances against the bank, before reminding anyone' }]
        : [],
    );
  });
});
