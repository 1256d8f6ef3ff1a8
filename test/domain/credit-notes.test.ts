// Credit notes applied to invoices, as a table: the invoice named in credit_for, else the
// client's oldest open ones, from the credit note's date; what is left is an unallocated
// credit, one per client.

import { describe, expect, it } from 'vitest';
import { allocateCredits } from '../../src/domain/credit-notes.js';
import type { CreditNote } from '../../src/domain/invoice-facts.js';
import type { Invoice } from '../../src/domain/invoice.js';
import { balanceOf } from '../../src/domain/invoice.js';
import { day, invoice } from '../helpers/factories.js';

const credit = (o: Partial<CreditNote> & { on?: string }): CreditNote => ({
  kind: 'credit',
  number: 'AV-1',
  client: 'Atelier Martin',
  amount: 30_000,
  date: o.on === undefined ? null : day(o.on),
  creditFor: null,
  source: { file: 'factures.csv', line: 9 },
  ...o,
});

const a = invoice({ number: 'F-1', issue: '2026-09-01', due: '2026-10-01', amount: 100_000 });
const b = invoice({ number: 'F-2', issue: '2026-08-01', due: '2026-08-31', amount: 20_000 });
const other = invoice({ number: 'F-3', client: 'Studio Lumen', issue: '2026-07-01', due: '2026-07-31', amount: 50_000 });
const paid = invoice({ number: 'F-4', issue: '2026-06-01', due: '2026-07-01', amount: 10_000, status: 'paid', payments: [{ date: day('2026-07-01'), amount: 10_000 }] });

const balances = (list: readonly Invoice[]) => Object.fromEntries(list.map((i) => [i.number, balanceOf(i)]));

describe('allocateCredits', () => {
  const cases: { name: string; invoices: Invoice[]; credits: CreditNote[]; balances: Record<string, number>; left: [string, number, string[]][] }[] = [
    { name: 'credit_for names the invoice it reduces', invoices: [a, b], credits: [credit({ creditFor: 'F-1' })], balances: { 'F-1': 70_000, 'F-2': 20_000 }, left: [] },
    { name: 'without credit_for: the oldest open invoice first, then the next', invoices: [a, b], credits: [credit({})], balances: { 'F-1': 90_000, 'F-2': 0 }, left: [] },
    { name: 'only the same client’s invoices, never a paid one', invoices: [paid, a, other], credits: [credit({ amount: 5_000 })], balances: { 'F-4': 0, 'F-1': 95_000, 'F-3': 50_000 }, left: [] },
    { name: 'more than the client owes: the rest is an unallocated credit', invoices: [b], credits: [credit({ amount: 25_000 }), credit({ number: 'AV-2', amount: 1_000 })], balances: { 'F-2': 0 }, left: [['Atelier Martin', 6_000, ['AV-1', 'AV-2']]] },
    { name: 'credit_for an invoice it more than covers: the rest is left over, not spread', invoices: [a, b], credits: [credit({ creditFor: 'F-2' })], balances: { 'F-1': 100_000, 'F-2': 0 }, left: [['Atelier Martin', 10_000, ['AV-1']]] },
    { name: 'a client with no invoice at all', invoices: [other], credits: [credit({})], balances: { 'F-3': 50_000 }, left: [['Atelier Martin', 30_000, ['AV-1']]] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = allocateCredits(c.invoices, c.credits);
      expect(balances(result.invoices)).toEqual(c.balances);
      expect(result.unallocated.map((u) => [u.client, u.amount, u.notes])).toEqual(c.left);
    });
  }

  it('the reduction is a payment from the credit note’s date (an undated one counts from the due date, like any undated payment)', () => {
    const dated = allocateCredits([a], [credit({ on: '2026-10-15', creditFor: 'F-1' })]).invoices[0]!;
    expect(dated.payments).toEqual([{ date: day('2026-10-15'), amount: 30_000 }]);
    const undated = allocateCredits([a], [credit({ creditFor: 'F-1' })]).invoices[0]!;
    expect(undated.payments).toEqual([{ date: null, amount: 30_000 }]);
  });

  it('credit notes go oldest first, and a credit_for that names no invoice goes to the oldest open one, with a warning', () => {
    const result = allocateCredits([a, b], [credit({ number: 'AV-2', on: '2026-11-01', amount: 20_000 }), credit({ number: 'AV-1', on: '2026-10-01', amount: 10_000, creditFor: 'F-9' })]);
    expect(balances(result.invoices)).toEqual({ 'F-1': 90_000, 'F-2': 0 });
    expect(result.invoices.find((i) => i.number === 'F-2')!.payments).toEqual([{ date: day('2026-10-01'), amount: 10_000 }, { date: day('2026-11-01'), amount: 10_000 }]);
    expect(result.issues.map((i) => i.message)).toEqual(['credit note AV-1 is for invoice "F-9", which is not in the files: it goes to Atelier Martin\'s oldest open invoices']);
  });
});
