// Payment terms as French and English invoices write them, turned into a due date.
// Art. L441-10 I C. com.: at most 60 days from the invoice date, or 45 days end of month.

import type { Day } from './dates.js';
import { endOfMonth } from './dates.js';
import { normalizeName } from './invoice-fields.js';
import type { ClientType, DueDateSource, Sector } from './invoice.js';

export interface PaymentTerms {
  /** Days after the invoice date (0 for "à réception"). */
  days: number;
  /** "fin de mois": the due date is moved to an end of month. */
  endOfMonth: boolean;
  /** "fin de mois + 45 jours" written in that order: end of month first, then the days. */
  endOfMonthFirst: boolean;
}

/**
 * How "45 jours fin de mois" is read when the text does not say the order:
 * `days-then-eom` (invoice date + 45 days, then the end of that month: relance's default,
 * docs/law.md) or `eom-then-days` (end of the invoice month, then + 45 days).
 */
export type EndOfMonthRule = 'days-then-eom' | 'eom-then-days';

const ON_RECEIPT = new Set(['areception', 'reception', 'areceptiondefacture', 'comptant', 'immediat', 'onreceipt', 'uponreceipt', 'duonreceipt', 'dueonreceipt', 'cash', 'immediate']);
const EOM = /(findemois|fdm|eom|endofmonth|endofthemonth)/;

/**
 * Reads `30 jours`, `30 j`, `60 jours net`, `net 30`, `30 days`, `45 jours fin de mois`,
 * `45 j FDM`, `fin de mois + 45 jours`, `45 days end of month`, `à réception`.
 * Returns null when the text is not terms relance understands.
 */
export function parsePaymentTerms(text: string): PaymentTerms | null {
  const key = normalizeName(text);
  if (key === '') return null;
  if (ON_RECEIPT.has(key)) return { days: 0, endOfMonth: false, endOfMonthFirst: false };
  const digits = /(\d{1,3})/.exec(key);
  if (!digits) return null;
  const days = Number(digits[1]);
  const rest = key.replace(digits[1]!, '#');
  const eom = EOM.exec(rest);
  const words = rest.replace(EOM, '').replace(/^(net)?#(joursnet|jours|jour|j|days|day|d|net|datedefacture|datefacture|invoicedate)*(net)?$/, '');
  if (words !== '') return null;
  return { days, endOfMonth: eom !== null, endOfMonthFirst: eom !== null && eom.index < rest.indexOf('#') };
}

export function dueDateFromTerms(issueDate: Day, terms: PaymentTerms, rule: EndOfMonthRule = 'days-then-eom'): Day {
  if (!terms.endOfMonth) return issueDate + terms.days;
  if (terms.endOfMonthFirst || rule === 'eom-then-days') return endOfMonth(issueDate) + terms.days;
  return endOfMonth(issueDate + terms.days);
}

/** Terms as a French invoice writes them: `30 jours`, `45 jours fin de mois`, `fin de mois + 45 jours`, `à réception`. */
export function formatPaymentTerms(terms: PaymentTerms): string {
  if (!terms.endOfMonth) return terms.days === 0 ? 'à réception' : `${terms.days} jours`;
  return terms.endOfMonthFirst ? `fin de mois + ${terms.days} jours` : `${terms.days} jours fin de mois`;
}

/** The legal term when none was agreed, in days: L441-10 I C. com.; R2192-10 and R2192-11 C. commande publique. */
export const LEGAL_TERM_DAYS = { b2b: 30, public: 30, publicHealth: 50 } as const;

/**
 * The due date the law gives an invoice whose terms were not agreed, or null without a
 * date to count from. Between businesses: 30 days after delivery (L441-10 I), the invoice
 * date standing in for a delivery date not given. A public buyer: 30 days (50 for a public
 * health establishment) from the payment request, so the invoice date, or the delivery
 * when it came later (R2192-12, R2192-13). A consumer: no legal term, the price is due on
 * performance (art. 1231-6 C. civ. runs from the formal notice anyway): the invoice date.
 */
export function legalDueDate(
  clientType: ClientType,
  sector: Sector | null,
  issueDate: Day | null,
  deliveryDate: Day | null,
): { day: Day; source: DueDateSource } | null {
  if (clientType === 'b2c') {
    const day = issueDate ?? deliveryDate;
    return day === null ? null : { day, source: 'on-performance' };
  }
  if (clientType === 'public') {
    const from = issueDate === null ? deliveryDate : deliveryDate === null ? issueDate : Math.max(issueDate, deliveryDate);
    const days = sector === 'public-health' ? LEGAL_TERM_DAYS.publicHealth : LEGAL_TERM_DAYS.public;
    return from === null ? null : { day: from + days, source: 'legal-term' };
  }
  const from = deliveryDate ?? issueDate;
  return from === null ? null : { day: from + LEGAL_TERM_DAYS.b2b, source: 'legal-term' };
}
