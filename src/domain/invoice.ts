// The invoice as relance understands it, whatever file it came from.

import type { Cents, Rate } from './money.js';
import type { Day } from './dates.js';

export type ClientType = 'b2b' | 'b2c';
export type Language = 'fr' | 'en';
// `balance-unknown`: marked partly paid in its file, with no paid amount or balance to say how much.
export const INVOICE_STATUSES = ['open', 'paid', 'disputed', 'paused', 'cancelled', 'insolvency', 'balance-unknown'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export interface Payment {
  /** null when the file gives an amount paid but no date: see `paymentDay`. */
  date: Day | null;
  amount: Cents;
}

export interface Invoice {
  number: string;
  client: string;
  emails: readonly string[];
  clientType: ClientType;
  /** Amount due, TTC. */
  amount: Cents;
  currency: string;
  issueDate: Day | null;
  dueDate: Day;
  payments: readonly Payment[];
  status: InvoiceStatus;
  pausedUntil: Day | null;
  noticeDate: Day | null;
  insolvencyDate: Day | null;
  bodaccDate: Day | null;
  tags: readonly string[];
  language: Language;
  /** Absolute path of the invoice PDF, when the file names one. */
  attachment: string | null;
  /** Contractual annual rate, replacing the legal one (the floor still applies). */
  penaltyRate: Rate | null;
  /** Where the record was read: for messages that point the user at it. */
  source: { file: string; line: number };
}

export function paidTotal(invoice: Pick<Invoice, 'payments'>): Cents {
  let total = 0;
  for (const p of invoice.payments) total += p.amount;
  return total;
}

/** What is still due once every payment is counted (never below zero). */
export function balanceOf(invoice: Pick<Invoice, 'amount' | 'payments'>): Cents {
  return Math.max(0, invoice.amount - paidTotal(invoice));
}

/**
 * The day a payment counts from. A payment the file gives without a date is taken as
 * received by the due date: interest then runs on what remains only, so relance never
 * claims interest on money that may have been paid on time.
 */
export function paymentDay(payment: Payment, dueDate: Day): Day {
  return payment.date ?? dueDate;
}

/** The day the last payment cleared the invoice, or null while a balance remains. */
export function settledOn(invoice: Pick<Invoice, 'amount' | 'payments' | 'dueDate'>): Day | null {
  if (balanceOf(invoice) > 0) return null;
  let last: Day | null = null;
  for (const p of invoice.payments) {
    const d = paymentDay(p, invoice.dueDate);
    if (last === null || d > last) last = d;
  }
  return last;
}
