// What can be claimed on one invoice today: its balance, the interest and the €40 fee,
// from the invoice file and its journal together (a payment recorded by hand, a formal
// notice sent by letter). `status` and the reminders both ask here, so they always agree.

import type { Day } from './dates.js';
import type { History } from './history.js';
import type { Invoice, InvoiceStatus, Payment } from './invoice.js';
import { balanceOf, settledOn } from './invoice.js';
import type { Cents } from './money.js';
import type { PenaltyResult, RateMode } from './penalty.js';
import { computePenalty } from './penalty.js';
import type { RateTable } from './rates.js';

export interface Claim {
  /** The status today, file and journal together. */
  status: InvoiceStatus;
  /** Unpaid today (payments dated after today are not counted yet). */
  balance: Cents;
  /** null for a cancelled invoice: nothing is claimed. */
  penalty: PenaltyResult | null;
  /** The formal notice: the later of the file's and the journal's. */
  noticeDate: Day | null;
}

export interface ClaimContext {
  today: Day;
  rates: RateTable;
  rateMode: RateMode;
}

/** Throws MissingRateError when a day of delay has no known rate. */
export function claimOf(invoice: Invoice, history: History, ctx: ClaimContext): Claim {
  const { today } = ctx;
  // A payment recorded by hand (`relance record … paid-by-hand`) settles what was left.
  const payments: readonly Payment[] =
    history.paidByHand === null ? invoice.payments : [...invoice.payments, { date: history.paidByHand, amount: balanceOf(invoice) }];
  let paidToday = 0;
  for (const p of payments) if (p.date === null || p.date <= today) paidToday += p.amount;
  const balance = Math.max(0, invoice.amount - paidToday);
  const status = statusToday(invoice, history, balance);
  const noticeDate = laterDay(invoice.noticeDate, history.noticeDate);
  if (status === 'cancelled') return { status, balance, penalty: null, noticeDate };

  const settled = settledOn({ amount: invoice.amount, dueDate: invoice.dueDate, payments });
  const penalty = computePenalty(
    {
      principal: invoice.amount,
      dueDate: invoice.dueDate,
      payments,
      endDate: settled !== null && settled < today ? settled : today,
      regime: invoice.clientType,
      contractualRate: invoice.penaltyRate,
      rateMode: ctx.rateMode,
      noticeDate,
      insolvencyDate: invoice.insolvencyDate,
    },
    ctx.rates,
  );
  return { status, balance, penalty, noticeDate };
}

function statusToday(invoice: Invoice, history: History, balance: Cents): InvoiceStatus {
  if (invoice.status === 'cancelled' || invoice.status === 'insolvency') return invoice.status;
  if (balance === 0 || history.paidByHand !== null) return 'paid';
  if (history.disputedSince !== null) return 'disputed';
  return invoice.status;
}

function laterDay(a: Day | null, b: Day | null): Day | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
