// The data a reminder template sees (README § Templates), built from a planned action:
// its invoices with what can be claimed on each today, the creditor, the earlier reminders.

import { basename } from 'node:path';
import type { Day } from '../domain/dates.js';
import { formatIsoDay } from '../domain/dates.js';
import type { Claim } from '../domain/claim.js';
import type { History } from '../domain/history.js';
import type { Invoice } from '../domain/invoice.js';
import { paidTotal } from '../domain/invoice.js';
import type { Cents } from '../domain/money.js';
import { formatCents, formatPercent } from '../domain/money.js';
import { isProvisional } from '../domain/penalty.js';
import type { Step } from '../domain/policy.js';
import type { Creditor } from '../domain/creditor.js';
import { formatAddress } from '../domain/client-address.js';
import type { UnallocatedCredit } from '../domain/credit-notes.js';
import { creditDeducted } from '../domain/credit-notes.js';
import type { ReminderContext, ReminderInvoice } from './template-types.js';

export interface ReminderSubject {
  step: Step;
  client: string;
  emails: readonly string[];
  language: Invoice['language'];
  invoices: readonly Invoice[];
}

export interface ReminderInputs {
  claims: ReadonlyMap<string, Claim>;
  /** Each client's credit notes left over (domain/credit-notes.ts), by client name. */
  credits?: ReadonlyMap<string, UnallocatedCredit>;
  histories: ReadonlyMap<string, History>;
  creditor: Creditor;
  today: Day;
}

/** Some invoice's contractual rate was below its floor, and this reading decided the rate (floor: raise | void). */
function floorMet(claims: readonly (Claim | undefined)[], reading: 'raise' | 'void'): boolean {
  return claims.some((c) => c?.penalty?.belowFloor === true && c.penalty.floor === reading);
}

export function reminderContext(subject: ReminderSubject, inputs: ReminderInputs): ReminderContext {
  const { today } = inputs;
  const amounts = subject.invoices.map((invoice) => amountsOf(invoice, inputs.claims.get(invoice.number)));
  const invoices = subject.invoices.map((invoice, i) => reminderInvoice(invoice, amounts[i]!, today));
  const sum = (key: 'balance' | 'interest' | 'flatFee' | 'total' | 'interestPaid' | 'principalLeft'): string => formatCents(amounts.reduce((total, a) => total + a[key], 0));
  const claims = subject.invoices.map((i) => inputs.claims.get(i.number));
  const penalty = claims.find((c) => c?.penalty)?.penalty ?? null;
  const first = subject.invoices[0]!;
  const type = first.clientType;
  const notice = subject.invoices.map((i) => inputs.claims.get(i.number)?.noticeDate ?? null).find((d) => d !== null) ?? null;
  // An unallocated credit is the client's, not an invoice's: deducted from what is asked.
  const credit = inputs.credits?.get(subject.client) ?? null;
  const total = amounts.reduce((sum, a) => sum + a.total, 0);
  const deducted = creditDeducted(credit, amounts.reduce((sum, a) => sum + a.balance, 0));
  return {
    language: subject.language,
    client: {
      name: subject.client,
      email: subject.emails.join(', '),
      type,
      is_b2b: type === 'b2b',
      is_b2c: type === 'b2c',
      is_public: type === 'public',
      code: first.clientCode,
      contact: first.contactName,
      address: first.clientAddress === null ? null : formatAddress(first.clientAddress),
    },
    creditor: { ...inputs.creditor },
    invoices,
    invoice: invoices[0]!,
    totals: {
      balance: sum('balance'),
      interest: sum('interest'),
      flat_fee: sum('flatFee'),
      total: sum('total'),
      due: formatCents(total - deducted),
      count: invoices.length,
      provisional: amounts.some((a) => a.provisional),
      interest_paid: sum('interestPaid'),
      principal_left: sum('principalLeft'),
      partly_paid: amounts.some((a) => a.partlyPaid),
    },
    credits: { amount: formatCents(deducted), notes: credit === null ? [] : [...credit.notes] },
    readings: {
      imputation: penalty?.imputation ?? 'principal-first',
      interest_first: penalty?.imputation === 'interest-first',
      floor: penalty?.floor ?? 'raise',
      floor_raised: floorMet(claims, 'raise'),
      floor_void: floorMet(claims, 'void'),
    },
    step: { id: subject.step.id, day: subject.step.day, channel: subject.step.channel },
    previous: previousReminders(subject.invoices, inputs.histories).map((p) => ({ step: p.step, date: formatIsoDay(p.date), subject: p.subject })),
    deadline: { days: subject.step.deadlineDays, date: formatIsoDay(today + subject.step.deadlineDays) },
    notice: { date: notice === null ? null : formatIsoDay(notice) },
    today: formatIsoDay(today),
  };
}

interface Amounts {
  balance: Cents;
  interest: Cents;
  flatFee: Cents;
  total: Cents;
  provisional: boolean;
  interestPaid: Cents;
  principalLeft: Cents;
  /** Paid in part during the delay: how the payments were imputed matters. */
  partlyPaid: boolean;
}

/** What is claimed on one invoice, in cents: the totals add these, never formatted text. */
function amountsOf(invoice: Invoice, claim: Claim | undefined): Amounts {
  const balance = claim?.balance ?? invoice.amount - paidTotal(invoice);
  const penalty = claim?.penalty ?? null;
  const interest = penalty?.interest ?? 0;
  const flatFee = penalty?.flatFee ?? 0;
  const interestPaid = penalty?.interestPaid ?? 0;
  const partlyPaid = invoice.payments.some((p) => p.amount > 0 && p.amount < invoice.amount && (p.date ?? invoice.dueDate) > invoice.dueDate);
  return { balance, interest, flatFee, total: balance + interest + flatFee, provisional: penalty !== null && isProvisional(penalty), interestPaid, principalLeft: balance + interestPaid, partlyPaid };
}

function reminderInvoice(invoice: Invoice, { balance, interest, flatFee, total, provisional, interestPaid, principalLeft }: Amounts, today: Day): ReminderInvoice {
  return {
    number: invoice.number,
    issue_date: invoice.issueDate === null ? null : formatIsoDay(invoice.issueDate),
    due_date: formatIsoDay(invoice.dueDate),
    amount: formatCents(invoice.amount),
    paid: formatCents(invoice.amount - balance),
    balance: formatCents(balance),
    days_late: today - invoice.dueDate,
    interest: formatCents(interest),
    flat_fee: formatCents(flatFee),
    total: formatCents(total),
    attachment: invoice.attachment === null ? null : basename(invoice.attachment),
    provisional,
    interest_paid: formatCents(interestPaid),
    principal_left: formatCents(principalLeft),
    contractual_rate: invoice.penaltyRate === null || invoice.clientType === 'public' ? null : formatPercent(invoice.penaltyRate),
  };
}

/**
 * The messages already sent about these invoices, oldest first; a message that covered
 * several of them is listed once.
 */
export function previousReminders(invoices: readonly Invoice[], histories: ReadonlyMap<string, History>): History['previous'][number][] {
  const seen = new Set<string>();
  const all: History['previous'][number][] = [];
  for (const invoice of invoices) {
    for (const p of histories.get(invoice.number)?.previous ?? []) {
      const key = p.messageId ?? `${p.step}@${p.date}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(p);
    }
  }
  return all.sort((a, b) => a.date - b.date);
}
