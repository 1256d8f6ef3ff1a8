// From what a record says to an Invoice: the config's defaults for what it does not say
// (client type, language, currency, payment terms), and the due date worked out from the
// terms when the file gives none. Reading the record (invoice-facts.ts) and completing it
// are two steps, so that a client directory can fill the gaps in between.

import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { ClientType, DueDateSource, Invoice, Language, Sector } from './invoice.js';
import type { InvoiceFacts } from './invoice-facts.js';
import { createFactsReader } from './invoice-facts.js';
import type { EndOfMonthRule, PaymentTerms } from './payment-terms.js';
import { dueDateFromTerms, legalDueDate } from './payment-terms.js';
import { formatIsoDay } from './dates.js';
import type { RecordView } from './record-view.js';

/** What applies when a record does not say (from relance.yaml). */
export interface InvoiceDefaults {
  clientType: ClientType;
  language: Language;
  currency: string;
  paymentTerms: PaymentTerms | null;
  endOfMonthRule: EndOfMonthRule;
  /** The creditor's activity (`sector:`), for invoices whose file does not say. */
  sector: Sector | null;
}

export const DEFAULT_INVOICE_DEFAULTS: InvoiceDefaults = {
  clientType: 'b2b',
  language: 'fr',
  currency: 'EUR',
  paymentTerms: null,
  endOfMonthRule: 'days-then-eom',
  sector: null,
};

/**
 * The invoice, or null (and the problem in `issues`) when no due date can be worked out:
 * the record gives neither a due date nor terms, and the config no default terms.
 */
export function completeInvoice(facts: InvoiceFacts, defaults: InvoiceDefaults, issues: Issue[]): Invoice | null {
  const { file, line } = facts.source;
  const clientType = facts.clientType ?? defaults.clientType;
  const sector = facts.sector ?? defaults.sector;
  let dueDate = facts.dueDate;
  let dueDateSource: DueDateSource = 'file';
  if (dueDate === null) {
    const terms = facts.paymentTerms ?? defaults.paymentTerms;
    if (terms !== null) {
      if (facts.issueDate === null) {
        issues.push(error(file, line, 'issue_date', 'no invoice date to count the payment terms from', 'add the invoice date, or give the due date itself'));
        return null;
      }
      dueDate = dueDateFromTerms(facts.issueDate, terms, defaults.endOfMonthRule);
      dueDateSource = facts.paymentTerms !== null ? 'file-terms' : 'config-terms';
    } else {
      // Nothing agreed: the law's term (L441-10 I, R2192-10), or for a consumer the price is due on performance.
      const legal = legalDueDate(clientType, sector, facts.issueDate, facts.deliveryDate);
      if (legal === null) {
        issues.push(error(file, line, 'due_date', 'no due date, no payment terms, and no delivery or invoice date to count the legal term from', 'add a due date (Échéance), payment terms (30 jours), payment_terms: in relance.yaml, or the delivery date (the legal 30 days run from it, art. L441-10 I C. com.)'));
        return null;
      }
      dueDate = legal.day;
      dueDateSource = legal.source;
      if (legal.source === 'on-performance') {
        issues.push(
          warning(file, facts.dueDateLine, 'due_date', `${facts.number}: no due date and no payment terms for a consumer, and no legal term applies (the price is due on performance unless agreed): the ${facts.issueDate !== null ? 'invoice' : 'delivery'} date ${formatIsoDay(legal.day)} is taken as the due date`, 'add the due date or the terms agreed with the client'),
        );
      }
    }
  }
  if (facts.issueDate !== null && dueDate < facts.issueDate) {
    issues.push(warning(file, facts.dueDateLine, 'due_date', 'the due date is before the invoice date', 'check both dates'));
  }
  const { paymentTerms: _terms, dueDateLine: _line, ...invoice } = facts;
  return {
    ...invoice,
    clientType,
    language: facts.language ?? defaults.language,
    currency: facts.currency ?? defaults.currency,
    dueDate,
    sector,
    dueDateSource,
  };
}

/**
 * Both steps, for one file: its records read into facts, filled by `between` when given
 * (the client directory: client-fill.ts; null drops the record), then completed.
 */
export function createInvoiceValidator(file: string, defaults: InvoiceDefaults, issues: Issue[], between?: (facts: InvoiceFacts) => InvoiceFacts | null): (view: RecordView) => Invoice | null {
  const readFacts = createFactsReader(file, issues);
  return (view) => {
    const read = readFacts(view);
    const facts = read === null || between === undefined ? read : between(read);
    return facts === null ? null : completeInvoice(facts, defaults, issues);
  };
}
