// The décompte rows, from the penalty engine's periods. LAW.md's worked example: 10 000 €
// due 31/03/2025 at 13.15 % (2025-H1), 4 000 € paid 15/04, the rest 30/04: 15 days on
// 10 000 € = 54.04, 15 days on 6 000 € = 32.42, 86.47 € in all (the exact sum rounded once).

import { describe, expect, it } from 'vitest';
import { decompteOf, type DecompteSource, type Settlement } from '../../src/domain/decompte.js';
import { computePenalty } from '../../src/domain/penalty.js';
import { SHIPPED_RATES } from '../../src/domain/rates.js';
import { day } from '../helpers/factories.js';

function source(o: { number?: string; amount: number; due: string; end: string; settlements?: Settlement[]; b2c?: boolean; notice?: string }): DecompteSource {
  const settlements = o.settlements ?? [];
  const penalty = computePenalty(
    { principal: o.amount, dueDate: day(o.due), payments: settlements, endDate: day(o.end), regime: o.b2c ? 'b2c' : 'b2b', noticeDate: o.notice ? day(o.notice) : null },
    SHIPPED_RATES,
  );
  return { invoice: { number: o.number ?? 'F-1', issueDate: null, dueDate: day(o.due), amount: o.amount }, penalty, settlements };
}

describe('decompteOf', () => {
  it('lists the invoice, each period and each payment in date order, then the totals', () => {
    const s = source({ amount: 1_000_000, due: '2025-03-31', end: '2025-04-30', settlements: [{ date: day('2025-04-15'), amount: 400_000 }, { date: day('2025-04-30'), amount: 600_000 }] });
    const d = decompteOf([s], day('2025-05-10'));
    expect(d.invoices[0]!.rows).toEqual([
      { kind: 'invoice', date: day('2025-03-31'), amount: 1_000_000 },
      { kind: 'period', from: day('2025-04-01'), to: day('2025-04-15'), days: 15, balance: 1_000_000, rate: 131_500, interest: 5404, provisional: false },
      { kind: 'payment', date: day('2025-04-15'), amount: 400_000, undated: false },
      { kind: 'period', from: day('2025-04-16'), to: day('2025-04-30'), days: 15, balance: 600_000, rate: 131_500, interest: 3242, provisional: false },
      { kind: 'payment', date: day('2025-04-30'), amount: 600_000, undated: false },
    ]);
    expect(d.totals).toEqual({ principal: 1_000_000, paid: 1_000_000, balance: 0, interest: 8647, flatFee: 4000, total: 12_647 });
    expect(d.provisional).toBe(false);
  });

  it('shows a credit note as a credit and an undated payment at the due date', () => {
    const s = source({ amount: 120_000, due: '2026-10-31', end: '2026-11-22', settlements: [{ date: null, amount: 20_000 }, { date: day('2026-11-10'), amount: 10_000, kind: 'credit' }] });
    const rows = decompteOf([s], day('2026-11-22')).invoices[0]!.rows;
    expect(rows.filter((r) => r.kind !== 'period')).toEqual([
      { kind: 'invoice', date: day('2026-10-31'), amount: 120_000 },
      { kind: 'payment', date: day('2026-10-31'), amount: 20_000, undated: true },
      { kind: 'credit', date: day('2026-11-10'), amount: 10_000, undated: false },
    ]);
  });

  it('leaves out a payment dated after the décompte', () => {
    const s = source({ amount: 120_000, due: '2026-10-31', end: '2026-11-22', settlements: [{ date: day('2026-12-15'), amount: 120_000 }] });
    const d = decompteOf([s], day('2026-11-22'));
    expect(d.invoices[0]!.paid).toBe(0);
    expect(d.invoices[0]!.rows.map((r) => r.kind)).toEqual(['invoice', 'period']);
  });

  it('marks figures that use a rate carried past the tables as provisional', () => {
    // 2027-H1 has no row: the last known rate is carried forward.
    const s = source({ amount: 120_000, due: '2026-12-15', end: '2027-02-01' });
    const d = decompteOf([s], day('2027-02-01'));
    const periods = d.invoices[0]!.rows.filter((r) => r.kind === 'period');
    expect(periods.map((p) => p.kind === 'period' && p.provisional)).toEqual([false, true]);
    expect(d.provisional).toBe(true);
    expect(d.invoices[0]!.provisional).toBe(true);
  });

  it('adds up several invoices; a consumer owes no €40 and no interest before the notice', () => {
    const b2b = source({ number: 'F-1', amount: 120_000, due: '2026-10-31', end: '2026-11-22' });
    const b2c = source({ number: 'F-2', amount: 50_000, due: '2026-10-31', end: '2026-11-22', b2c: true });
    const d = decompteOf([b2b, b2c], day('2026-11-22'));
    expect(d.invoices.map((i) => [i.invoice.number, i.flatFee, i.interest > 0])).toEqual([
      ['F-1', 4000, true],
      ['F-2', 0, false],
    ]);
    expect(d.totals.principal).toBe(170_000);
    expect(d.totals.total).toBe(d.invoices[0]!.total + d.invoices[1]!.total);
    expect(d.totals.balance).toBe(170_000);
  });
});
