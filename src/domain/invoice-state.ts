// The state of an invoice, in one place: what its file's status word and its journal
// make of it today, and what each state means for the rest of relance — whether it is
// chased, counted as owed, listed by `status`, closed. Every command asks here instead
// of comparing status words (docs/architecture.md § One rule, one place).

import type { Day } from './dates.js';
import type { History } from './history.js';
import type { Invoice, InvoiceStatus } from './invoice.js';
import { balanceOf } from './invoice.js';
import type { Cents } from './money.js';

export interface StateRules {
  /** Reminders may go out for it: now, or once a pause its file names is over. */
  readonly chaseable: boolean;
  /** Still owed while a balance is left: aged, counted by `check` and the report. */
  readonly owed: boolean;
  /** Nothing more is done about it. */
  readonly closed: boolean;
}

/**
 * The table. `paused` and `disputed` are still owed but get no reminder while they last;
 * a collective proceeding (`insolvency`) stops individual recovery (art. L622-21 C. com.)
 * but the claim stands; `balance-unknown` (marked partly paid, no amount said) is owed but
 * never chased, nor its interest claimed, until its balance is known; `paid` and
 * `cancelled` are done with.
 */
export const STATE_RULES: Readonly<Record<InvoiceStatus, StateRules>> = {
  open: { chaseable: true, owed: true, closed: false },
  paused: { chaseable: true, owed: true, closed: false },
  disputed: { chaseable: false, owed: true, closed: false },
  insolvency: { chaseable: false, owed: true, closed: false },
  paid: { chaseable: false, owed: false, closed: true },
  cancelled: { chaseable: false, owed: false, closed: true },
  'balance-unknown': { chaseable: false, owed: true, closed: false },
};

/** Why an open invoice with a balance gets nothing by itself. */
export type HoldReason = 'disputed' | 'paused' | 'paid-by-hand';

export interface Hold {
  readonly reason: HoldReason;
  /** The last day of a pause; null when it lasts until `relance record … resume`. */
  readonly until: Day | null;
}

/** A pause with no end: until `relance record … resume`. */
export const FOREVER = Number.POSITIVE_INFINITY;

/**
 * The file's status with what the journal adds to it: a balance unknown in the file is
 * known once a part paid by hand is recorded (`record … paid-by-hand --amount`).
 */
export function fileStatus(invoice: Pick<Invoice, 'status'>, history: Pick<History, 'handPayments'> | undefined): InvoiceStatus {
  return invoice.status === 'balance-unknown' && history !== undefined && history.handPayments.length > 0 ? 'open' : invoice.status;
}

/** What is left to pay, from the file's payments and the parts recorded by hand. */
export function knownBalance(invoice: Pick<Invoice, 'amount' | 'payments'>, history: Pick<History, 'handPayments'> | undefined): Cents {
  let left = balanceOf(invoice);
  for (const p of history?.handPayments ?? []) left -= p.amount;
  return Math.max(0, left);
}

/** An invoice its file (and journal) let relance remind: open (or paused) with something left to pay. */
export function isChaseable(invoice: Invoice, history?: Pick<History, 'handPayments'>): boolean {
  return STATE_RULES[fileStatus(invoice, history)].chaseable && knownBalance(invoice, history) > 0;
}

/** Something is still claimed: a balance on an invoice whose state is owed. */
export function isOwed(state: { status: InvoiceStatus; balance: Cents }): boolean {
  return state.balance > 0 && STATE_RULES[state.status].owed;
}

/**
 * The last day the invoice is paused, from its file (`paused_until`, status `paused`)
 * and from its journal (`pause`, `promise --until`); FOREVER until a resume.
 * null when it is not paused at all.
 */
export function pausedThrough(invoice: Pick<Invoice, 'status' | 'pausedUntil'> | null, history: History): Day | null {
  let through: Day | null = invoice?.pausedUntil ?? null;
  if (invoice?.status === 'paused' && invoice.pausedUntil === null) through = FOREVER;
  if (history.pause) {
    const h = history.pause.through ?? FOREVER;
    if (through === null || h > through) through = h;
  }
  return through;
}

/**
 * Why the invoice gets nothing today although it is open with a balance, or null. A
 * pause that ended before today holds nothing. `invoice` null: one the files no longer
 * have, held by what its journal says.
 */
export function holdOf(invoice: Pick<Invoice, 'status' | 'pausedUntil'> | null, history: History, today: Day): Hold | null {
  if (history.paidByHand !== null) return { reason: 'paid-by-hand', until: null };
  if (history.disputedSince !== null) return { reason: 'disputed', until: null };
  const through = pausedThrough(invoice, history);
  if (through !== null && through >= today) return { reason: 'paused', until: through === FOREVER ? null : through };
  return null;
}

/**
 * The status an invoice has today, its file and its journal together: paid (in the file
 * or by hand), disputed or paused (in the file, or recorded, until the pause ends).
 */
export function statusToday(invoice: Invoice, history: History, balance: Cents, today: Day): InvoiceStatus {
  if (invoice.status === 'cancelled' || invoice.status === 'insolvency') return invoice.status;
  if (balance === 0) return 'paid';
  const hold = holdOf(invoice, history, today);
  if (hold !== null) return hold.reason === 'paid-by-hand' ? 'paid' : hold.reason;
  // A pause that has ended: the invoice is open again.
  return invoice.status === 'paused' ? 'open' : fileStatus(invoice, history);
}

/** Why the files say the invoice is not to be chased, in words, or null. */
export function closedInFile(invoice: Invoice): string | null {
  if (invoice.status === 'balance-unknown') return 'marked partly paid in the invoice file, with no amount (record the part paid: paid-by-hand --amount)';
  if (invoice.status !== 'paid' && !STATE_RULES[invoice.status].chaseable) return `${invoice.status} in the invoice file`;
  if (invoice.status === 'paid' || balanceOf(invoice) === 0) return 'paid';
  return null;
}
