// From what a record says to an Invoice: the config's defaults for what it does not say
// (client type, language, currency, payment terms), and the due date worked out from the
// terms when the file gives none. Reading the record (invoice-facts.ts) and completing it
// are two steps, so that a client directory can fill the gaps in between.

import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { ClientType, Invoice, Language } from './invoice.js';
import type { InvoiceFacts } from './invoice-facts.js';
import { createFactsReader } from './invoice-facts.js';
import type { EndOfMonthRule, PaymentTerms } from './payment-terms.js';
import { dueDateFromTerms } from './payment-terms.js';
import type { RecordView } from './record-view.js';

/** What applies when a record does not say (from relance.yaml). */
export interface InvoiceDefaults {
  clientType: ClientType;
  language: Language;
  currency: string;
  paymentTerms: PaymentTerms | null;
  endOfMonthRule: EndOfMonthRule;
}

export const DEFAULT_INVOICE_DEFAULTS: InvoiceDefaults = {
  clientType: 'b2b',
  language: 'fr',
  currency: 'EUR',
  paymentTerms: null,
  endOfMonthRule: 'days-then-eom',
};

/**
 * The invoice, or null (and the problem in `issues`) when no due date can be worked out:
 * the record gives neither a due date nor terms, and the config no default terms.
 */
export function completeInvoice(facts: InvoiceFacts, defaults: InvoiceDefaults, issues: Issue[]): Invoice | null {
  const { file, line } = facts.source;
  let dueDate = facts.dueDate;
  if (dueDate === null) {
    const terms = facts.paymentTerms ?? defaults.paymentTerms;
    if (terms === null) {
      issues.push(error(file, line, 'due_date', 'no due date and no payment terms', 'add a due date (Échéance), payment terms (30 jours), or payment_terms: in relance.yaml'));
      return null;
    }
    if (facts.issueDate === null) {
      issues.push(error(file, line, 'issue_date', 'no invoice date to count the payment terms from', 'add the invoice date, or give the due date itself'));
      return null;
    }
    dueDate = dueDateFromTerms(facts.issueDate, terms, defaults.endOfMonthRule);
  }
  if (facts.issueDate !== null && dueDate < facts.issueDate) {
    issues.push(warning(file, facts.dueDateLine, 'due_date', 'the due date is before the invoice date', 'check both dates'));
  }
  const { paymentTerms: _terms, dueDateLine: _line, ...invoice } = facts;
  return {
    ...invoice,
    clientType: facts.clientType ?? defaults.clientType,
    language: facts.language ?? defaults.language,
    currency: facts.currency ?? defaults.currency,
    dueDate,
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
