// What can be claimed on one invoice today: its balance, the interest and the €40 fee,
// from the invoice file and its journal together (a payment recorded by hand, a formal
// notice sent by letter). Every command asks here (through `Claims`, which also gathers
// the rates that are missing or provisional), so status, check, the reminders and the
// report always agree.

import type { Day } from './dates.js';
import type { History } from './history.js';
import { emptyHistory } from './history.js';
import type { Invoice, InvoiceStatus, Payment } from './invoice.js';
import { balanceOf, settledOn } from './invoice.js';
import { isOwed, statusToday } from './invoice-state.js';
import type { Issue } from './issue.js';
import { error } from './issue.js';
import type { Cents } from './money.js';
import type { PenaltyInput, PenaltyResult, RateMode } from './penalty.js';
import { MissingRateError, computePenalty } from './penalty.js';
import type { RateTable } from './rates.js';
import type { LawSettings } from './law-settings.js';

export interface Claim {
  /** The status today, file and journal together. */
  status: InvoiceStatus;
  /** Unpaid today (payments dated after today are not counted yet). */
  balance: Cents;
  /** null for a cancelled invoice (nothing is claimed), or one whose rates are missing. */
  penalty: PenaltyResult | null;
  /**
   * A day of delay before the rate tables start (an old export's history): the interest
   * is not computed. For a settled invoice that is a note; for one still owed, an error
   * (`Claims` gathers them). Past the tables' last row there is always a rate: the last
   * known one, carried forward and provisional.
   */
  missingRate: MissingRateError | null;
  /** The formal notice: the first of the file's and the journal's. */
  noticeDate: Day | null;
}

export interface ClaimContext {
  today: Day;
  rates: RateTable;
  rateMode: RateMode;
  /** The readings chosen in relance.yaml (imputation, floor); the defaults without. */
  law?: Pick<LawSettings, 'imputation' | 'floor'>;
}

/** The claim of one invoice; a missing rate is in `missingRate`, never thrown. */
export function claimOf(invoice: Invoice, history: History, ctx: ClaimContext): Claim {
  const { today } = ctx;
  const payments = claimPayments(invoice, history);
  let paidToday = 0;
  for (const p of payments) if (p.date === null || p.date <= today) paidToday += p.amount;
  const balance = Math.max(0, invoice.amount - paidToday);
  const status = statusToday(invoice, history, balance, today);
  const noticeDate = noticeDateOf(invoice, history);
  // Nothing is claimed on a cancelled invoice, nor interest on a balance nobody knows.
  if (status === 'cancelled' || status === 'balance-unknown') return { status, balance, penalty: null, noticeDate, missingRate: null };

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
    imputation: ctx.law?.imputation ?? 'principal-first',
    floor: ctx.law?.floor ?? 'raise',
  };
  try {
    return { status, balance, penalty: computePenalty(input, ctx.rates), noticeDate, missingRate: null };
  } catch (e) {
    if (!(e instanceof MissingRateError)) throw e;
    return { status, balance, penalty: null, noticeDate, missingRate: e };
  }
}

/**
 * What the claim counts as paid: the file's payments and credits, then the parts paid by
 * hand (`relance record … paid-by-hand --amount`) from their day; a payment in full
 * recorded by hand (`paid-by-hand`) settles what was left. The décompte lists the same.
 */
export function claimPayments(invoice: Pick<Invoice, 'amount' | 'payments'>, history: Pick<History, 'handPayments' | 'paidByHand'>): readonly Payment[] {
  const known: readonly Payment[] = history.handPayments.length === 0 ? invoice.payments : [...invoice.payments, ...history.handPayments];
  return history.paidByHand === null ? known : [...known, { date: history.paidByHand, amount: balanceOf({ amount: invoice.amount, payments: known }) }];
}

/** The claim cannot be computed: an invoice still owed with a day of delay before the tables. */
export function isUncomputable(claim: Claim): boolean {
  return claim.missingRate !== null && claim.balance > 0;
}

/** Something is still claimed: a balance on an invoice that is owed (not paid, not cancelled). */
export function isClaimed(claim: Claim): boolean {
  return isOwed(claim);
}

/**
 * The claims of a run, one invoice at a time, with what they have in common gathered:
 * the rates missing (one error per half-year, counting the invoices) and the
 * provisional ones (one warning each). status, check, send, preview and the report use
 * it, so that they say these things the same way.
 */
export class Claims {
  private readonly missing = new Map<string, { invoice: Invoice; error: MissingRateError; count: number }>();
  private readonly provisional = new Set<string>();

  constructor(private readonly ctx: ClaimContext) {}

  of(invoice: Invoice, history: History): Claim {
    const claim = claimOf(invoice, history, this.ctx);
    if (isUncomputable(claim)) {
      const e = claim.missingRate!;
      const seen = this.missing.get(e.halfYear);
      if (seen) seen.count += 1;
      else this.missing.set(e.halfYear, { invoice, error: e, count: 1 });
    }
    for (const w of claim.penalty?.warnings ?? []) if (w.kind === 'provisional') this.provisional.add(w.text);
    return claim;
  }

  /** The claims of these invoices, by number. */
  byNumber(invoices: readonly Invoice[], histories: ReadonlyMap<string, History>): Map<string, Claim> {
    const claims = new Map<string, Claim>();
    for (const invoice of invoices) claims.set(invoice.number, this.of(invoice, histories.get(invoice.number) ?? emptyHistory(invoice.number)));
    return claims;
  }

  /** One error per missing half-year, on the first invoice that needs it, counting the others. */
  missingRateIssues(): Issue[] {
    return [...this.missing.values()].map(({ invoice, error: e, count }) => {
      const others = count > 1 ? ` (and ${count - 1} other invoice${count > 2 ? 's' : ''})` : '';
      return error(invoice.source.file, invoice.source.line, 'due_date', `${invoice.number}: ${e.reason}${others}`, e.hint);
    });
  }

  /** What the figures owe to rates not confirmed yet, each said once. */
  provisionalWarnings(): string[] {
    return [...this.provisional];
  }
}

/** The formal notice: the first of the file's date and the letters recorded in the journal. */
export function noticeDateOf(invoice: Pick<Invoice, 'noticeDate'>, history: Pick<History, 'noticeDate'>): Day | null {
  if (invoice.noticeDate === null) return history.noticeDate;
  if (history.noticeDate === null) return invoice.noticeDate;
  return Math.min(invoice.noticeDate, history.noticeDate);
}
