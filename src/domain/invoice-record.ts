// From what a record says to an Invoice: the config's defaults for what it does not say
// (client type, language, currency, payment terms), the client's type from its name when
// nothing says it (client-type-guess.ts), and the due date worked out from the terms when
// the file gives none. Reading the record (invoice-facts.ts) and completing it are two
// steps, so that a client directory can fill the gaps in between.

import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { ClientType, Invoice, Language } from './invoice.js';
import type { CreditNote, FactsOptions, InvoiceFacts } from './invoice-facts.js';
import { createFactsReader } from './invoice-facts.js';
import type { ConsumerGuesses, ConsumerSign } from './client-type-guess.js';
import { consumerSignOf } from './client-type-guess.js';
import type { EndOfMonthRule, PaymentTerms } from './payment-terms.js';
import { dueDateFromTerms } from './payment-terms.js';
import type { RecordView } from './record-view.js';

/** What applies when a record does not say (from relance.yaml). */
export interface InvoiceDefaults {
  /** null: relance.yaml does not say, so a client's name decides (client-type-guess.ts). */
  clientType: ClientType | null;
  language: Language;
  currency: string;
  paymentTerms: PaymentTerms | null;
  endOfMonthRule: EndOfMonthRule;
}

export const DEFAULT_INVOICE_DEFAULTS: InvoiceDefaults = {
  clientType: null,
  language: 'fr',
  currency: 'EUR',
  paymentTerms: null,
  endOfMonthRule: 'days-then-eom',
};

/**
 * The invoice, or null (and the problem in `issues`) when no due date can be worked out:
 * the record gives neither a due date nor terms, and the config no default terms.
 */
export function completeInvoice(facts: InvoiceFacts, defaults: InvoiceDefaults, issues: Issue[], guesses?: ConsumerGuess): Invoice | null {
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
  const { paymentTerms: _terms, dueDateLine: _line, siren: _siren, kind: _kind, ...invoice } = facts;
  let clientType = facts.clientType ?? defaults.clientType;
  if (clientType === null) {
    const sign = guesses === undefined ? consumerSignOf(facts.client, facts.siren ?? '') : guesses.signOf(facts.client, facts.siren);
    clientType = sign === null ? 'b2b' : 'b2c';
    if (sign !== null) guesses?.taken(facts.client, facts.source);
  }
  return {
    ...invoice,
    clientType,
    language: facts.language ?? defaults.language,
    currency: facts.currency ?? defaults.currency,
    dueDate,
  };
}

/** How a client's name is read for its type, remembered per name, and the consumers taken told once. */
export class ConsumerGuess {
  private readonly signs = new Map<string, ConsumerSign | null>();
  constructor(private readonly told: ConsumerGuesses) {}
  signOf(client: string, siren: string | null): ConsumerSign | null {
    if (siren !== null) return consumerSignOf(client, siren);
    let sign = this.signs.get(client);
    if (sign === undefined) {
      sign = consumerSignOf(client, '');
      if (this.signs.size < 50_000) this.signs.set(client, sign);
    }
    return sign;
  }
  taken(client: string, source: { file: string; line: number }): void {
    this.told.add(client, source);
  }
}

export interface InvoiceValidator {
  /** The invoice or credit note a record gives, or null (its problems in `issues`). */
  read(view: RecordView): Invoice | CreditNote | null;
  /** Once the file is read: its notes (drafts left out, balances unknown). */
  finish(): void;
}

/** Both steps, for a file read with the config's defaults and nothing else. */
export function createInvoiceValidator(file: string, defaults: InvoiceDefaults, issues: Issue[], options: FactsOptions & { guesses?: ConsumerGuess } = {}): InvoiceValidator {
  const facts = createFactsReader(file, issues, options);
  return {
    read(view) {
      const found = facts.read(view);
      return found === null || found.kind === 'credit' ? found : completeInvoice(found, defaults, issues, options.guesses);
    },
    finish: () => facts.finish(),
  };
}
