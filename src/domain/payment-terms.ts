// Payment terms as French and English invoices write them, turned into a due date.
// Art. L441-10 I C. com.: at most 60 days from the invoice date, or 45 days end of month.

import type { Day } from './dates.js';
import { endOfMonth } from './dates.js';
import { normalizeName } from './invoice-fields.js';

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
 * LAW.md) or `eom-then-days` (end of the invoice month, then + 45 days).
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
