// The décompte: what is claimed, line by line, as a court, a commissaire de justice or a
// collection agency reads it. Each invoice: its amount, every interest period (dates,
// days, balance, rate, interest), every payment and credit with its date, the €40, then
// interest, principal left and total. Built from the penalty engine's own periods, so the
// letter, the dossier and `relance penalty` show the same figures. Cents only: the
// render layer formats.

import type { Day } from './dates.js';
import type { Payment } from './invoice.js';
import { paymentDay } from './invoice.js';
import type { Cents, Rate } from './money.js';
import type { PenaltyResult, RateMode, Regime } from './penalty.js';

export interface DecompteInvoice {
  number: string;
  issueDate: Day | null;
  dueDate: Day;
  /** Amount due, TTC. */
  amount: Cents;
}

/** A payment, or a credit note (avoir) set against the invoice. */
export interface Settlement extends Payment {
  kind?: 'payment' | 'credit';
}

export interface DecompteSource {
  invoice: DecompteInvoice;
  /** The claim's penalty result, computed up to the décompte's date. */
  penalty: PenaltyResult;
  /** What was paid or credited, as the claim counted it. */
  settlements: readonly Settlement[];
}

export type DecompteRow =
  | { kind: 'invoice'; date: Day; amount: Cents }
  | { kind: 'period'; from: Day; to: Day; days: number; balance: Cents; rate: Rate; interest: Cents; provisional: boolean }
  | { kind: 'payment' | 'credit'; date: Day; amount: Cents; /** The file gave no date: counted as paid by the due date. */ undated: boolean };

export interface InvoiceDecompte {
  invoice: DecompteInvoice;
  regime: Regime;
  rateMode: RateMode;
  rows: DecompteRow[];
  /** Payments and credits counted. */
  paid: Cents;
  /** Principal left. */
  balance: Cents;
  interest: Cents;
  flatFee: Cents;
  total: Cents;
  provisional: boolean;
}

export interface DecompteTotals {
  principal: Cents;
  paid: Cents;
  balance: Cents;
  interest: Cents;
  flatFee: Cents;
  total: Cents;
}

export interface Decompte {
  asOf: Day;
  invoices: InvoiceDecompte[];
  totals: DecompteTotals;
  /** Some figure uses a rate carried forward past the tables (or marked provisional). */
  provisional: boolean;
}

export function decompteOf(sources: readonly DecompteSource[], asOf: Day): Decompte {
  const invoices = sources.map((s) => invoiceDecompte(s, asOf));
  const totals: DecompteTotals = { principal: 0, paid: 0, balance: 0, interest: 0, flatFee: 0, total: 0 };
  for (const d of invoices) {
    totals.principal += d.invoice.amount;
    totals.paid += d.paid;
    totals.balance += d.balance;
    totals.interest += d.interest;
    totals.flatFee += d.flatFee;
    totals.total += d.total;
  }
  return { asOf, invoices, totals, provisional: invoices.some((d) => d.provisional) };
}

function invoiceDecompte(source: DecompteSource, asOf: Day): InvoiceDecompte {
  const { invoice, penalty } = source;
  const keyed: { key: Day; order: number; row: DecompteRow }[] = [];
  for (const p of penalty.periods) {
    keyed.push({ key: p.to, order: 0, row: { kind: 'period', from: p.from, to: p.to, days: p.days, balance: p.balance, rate: p.rate, interest: p.interest, provisional: p.provisional } });
  }
  let paid = 0;
  for (const s of source.settlements) {
    const date = paymentDay(s, invoice.dueDate);
    // A payment dated after the décompte is not counted yet (as the claim does).
    if (date > asOf || s.amount === 0) continue;
    paid += s.amount;
    // A period ends on the day of the payment that ends it: the period first, then the payment.
    keyed.push({ key: date, order: 1, row: { kind: s.kind ?? 'payment', date, amount: s.amount, undated: s.date === null } });
  }
  keyed.sort((a, b) => a.key - b.key || a.order - b.order);
  const rows: DecompteRow[] = [{ kind: 'invoice', date: invoice.dueDate, amount: invoice.amount }, ...keyed.map((k) => k.row)];
  return {
    invoice,
    regime: penalty.regime,
    rateMode: penalty.rateMode,
    rows,
    paid,
    balance: penalty.balance,
    interest: penalty.interest,
    flatFee: penalty.flatFee,
    total: penalty.total,
    provisional: penalty.periods.some((p) => p.provisional),
  };
}
