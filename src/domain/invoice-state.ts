// The state of an invoice, in one place: what its file's status word and its journal
// make of it today, and what each state means for the rest of relance — whether it is
// chased, counted as owed, listed by `status`, closed. Every command asks here instead
// of comparing status words (docs/architecture.md § One rule, one place).

import type { Day } from './dates.js';
import type { Bounce, History } from './history.js';
import type { Invoice, InvoiceStatus } from './invoice.js';
import { balanceOf } from './invoice.js';
import type { Cents } from './money.js';
import type { Prescription } from './prescription.js';
import { prescriptionOf } from './prescription.js';
import type { Step } from './policy.js';

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
 * but the claim stands; so does a `time-barred` one, which leaves the cycle: a reminder
 * would threaten an action a court would dismiss. `balance-unknown` (marked partly paid,
 * no amount said) is owed but never chased, nor its interest claimed, until its balance is
 * known; `paid` and `cancelled` are done with.
 */
export const STATE_RULES: Readonly<Record<InvoiceStatus, StateRules>> = {
  open: { chaseable: true, owed: true, closed: false },
  paused: { chaseable: true, owed: true, closed: false },
  disputed: { chaseable: false, owed: true, closed: false },
  insolvency: { chaseable: false, owed: true, closed: false },
  'time-barred': { chaseable: false, owed: true, closed: false },
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
  if (history.paidByHand === null && timeBarredSince(invoice, history, today) !== null) return 'time-barred';
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

/** The e-mails and letters sent about the invoice: the written claims that interrupt a public buyer's limitation. */
export function writtenClaimsOf(history: History): Day[] {
  return history.done.filter((d) => d.channel === 'email' || d.channel === 'letter' || (d.channel === null && d.by === 'sent')).map((d) => d.date);
}

/** The invoice's limitation today (prescription.ts), the journal's written claims counted. */
export function limitationOf(invoice: Invoice, history: History, today: Day): Prescription {
  return prescriptionOf(invoice, today, invoice.clientType === 'public' ? writtenClaimsOf(history) : []);
}

/** The first day the claim is time-barred, or null while it can still be brought to court. */
export function timeBarredSince(invoice: Invoice, history: History, today: Day): Day | null {
  const { limit, state } = limitationOf(invoice, history, today);
  return state === 'past' ? limit + 1 : null;
}

/**
 * The bounce that holds the invoice's e-mail steps: every address it has now was refused
 * for good since the last `record retry`. A new address in the file (one not refused)
 * brings them back; an invoice with no address has none to be refused. The latest such
 * bounce, or null.
 */
export function bounceOf(invoice: Pick<Invoice, 'emails'> | null, history: History): Bounce | null {
  if (history.bounces.length === 0 || invoice === null || invoice.emails.length === 0) return null;
  const refused = new Set(history.bounces.flatMap((b) => b.to));
  if (!invoice.emails.every((e) => refused.has(e.trim().toLowerCase()))) return null;
  return history.bounces.at(-1)!;
}

/**
 * E-mail steps passed over while an address bounced stay passed over once a later step
 * was done: the cycle never goes back to a reminder after the call or the formal notice
 * that followed it. The index in `steps` before which an undone e-mail step is passed over
 * (0: none).
 */
export function emailStepsPassedOver(steps: readonly Step[], history: History): number {
  const since = history.bouncedSince;
  if (since === null) return 0;
  let before = 0;
  steps.forEach((step, i) => {
    if (history.done.some((d) => d.step === step.id && d.date >= since)) before = i;
  });
  return before;
}
