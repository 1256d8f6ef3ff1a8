// What can be claimed on one invoice today: its balance, the interest and the €40 fee,
// from the invoice file and its journal together (a payment recorded by hand, a formal
// notice sent by letter). `status` and the reminders both ask here, so they always agree.

import type { Day } from './dates.js';
import type { History } from './history.js';
import type { Invoice, InvoiceStatus, Payment } from './invoice.js';
import { balanceOf, settledOn } from './invoice.js';
import type { Cents } from './money.js';
import type { PenaltyInput, PenaltyResult, RateMode } from './penalty.js';
import { MissingRateError, computePenalty, warningKind } from './penalty.js';
import { holdOf } from './plan.js';
import type { RateTable } from './rates.js';

export interface Claim {
  /** The status today, file and journal together. */
  status: InvoiceStatus;
  /** Unpaid today (payments dated after today are not counted yet). */
  balance: Cents;
  /** null for a cancelled invoice (nothing is claimed), or a settled one whose rates are missing. */
  penalty: PenaltyResult | null;
  /**
   * A settled invoice paid late before the rate tables start (an old export's history):
   * its interest is not computed, and the half-year is named here. For an invoice still
   * owed, a missing rate is an error (MissingRateError). Past the tables' last row there
   * is always a rate: the last known one, carried forward and provisional.
   */
  missingRate: string | null;
  /** The formal notice: the first of the file's and the journal's. */
  noticeDate: Day | null;
}

export interface ClaimContext {
  today: Day;
  rates: RateTable;
  rateMode: RateMode;
}

/**
 * Throws MissingRateError when a day of delay of an invoice still owed has no known rate.
 */
export function claimOf(invoice: Invoice, history: History, ctx: ClaimContext): Claim {
  const { today } = ctx;
  // A payment recorded by hand (`relance record … paid-by-hand`) settles what was left.
  const payments: readonly Payment[] =
    history.paidByHand === null ? invoice.payments : [...invoice.payments, { date: history.paidByHand, amount: balanceOf(invoice) }];
  let paidToday = 0;
  for (const p of payments) if (p.date === null || p.date <= today) paidToday += p.amount;
  const balance = Math.max(0, invoice.amount - paidToday);
  const status = statusToday(invoice, history, balance, today);
  const noticeDate = noticeDateOf(invoice, history);
  if (status === 'cancelled') return { status, balance, penalty: null, noticeDate, missingRate: null };

  const settled = settledOn({ amount: invoice.amount, dueDate: invoice.dueDate, payments });
  const input: PenaltyInput = {
    principal: invoice.amount,
    dueDate: invoice.dueDate,
    payments,
    endDate: settled !== null && settled < today ? settled : today,
    regime: invoice.clientType,
    contractualRate: invoice.penaltyRate,
    rateMode: ctx.rateMode,
    noticeDate,
    insolvencyDate: invoice.insolvencyDate,
  };
  try {
    return { status, balance, penalty: computePenalty(input, ctx.rates), noticeDate, missingRate: null };
  } catch (e) {
    if (!(e instanceof MissingRateError) || balance > 0) throw e;
    return { status, balance, penalty: null, noticeDate, missingRate: e.halfYear };
  }
}

/**
 * What the figures of these claims owe to rates not confirmed yet (carried forward past
 * the tables, or marked provisional), each said once: the warning a run prints.
 */
export function provisionalRateWarnings(claims: Iterable<Claim>): string[] {
  const seen = new Set<string>();
  for (const claim of claims) for (const w of claim.penalty?.warnings ?? []) if (warningKind(w) === 'provisional') seen.add(w);
  return [...seen];
}

/**
 * The status an invoice has today, its file and its journal together: paid (in the file
 * or by hand), disputed or paused (in the file, or recorded, until the pause ends).
 */
function statusToday(invoice: Invoice, history: History, balance: Cents, today: Day): InvoiceStatus {
  if (invoice.status === 'cancelled' || invoice.status === 'insolvency') return invoice.status;
  if (balance === 0) return 'paid';
  const hold = holdOf(invoice, history, today);
  if (hold !== null) return hold.reason === 'paid-by-hand' ? 'paid' : hold.reason;
  // A pause that has ended: the invoice is open again.
  return invoice.status === 'paused' ? 'open' : invoice.status;
}

/** The formal notice: the first of the file's date and the letters recorded in the journal. */
export function noticeDateOf(invoice: Pick<Invoice, 'noticeDate'>, history: Pick<History, 'noticeDate'>): Day | null {
  if (invoice.noticeDate === null) return history.noticeDate;
  if (history.noticeDate === null) return invoice.noticeDate;
  return Math.min(invoice.noticeDate, history.noticeDate);
}
