// The décompte of claims as relance computed them: each invoice's penalty (the one status,
// send and the letter show) and what the claim counted as paid. A claim with no penalty
// (cancelled, a balance nobody knows, a missing rate) has no décompte: it is named.

import type { Claim } from './claim.js';
import { claimPayments } from './claim.js';
import type { Day } from './dates.js';
import type { Decompte } from './decompte.js';
import { decompteOf } from './decompte.js';
import type { History } from './history.js';
import { emptyHistory } from './history.js';
import type { Invoice } from './invoice.js';

export function claimDecompte(
  invoices: readonly Invoice[],
  claims: ReadonlyMap<string, Claim>,
  histories: ReadonlyMap<string, History>,
  asOf: Day,
): { decompte: Decompte; uncomputed: [] } | { decompte: null; uncomputed: string[] } {
  const uncomputed = invoices.filter((i) => (claims.get(i.number)?.penalty ?? null) === null).map((i) => i.number);
  if (uncomputed.length > 0) return { decompte: null, uncomputed };
  const sources = invoices.map((invoice) => ({
    invoice: { number: invoice.number, issueDate: invoice.issueDate, dueDate: invoice.dueDate, amount: invoice.amount },
    penalty: claims.get(invoice.number)!.penalty!,
    settlements: claimPayments(invoice, histories.get(invoice.number) ?? emptyHistory(invoice.number)),
  }));
  return { decompte: decompteOf(sources, asOf), uncomputed: [] };
}
