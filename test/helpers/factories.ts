// Small factories for domain tests: an invoice with readable defaults, dates as text.

import type { Day } from '../../src/domain/dates.js';
import { parseIsoDay } from '../../src/domain/dates.js';
import type { Invoice } from '../../src/domain/invoice.js';

export const day = (iso: string): Day => {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`bad date ${iso}`);
  return d;
};

export type InvoiceFields = Partial<Omit<Invoice, 'dueDate' | 'issueDate' | 'pausedUntil' | 'deliveryDate'>> & { due?: string; issue?: string; pausedUntil?: string; delivery?: string };

/** F-1, Atelier Martin, 1 200,00 € due 31/10/2026, B2B, open: override what the test is about. */
export function invoice(o: InvoiceFields = {}): Invoice {
  const { due, issue, pausedUntil, delivery, ...rest } = o;
  return {
    number: 'F-1',
    client: 'Atelier Martin',
    emails: ['compta@martin.example'],
    clientType: 'b2b',
    amount: 120_000,
    currency: 'EUR',
    issueDate: issue ? day(issue) : null,
    dueDate: day(due ?? '2026-10-31'),
    payments: [],
    status: 'open',
    pausedUntil: pausedUntil ? day(pausedUntil) : null,
    noticeDate: null,
    insolvencyDate: null,
    bodaccDate: null,
    tags: [],
    language: 'fr',
    attachment: null,
    penaltyRate: null,
    source: { file: 'factures.csv', line: 2 },
    clientCode: null,
    clientAddress: null,
    contactName: null,
    balancesAsOf: null,
    deliveryDate: delivery ? day(delivery) : null,
    sector: null,
    dueDateSource: 'file',
    ...rest,
  };
}
