// Filling an invoice from the client directory: between reading what its record says
// (invoice-facts.ts, a field it does not give is null) and completing it with the config's
// defaults (invoice-record.ts). The directory fills what the record leaves empty; a value
// given in both that disagrees keeps the record's and is a warning naming both places,
// said once per client and field; a client that matches two rows is an error.

import { formatAddress, sameAddress } from './client-address.js';
import type { ClientDirectory, ClientEntry, DirectoryField } from './client-directory.js';
import type { InvoiceFacts } from './invoice-facts.js';
import type { InvoiceField } from './invoice-fields.js';
import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { PaymentTerms } from './payment-terms.js';
import { formatPaymentTerms } from './payment-terms.js';
import { formatCount, quote } from './user-text.js';

interface Conflict {
  facts: InvoiceFacts;
  field: InvoiceField;
  entry: ClientEntry;
  directoryField: DirectoryField;
  record: string;
  directory: string;
  others: number;
}

/** One join of invoice records with the directory; `finish` says the disagreements. */
export class DirectoryJoin {
  // Entry → field → the first disagreement, counting the other invoices of that client.
  private readonly conflicts = new Map<ClientEntry, Map<InvoiceField, Conflict>>();
  private readonly matched = new Set<ClientEntry>();

  constructor(
    private readonly directory: ClientDirectory,
    private readonly issues: Issue[],
  ) {}

  /** The facts with the directory's values where the record has none; null: the client matches two rows. */
  fill(facts: InvoiceFacts): InvoiceFacts | null {
    const match = this.directory.match(facts.clientCode, facts.client);
    if (match.kind === 'none') return facts;
    if (match.kind === 'several') {
      const where = match.entries.map((e) => `${e.file}:${e.line}`).join(', ');
      this.issues.push(
        error(facts.source.file, facts.source.line, 'client', `the client ${quote(facts.client)} of invoice ${facts.number} matches ${match.entries.length} rows of the client directory (${where})`, 'give the invoice its client code (client_code), or give each directory row its own code'),
      );
      return null;
    }
    const e = match.entry;
    this.matched.add(e);
    const filled: InvoiceFacts = { ...facts };
    if (e.emails.length > 0) {
      if (facts.emails.length === 0) filled.emails = e.emails;
      else if (!sameEmails(facts.emails, e.emails)) this.disagree(facts, 'email', e, 'email', facts.emails.join(', '), e.emails.join(', '));
    }
    if (e.clientType !== null) {
      if (facts.clientType === null) filled.clientType = e.clientType;
      else if (facts.clientType !== e.clientType) this.disagree(facts, 'client_type', e, 'client_type', facts.clientType, e.clientType);
    }
    if (e.language !== null) {
      if (facts.language === null) filled.language = e.language;
      else if (facts.language !== e.language) this.disagree(facts, 'language', e, 'language', facts.language, e.language);
    }
    // Terms count only for a record without a due date: beside one, the due date says it all.
    if (e.paymentTerms !== null && facts.dueDate === null) {
      if (facts.paymentTerms === null) filled.paymentTerms = e.paymentTerms;
      else if (!sameTerms(facts.paymentTerms, e.paymentTerms)) this.disagree(facts, 'payment_terms', e, 'payment_terms', formatPaymentTerms(facts.paymentTerms), formatPaymentTerms(e.paymentTerms));
    }
    if (e.address !== null) {
      if (facts.clientAddress === null) filled.clientAddress = e.address;
      else if (!sameAddress(facts.clientAddress, e.address)) this.disagree(facts, 'client_address', e, 'address', formatAddress(facts.clientAddress), formatAddress(e.address));
    }
    if (facts.clientCode === null && e.code !== null) filled.clientCode = e.code;
    if (e.contactName !== null) filled.contactName = e.contactName;
    if (e.tags.length > 0) filled.tags = facts.tags.length === 0 ? e.tags : [...new Set([...facts.tags, ...e.tags])];
    return filled;
  }

  /** How many directory rows some invoice used. */
  get rowsUsed(): number {
    return this.matched.size;
  }

  /** Each disagreement, once per client and field, at the first invoice that has it. */
  finish(): void {
    for (const byField of this.conflicts.values()) {
      for (const c of byField.values()) {
        const at = `${c.entry.file}:${c.entry.lines[c.directoryField] ?? c.entry.line}`;
        const others = c.others === 0 ? '' : ` (and on ${formatCount(c.others)} other invoice${c.others === 1 ? '' : 's'} of this client)`;
        this.issues.push(
          warning(
            c.facts.source.file,
            c.facts.source.line,
            c.field,
            `invoice ${c.facts.number} says ${quote(c.record)}, the client directory (${at}) says ${quote(c.directory)}: the invoice's is used${others}`,
            'correct the one that is wrong: the directory fills only what an invoice leaves empty',
          ),
        );
      }
    }
    this.conflicts.clear();
  }

  private disagree(facts: InvoiceFacts, field: InvoiceField, entry: ClientEntry, directoryField: DirectoryField, record: string, directory: string): void {
    let byField = this.conflicts.get(entry);
    if (byField === undefined) this.conflicts.set(entry, (byField = new Map()));
    const seen = byField.get(field);
    if (seen === undefined) byField.set(field, { facts, field, entry, directoryField, record, directory, others: 0 });
    else seen.others += 1;
  }
}

function sameEmails(a: readonly string[], b: readonly string[]): boolean {
  const key = (list: readonly string[]) => [...new Set(list.map((x) => x.toLowerCase()))].sort().join(';');
  return key(a) === key(b);
}

function sameTerms(a: PaymentTerms, b: PaymentTerms): boolean {
  return a.days === b.days && a.endOfMonth === b.endOfMonth && (!a.endOfMonth || a.endOfMonthFirst === b.endOfMonthFirst);
}
