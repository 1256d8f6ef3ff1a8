// What `relance status` shows for each invoice — how late, what the law lets the creditor
// claim, what was done and what comes next — and the totals and aging below the list.

import type { Day } from './dates.js';
import { formatIsoDay } from './dates.js';
import type { History } from './history.js';
import { emptyHistory } from './history.js';
import type { Invoice, InvoiceStatus } from './invoice.js';
import type { Cents } from './money.js';
import type { Claim, ClaimContext } from './claim.js';
import { isProvisional } from './penalty.js';
import { isOwed, limitationOf } from './invoice-state.js';
import type { NoteKind, StatusNote } from './status-notes.js';
import type { Policy } from './policy.js';
import { nextStep } from './plan.js';
import type { PrescriptionState } from './prescription.js';
import { limitationRule } from './prescription.js';
import type { SendCalendar } from './send-calendar.js';
import { declarationDeadline, reliefDeadline } from './next-step.js';
import { bouncedText } from './invoice-summary.js';

/** One invoice in `status`: compact, so that a million of them fit in memory. */
export interface StatusRow {
  number: string;
  client: string;
  status: InvoiceStatus;
  balance: Cents;
  dueDate: Day;
  /** Days past the due date: to today while unpaid, to the last payment once settled. */
  daysLate: number;
  interest: Cents;
  flatFee: Cents;
  total: Cents;
  /** The interest (so the total) uses a rate not confirmed yet: carried forward, or marked provisional. */
  provisional: boolean;
  lastStep: string | null;
  lastDate: Day | null;
  nextStep: string | null;
  nextDate: Day | null;
  /** The next step was sent by a run that stopped before knowing: it waits for `record`. */
  nextUncertain: boolean;
  limitation: Day;
  limitationState: PrescriptionState;
  /** What the payments paid of interest (imputation: interest-first), and the principal left. */
  interestPaid: Cents;
  principalLeft: Cents;
  /** A payment of part of the invoice: how it was imputed matters, and the output says it. */
  partlyPaid: boolean;
}

export interface StatusContext extends ClaimContext {
  /** null when there is no policy to plan with. */
  policy: Policy | null;
  /** The days reminders go out on (`send_days`): the next date moves to a business day. */
  calendar?: SendCalendar;
  /** R622-24 C. com.: 4 months to declare a claim, not 2, for a creditor outside metropolitan France. */
  creditorOutsideMetropole?: boolean;
}

/**
 * The row of one invoice, and what the law says about it: the penalty engine's warnings,
 * the limitation, the insolvency deadline.
 */
export function statusRow(invoice: Invoice, history: History | undefined, claim: Claim, ctx: StatusContext): { row: StatusRow; notes: StatusNote[] } {
  const h = history ?? emptyHistory(invoice.number);
  const { today } = ctx;
  const notes: StatusNote[] = [];
  const note = (kind: NoteKind, text: string) => notes.push({ kind, invoice: invoice.number, text });
  const { status, balance: balanceToday, penalty, missingRate } = claim;
  if (missingRate !== null) note('law', `paid, but its interest for paying late is not computed: no rate for ${missingRate.halfYear} in the tables — add it in a rates file to see it`);
  const interest = penalty?.interest ?? 0;
  const flatFee = penalty?.flatFee ?? 0;
  for (const w of penalty?.warnings ?? []) {
    // The rounding of displayed periods matters only to `penalty`, which shows them.
    if (w.kind !== 'rounding') note(w.kind === 'provisional' || w.kind === 'no-notice' ? w.kind : 'law', w.text);
  }

  const limitation = limitationOf(invoice, h, today);
  if (isOwed(claim)) {
    const law = limitationRule(invoice.clientType, limitation);
    if (limitation.state === 'near') {
      const stop = invoice.clientType === 'public' ? 'a written claim to the buyer interrupts it' : 'a reminder does not interrupt it: act before then';
      note('limitation-near', `the claim is time-barred after ${formatIsoDay(limitation.limit)} (${law}), in ${limitation.limit - today} days — ${stop}`);
    } else if (limitation.state === 'past') {
      note('limitation-past', `the claim has been time-barred since ${formatIsoDay(limitation.limit + 1)} (${law}): it has left the reminder cycle — no reminder, and no letter threatening court action; the client may still pay of their own accord`);
    }
  }
  if (status === 'insolvency' && invoice.clientType !== 'b2c') {
    if (invoice.bodaccDate !== null) {
      const outside = ctx.creditorOutsideMetropole === true;
      const deadline = declarationDeadline(invoice.bodaccDate, outside);
      const relief = reliefDeadline(invoice.bodaccDate);
      const rule = `${outside ? '4 months from the BODACC publication, the creditor being outside metropolitan France' : '2 months from the BODACC publication'}, art. R622-24 C. com.`;
      const late =
        deadline >= today
          ? ''
          : relief >= today
            ? ` — passed: ask the juge-commissaire for relief from foreclosure ("relevé de forclusion") by ${formatIsoDay(relief)}, 6 months from the BODACC publication (art. L622-26 C. com.)`
            : ` — passed, and so did the 6 months to ask for relief from foreclosure, on ${formatIsoDay(relief)} (art. L622-26 C. com.)`;
      note('law', `collective proceeding — declare the claim to the court-appointed representative by ${formatIsoDay(deadline)} (${rule})${late}`);
    } else if (invoice.insolvencyDate === null) {
      note('law', 'status insolvency without a judgment date: interest is shown up to today — add insolvency_date to stop it at the judgment (art. L622-28 C. com.)');
    }
  }

  const refused = isOwed(claim) ? bouncedText(invoice, h) : null;
  if (refused !== null) note('bounced', refused);

  const next = ctx.policy ? nextStep(invoice, ctx.policy, h, today, ctx.calendar) : null;
  const row: StatusRow = {
    number: invoice.number,
    client: invoice.client,
    status,
    balance: balanceToday,
    dueDate: invoice.dueDate,
    // A balance nobody knows has no interest computed, but it is late all the same.
    daysLate: penalty?.daysLate ?? (status === 'balance-unknown' ? Math.max(0, today - invoice.dueDate) : 0),
    interest,
    flatFee,
    total: balanceToday + interest + flatFee,
    provisional: penalty !== null && isProvisional(penalty),
    lastStep: h.last?.step ?? null,
    lastDate: h.last?.date ?? null,
    nextStep: next?.step.id ?? null,
    nextDate: next?.date ?? null,
    nextUncertain: next?.reason === 'uncertain',
    limitation: limitation.limit,
    limitationState: limitation.state,
    interestPaid: penalty?.interestPaid ?? 0,
    principalLeft: penalty?.principalLeft ?? balanceToday,
    partlyPaid: invoice.payments.some((p) => p.amount > 0 && p.amount < invoice.amount),
  };
  return { row, notes };
}

/** Shown by default: what is late and unpaid (disputed and paused ones too), not cancelled. */
export function isOverdue(row: StatusRow): boolean {
  return row.daysLate > 0 && isOwed(row);
}

export const AGING_BUCKETS = ['not_due', '1-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export function agingBucket(daysLate: number): AgingBucket {
  if (daysLate <= 0) return 'not_due';
  if (daysLate <= 30) return '1-30';
  if (daysLate <= 60) return '31-60';
  if (daysLate <= 90) return '61-90';
  return '90+';
}

export interface Totals {
  count: number;
  balance: Cents;
  interest: Cents;
  flatFee: Cents;
  total: Cents;
  /** Some row's figures are provisional, so the sums are too. */
  provisional: boolean;
}

export const emptyTotals = (): Totals => ({ count: 0, balance: 0, interest: 0, flatFee: 0, total: 0, provisional: false });

export function addToTotals(totals: Totals, row: StatusRow): void {
  totals.count += 1;
  totals.balance += row.balance;
  totals.interest += row.interest;
  totals.flatFee += row.flatFee;
  totals.total += row.total;
  if (row.provisional) totals.provisional = true;
}

/** Aging counts every unpaid invoice that is not cancelled, by how late its balance is. */
export function addToAging(aging: Record<AgingBucket, Cents>, row: StatusRow): void {
  if (isOwed(row)) aging[agingBucket(row.daysLate)] += row.balance;
}

export const emptyAging = (): Record<AgingBucket, Cents> => ({ not_due: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 });
