// What `status` says of one invoice where the law's finer points apply: the claim
// declaration's deadline (2 months, 4 outside metropolitan France; then relief from
// foreclosure within 6 months), a consumer's surendettement file, a time-barred claim, and
// the figures of an interest-first imputation.

import { describe, expect, it } from 'vitest';
import { claimOf } from '../../src/domain/claim.js';
import { emptyHistory } from '../../src/domain/history.js';
import type { Invoice } from '../../src/domain/invoice.js';
import { SHIPPED_RATES } from '../../src/domain/rates.js';
import type { StatusContext } from '../../src/domain/status.js';
import { statusRow } from '../../src/domain/status.js';
import { day, invoice } from '../helpers/factories.js';

function rowOf(inv: Invoice, today: string, o: Partial<StatusContext> = {}) {
  const ctx: StatusContext = { today: day(today), rates: SHIPPED_RATES, rateMode: 'half-year', policy: null, ...o };
  const history = emptyHistory(inv.number);
  return statusRow(inv, history, claimOf(inv, history, ctx), ctx);
}

describe('the claim declaration in a collective proceeding', () => {
  // judgment 2026-09-01, published in the BODACC on 2026-09-15
  const opened = invoice({ status: 'insolvency', due: '2026-08-31', insolvencyDate: day('2026-09-01'), bodaccDate: day('2026-09-15') });
  const declaration = (today: string, outside = false) => rowOf(opened, today, { creditorOutsideMetropole: outside }).notes.filter((n) => n.text.startsWith('collective proceeding')).map((n) => n.text);

  it.each([
    ['in time', '2026-10-01', false, 'collective proceeding — declare the claim to the court-appointed representative by 2026-11-15 (2 months from the BODACC publication, art. R622-24 C. com.)'],
    ['outside metropolitan France: 4 months', '2026-12-01', true, 'collective proceeding — declare the claim to the court-appointed representative by 2027-01-15 (4 months from the BODACC publication, the creditor being outside metropolitan France, art. R622-24 C. com.)'],
    [
      'past the deadline: relief within 6 months of the publication',
      '2026-12-01',
      false,
      'collective proceeding — declare the claim to the court-appointed representative by 2026-11-15 (2 months from the BODACC publication, art. R622-24 C. com.) — passed: ask the juge-commissaire for relief from foreclosure ("relevé de forclusion") by 2027-03-15, 6 months from the BODACC publication (art. L622-26 C. com.)',
    ],
    [
      'past the relief too',
      '2027-03-16',
      false,
      'collective proceeding — declare the claim to the court-appointed representative by 2026-11-15 (2 months from the BODACC publication, art. R622-24 C. com.) — passed, and so did the 6 months to ask for relief from foreclosure, on 2027-03-15 (art. L622-26 C. com.)',
    ],
  ])('%s', (_, today, outside, text) => {
    expect(declaration(today, outside)).toEqual([text]);
  });

  it('a consumer with a judgment date: a surendettement file, no L622 wording, the claim kept', () => {
    const consumer = { ...opened, clientType: 'b2c' as const, noticeDate: day('2026-09-05') };
    const { row, notes } = rowOf(consumer, '2026-10-01');
    expect(row.status).toBe('insolvency');
    expect(row.balance).toBe(consumer.amount);
    expect(notes.map((n) => n.text)).toEqual([
      'a consumer with a judgment date (2026-09-01) is in a surendettement file (art. L711-1 s. C. conso.): reminders stop and the claim stands; its interest is not stopped by the file — the commission\'s measures may reduce it (art. L733-1 C. conso.)',
    ]);
  });
});

describe('a time-barred claim', () => {
  it('is listed as owed, time-barred, with no next step, and says since when', () => {
    const { row, notes } = rowOf(invoice({ due: '2021-03-15' }), '2026-03-16');
    expect({ status: row.status, next: row.nextStep, state: row.limitationState }).toEqual({ status: 'time-barred', next: null, state: 'past' });
    expect(notes.map((n) => [n.kind, n.text])).toEqual([
      ['limitation-past', 'the claim has been time-barred since 2026-03-16 (5 years from the due date, art. L110-4 C. com.): it has left the reminder cycle — no reminder, and no letter threatening court action; the client may still pay of their own accord'],
    ]);
  });
});

describe('the figures of each imputation', () => {
  // LAW.md's example: 10 000 € due 31/03/2025, 4 000 € paid 15/04; seen on 30/04
  const partial = invoice({ amount: 1_000_000, due: '2025-03-31', payments: [{ date: day('2025-04-15'), amount: 400_000 }] });
  it.each([
    ['principal-first', 8647, 0, 600_000, 608_647 + 4000],
    ['interest-first', 8676, 5404, 605_404, 608_676 + 4000],
  ] as const)('%s', (imputation, interest, interestPaid, principalLeft, total) => {
    const { row } = rowOf(partial, '2025-04-30', { law: { imputation, floor: 'raise' } });
    expect({ balance: row.balance, interest: row.interest, interestPaid: row.interestPaid, principalLeft: row.principalLeft, total: row.total, partlyPaid: row.partlyPaid }).toEqual({
      balance: 600_000,
      interest,
      interestPaid,
      principalLeft,
      total,
      partlyPaid: true,
    });
  });
});
