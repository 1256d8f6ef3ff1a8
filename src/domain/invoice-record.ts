// From what a record says to an Invoice: the config's defaults for what it does not say
// (client type, language, currency, payment terms), the client's type from its name when
// nothing says it (client-type-guess.ts), and the due date worked out from the terms when
// the file gives none. Reading the record (invoice-facts.ts) and completing it are two
// steps, so that a client directory can fill the gaps in between.

import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { ClientType, DueDateSource, Invoice, Language, Sector } from './invoice.js';
import type { CreditNote, FactsOptions, InvoiceFacts } from './invoice-facts.js';
import { createFactsReader } from './invoice-facts.js';
import type { ConsumerGuesses, ConsumerSign } from './client-type-guess.js';
import { consumerSignOf } from './client-type-guess.js';
import type { EndOfMonthRule, PaymentTerms } from './payment-terms.js';
import { dueDateFromTerms, legalDueDate } from './payment-terms.js';
import { formatIsoDay } from './dates.js';
import type { RecordView } from './record-view.js';

/** What applies when a record does not say (from relance.yaml). */
export interface InvoiceDefaults {
  /** null: relance.yaml does not say, so a client's name decides (client-type-guess.ts). */
  clientType: ClientType | null;
  language: Language;
  currency: string;
  paymentTerms: PaymentTerms | null;
  endOfMonthRule: EndOfMonthRule;
  /** The creditor's activity (`sector:`), for invoices whose file does not say. */
  sector: Sector | null;
}

export const DEFAULT_INVOICE_DEFAULTS: InvoiceDefaults = {
  clientType: null,
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
export function completeInvoice(facts: InvoiceFacts, defaults: InvoiceDefaults, issues: Issue[], guesses?: ConsumerGuess): Invoice | null {
  const { file, line } = facts.source;
  // Said nowhere: the client's name decides (a title, or no company form and no SIREN: a consumer).
  let clientType = facts.clientType ?? defaults.clientType;
  if (clientType === null) {
    const sign = guesses === undefined ? consumerSignOf(facts.client, facts.siren ?? '') : guesses.signOf(facts.client, facts.siren);
    clientType = sign === null ? 'b2b' : 'b2c';
    if (sign !== null) guesses?.taken(facts.client, facts.source);
  }
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
  // Written out field by field: a rest-and-spread copy of these thirty fields costs several
  // times more per row, and the objects it makes are slower to read everywhere after.
  return {
    number: facts.number,
    client: facts.client,
    emails: facts.emails,
    clientType,
    amount: facts.amount,
    currency: facts.currency ?? defaults.currency,
    issueDate: facts.issueDate,
    dueDate,
    payments: facts.payments,
    status: facts.status,
    pausedUntil: facts.pausedUntil,
    noticeDate: facts.noticeDate,
    insolvencyDate: facts.insolvencyDate,
    bodaccDate: facts.bodaccDate,
    tags: facts.tags,
    language: facts.language ?? defaults.language,
    attachment: facts.attachment,
    penaltyRate: facts.penaltyRate,
    source: facts.source,
    deliveryDate: facts.deliveryDate,
    sector,
    dueDateSource,
    clientCode: facts.clientCode,
    clientAddress: facts.clientAddress,
    contactName: facts.contactName,
    balancesAsOf: facts.balancesAsOf,
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

/**
 * Both steps, for one file: its records read into facts, filled by `between` when given
 * (the client directory: client-fill.ts; null drops the record), then completed.
 */
export function createInvoiceValidator(
  file: string,
  defaults: InvoiceDefaults,
  issues: Issue[],
  options: FactsOptions & { guesses?: ConsumerGuess; between?: (facts: InvoiceFacts) => InvoiceFacts | null } = {},
): InvoiceValidator {
  const facts = createFactsReader(file, issues, options);
  const { between } = options;
  return {
    read(view) {
      const found = facts.read(view);
      if (found === null || found.kind === 'credit') return found;
      const filled = between === undefined ? found : between(found);
      return filled === null ? null : completeInvoice(filled, defaults, issues, options.guesses);
    },
    finish: () => facts.finish(),
  };
}
