// The invoice as relance understands it, whatever file it came from.

import type { Cents, Rate } from './money.js';
import type { Day } from './dates.js';
import type { ClientAddress } from './client-address.js';

/** `public`: a public buyer (the State, a local authority, a public establishment), its own regime (R2192-31 C. commande publique). */
export type ClientType = 'b2b' | 'b2c' | 'public';
export type Language = 'fr' | 'en';
// `time-barred` is never read from a file: the state table sets it once the limitation has run (invoice-state.ts).
// `balance-unknown`: marked partly paid in its file, with no paid amount or balance to say how much.
export const INVOICE_STATUSES = ['open', 'paid', 'disputed', 'paused', 'cancelled', 'insolvency', 'time-barred', 'balance-unknown'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * Where the due date comes from: the file (a due date, or payment terms), the config's
 * default terms, or the law when nothing was agreed (30 days after delivery between
 * businesses, L441-10 I; 30 days, 50 for a public health establishment, from the invoice for
 * a public buyer, R2192-10; on performance for a consumer). Agreed terms start the
 * limitation period at the due date (art. 2233 3° C. civ.); otherwise it runs from the
 * delivery (prescription.ts).
 */
export type DueDateSource = 'file' | 'file-terms' | 'config-terms' | 'legal-term' | 'on-performance';

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
  /** Goods received or service performed (date de livraison / d'exécution). */
  deliveryDate: Day | null;
  /** The activity whose special payment caps apply (L441-10 I, L441-11 C. com.), from the file or the config. */
  sector: Sector | null;
  dueDateSource: DueDateSource;
  /** The client's account or code (`C001`, `411DUPONT`): joins the client directory. */
  clientCode: string | null;
  /** The client's postal address, for letters. */
  clientAddress: ClientAddress | null;
  /** The person the reminders are for (`Mme Anne Roux`), from the client directory. */
  contactName: string | null;
  /** The day the file's balances stand on when it is a snapshot (a FEC); null: kept up to date. */
  balancesAsOf: BalancesAsOf | null;
}

/** A file that shows the books on one day: payments after it are not in it. */
export interface BalancesAsOf {
  day: Day;
  /** Where that day was read: the closing date in the FEC's name, or its last entry. */
  from: 'file-name' | 'last-entry';
}

/**
 * Activities with payment caps of their own: periodic invoices (45 days, L441-10 I),
 * road transport (30 days from the invoice, L441-11 II 5°), perishable food (30 days after
 * delivery, or after the ten-day period of delivery on a periodic invoice, II 1°), livestock
 * and fresh meat (20 days after delivery, II 2°), alcoholic drinks under excise duties (30
 * days after the end of the month of delivery, II 3°); and a public health establishment as
 * a public buyer (50 days, R2192-11 C. commande publique).
 */
export const SECTORS = ['periodic', 'transport', 'perishable', 'perishable-periodic', 'livestock', 'alcohol', 'public-health'] as const;
export type Sector = (typeof SECTORS)[number];

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
