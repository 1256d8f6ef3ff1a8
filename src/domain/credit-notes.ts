// Credit notes applied to the invoices they reduce (README § Invoice files): the one named in
// `credit_for`, else the client's oldest open invoices, each reduced like by a payment from
// the credit note's date, so that no reminder ever claims the full amount of an invoice a
// credit note reduces. What a client's credit notes have left over is an unallocated
// credit: shown by status and deducted in that client's reminders. Pure; the loader hands
// it every invoice of the clients concerned once all files are read.

import type { CreditNote } from './invoice-facts.js';
import type { Invoice, Payment } from './invoice.js';
import { balanceOf } from './invoice.js';
import type { Issue } from './issue.js';
import { warning } from './issue.js';
import type { Cents } from './money.js';
import { formatEurosFr } from './money.js';
import { quote } from './user-text.js';

/** What a client's credit notes have left once its invoices are reduced. */
export interface UnallocatedCredit {
  client: string;
  amount: Cents;
  /** The credit notes it comes from, in file order. */
  notes: readonly string[];
  source: { file: string; line: number };
}

export interface CreditAllocation {
  /** The invoices, each reduced by the credit notes that concern it (the others as they were). */
  invoices: Invoice[];
  unallocated: UnallocatedCredit[];
  issues: Issue[];
}

// Invoices a credit note without `credit_for` may reduce: still owed, and of a known balance.
const REDUCIBLE = new Set<Invoice['status']>(['open', 'paused', 'disputed', 'insolvency']);

/** Applies every credit note, oldest first, to the invoices given (those of the clients concerned). */
export function allocateCredits(invoices: readonly Invoice[], credits: readonly CreditNote[]): CreditAllocation {
  const issues: Issue[] = [];
  const added = new Map<string, Payment[]>();
  const byNumber = new Map(invoices.map((i) => [i.number, i]));
  const leftOf = (invoice: Invoice): Cents => balanceOf({ amount: invoice.amount, payments: [...invoice.payments, ...(added.get(invoice.number) ?? [])] });
  const reduce = (invoice: Invoice, credit: CreditNote, left: Cents): Cents => {
    const take = Math.min(left, leftOf(invoice));
    if (take <= 0) return left;
    const list = added.get(invoice.number) ?? [];
    list.push({ date: credit.date, amount: take });
    added.set(invoice.number, list);
    return left - take;
  };
  // Oldest first: by invoice date (else due date), then number.
  const oldestFirst = [...invoices].sort((a, b) => (a.issueDate ?? a.dueDate) - (b.issueDate ?? b.dueDate) || a.dueDate - b.dueDate || a.number.localeCompare(b.number));
  const leftover = new Map<string, UnallocatedCredit>();

  const ordered = [...credits].sort((a, b) => (a.date ?? Number.POSITIVE_INFINITY) - (b.date ?? Number.POSITIVE_INFINITY));
  for (const credit of ordered) {
    let left = credit.amount;
    if (left <= 0) continue;
    const named = credit.creditFor === null ? undefined : byNumber.get(credit.creditFor);
    if (named !== undefined) {
      left = reduce(named, credit, left);
    } else {
      if (credit.creditFor !== null) {
        issues.push(warning(credit.source.file, credit.source.line, 'credit_for', `credit note ${credit.number} is for invoice ${quote(credit.creditFor)}, which is not in the files: it goes to ${credit.client}'s oldest open invoices`, 'check the invoice number it names'));
      }
      for (const invoice of oldestFirst) {
        if (left <= 0) break;
        if (invoice.client === credit.client && REDUCIBLE.has(invoice.status)) left = reduce(invoice, credit, left);
      }
    }
    if (left > 0) {
      const seen = leftover.get(credit.client);
      if (seen === undefined) leftover.set(credit.client, { client: credit.client, amount: left, notes: [credit.number], source: credit.source });
      else leftover.set(credit.client, { ...seen, amount: seen.amount + left, notes: [...seen.notes, credit.number] });
    }
  }

  const unallocated = [...leftover.values()];
  for (const u of unallocated) {
    issues.push(
      warning(u.source.file, u.source.line, 'amount', `${u.client} has ${formatEurosFr(u.amount)} of credit notes (${u.notes.join(', ')}) left over, with no open invoice to reduce: an unallocated credit, deducted in their reminders`, 'refund it, or name the invoice it is for in a credit_for column (Facture d’origine)'),
    );
  }
  return {
    invoices: invoices.map((i) => {
      const extra = added.get(i.number);
      return extra === undefined ? i : { ...i, payments: [...i.payments, ...extra] };
    }),
    unallocated,
    issues,
  };
}

/** The clients and invoice numbers credit notes may concern: their invoices are all the allocation needs. */
/**
 * What a client's leftover credit takes off a message that claims `balances`: the credit,
 * at most those balances (a reminder never asks for less than nothing), 0 without one.
 */
export function creditDeducted(credit: UnallocatedCredit | null, balances: Cents): Cents {
  return credit === null ? 0 : Math.min(credit.amount, balances);
}

export function creditTargets(credits: readonly CreditNote[]): { clients: Set<string>; numbers: Set<string> } {
  const clients = new Set<string>();
  const numbers = new Set<string>();
  for (const c of credits) {
    clients.add(c.client);
    if (c.creditFor !== null) numbers.add(c.creditFor);
  }
  return { clients, numbers };
}
