// What one record says (a CSV row, a YAML entry), read and checked field by field with
// every problem reported at once, and nothing assumed: a field the file does not give
// stays null. What applies when it does not say (the config's defaults, and later a
// client directory) is added afterwards, by invoice-record.ts. Pure: the loaders read.

import type { Day } from './dates.js';
import { parseDate } from './dates.js';
import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { ClientType, Invoice, InvoiceStatus, Language } from './invoice.js';
import type { InvoiceField } from './invoice-fields.js';
import { normalizeName } from './invoice-fields.js';
import type { Cents, Rate } from './money.js';
import { formatEurosFr, parseAmount, parsePercent } from './money.js';
import { parseEmails } from './email-address.js';
import { readPayments } from './invoice-payments.js';
import type { RecordView } from './record-view.js';
import { trim } from './record-view.js';
import { MAX_FIELD_LENGTH, controlCharacterIn, formatCount, quote } from './user-text.js';
import type { PaymentTerms } from './payment-terms.js';
import { parsePaymentTerms } from './payment-terms.js';
import type { ClientAddress } from './client-address.js';
import { parseAddressText } from './client-address.js';
import { CLIENT_TYPE_WORDS, LANGUAGE_WORDS, SECTOR_WORDS, STATUS_WORDS } from './vocabulary.js';
import type { Sector } from './invoice.js';

/** An invoice as its record gives it: what the file does not say is null. */
export interface InvoiceFacts extends Omit<Invoice, 'clientType' | 'language' | 'currency' | 'dueDate' | 'dueDateSource'> {
  clientType: ClientType | null;
  language: Language | null;
  /** null: the file names no currency (euros, or the config's). */
  currency: string | null;
  dueDate: Day | null;
  /** The record's own terms, to count a due date from when it gives none. */
  paymentTerms: PaymentTerms | null;
  /** Where its due date is (or would be) written, for a message about it. */
  dueDateLine: number;
}

export function parseInvoiceStatus(text: string): InvoiceStatus | null {
  const key = normalizeName(text);
  return key === '' ? 'open' : (STATUS_WORDS[key] ?? null);
}

const NO_STRINGS: readonly string[] = Object.freeze([]);

/**
 * Reads records one at a time into what each says, pushing every problem into `issues`;
 * built once per file. An export repeats the same words, addresses and tags on many rows:
 * each distinct text is read once (dates are read digit by digit, faster than looking
 * them up). null: the record has errors (or is not to be chased: a credit note, another
 * currency — said in a warning).
 */
export function createFactsReader(file: string, issues: Issue[]): (view: RecordView) => InvoiceFacts | null {
  const statuses = new Cache<InvoiceStatus | null>(parseInvoiceStatus);
  const clientTypes = new Cache<ClientType | null>((t) => CLIENT_TYPE_WORDS[normalizeName(t)] ?? null);
  const languages = new Cache<Language | null>((t) => LANGUAGE_WORDS[normalizeName(t)] ?? null);
  const emailLists = new Cache(parseEmails);
  const tagLists = new Cache<readonly string[]>(parseTags);
  const addresses = new Cache<ClientAddress | null>(parseAddressText);
  const sectors = new Cache<Sector | null>((t) => SECTOR_WORDS[normalizeName(t)] ?? null);
  let errors = 0;
  const failAt = (line: number, field: InvoiceField, message: string, hint: string): null => {
    issues.push(error(file, line, field, message, hint));
    errors += 1;
    return null;
  };

  return function readFacts(row: RecordView): InvoiceFacts | null {
    const errorsBefore = errors;
    const text = (field: InvoiceField): string => trim(row.text(field));
    const fail = (field: InvoiceField, message: string, hint: string): null => failAt(row.lineOf(field), field, message, hint);
    const required = (field: InvoiceField, what: string): string | null => {
      const value = text(field);
      return value === '' ? fail(field, `empty: every invoice needs ${what}`, 'fill it in, or remove the line if it is not an invoice') : value;
    };
    const amountOf = (field: InvoiceField, value: string): Cents | null => {
      const cents = parseAmount(value);
      return cents === null ? fail(field, `${quote(value)} is not an amount`, 'write it like 1234.56, 1 234,56 or 1.234,56 €') : cents;
    };
    const dateField = (field: InvoiceField): Day | null | undefined => {
      const value = text(field);
      if (value === '') return undefined;
      const day = parseDate(value);
      return day === null ? fail(field, `${quote(value)} is not a real date`, 'write dd/mm/yyyy or yyyy-mm-dd, e.g. 31/01/2026') : day;
    };
    // undefined: the record does not say; null: it says something not understood.
    const fromWords = <T>(field: InvoiceField, words: Cache<T | null>, known: string): T | null | undefined => {
      const value = text(field);
      if (value === '') return undefined;
      return words.get(value) ?? fail(field, `${quote(value)} is not understood`, `use ${known}`);
    };

    // A name or a number goes into subjects, headers, tables and file names: no control
    // character (a line break, ESC, U+2028…) may ride along in it.
    const plainText = (field: InvoiceField, what: string): string | null => {
      const value = required(field, what);
      if (value === null) return null;
      const control = controlCharacterIn(value);
      return control === null ? value : fail(field, `${quote(value)} contains ${control}`, 'remove it: an invoice number or a client name is one line of plain text');
    };
    const number = plainText('number', 'a number');
    const client = plainText('client', 'a client');
    const amountText = required('amount', 'an amount');
    const clientCode = text('client_code');
    const codeControl = clientCode === '' ? null : controlCharacterIn(clientCode);
    if (codeControl !== null) fail('client_code', `${quote(clientCode)} contains ${codeControl}`, 'remove it: a client code is one line of plain text');
    const amount = amountText === null ? null : amountOf('amount', amountText);

    const emailText = row.text('email');
    const { emails, bad } = emailText === '' ? NO_EMAILS : emailLists.get(emailText);
    if (bad !== null) {
      const broken = /[\r\n]/.test(emailText);
      fail('email', broken ? `${quote(emailText)} contains a line break` : `${quote(bad)} is not an e-mail address`, 'write one address per recipient, separated by ";"');
    }

    const clientType = fromWords('client_type', clientTypes, 'b2b (professionnel), b2c (particulier) or public (acheteur public, collectivité)');
    const language = fromWords('language', languages, 'fr or en');
    const statusText = text('status');
    const status = (statusText === '' ? 'open' : statuses.get(statusText)) ?? fail('status', `${quote(statusText)} is not a status`, 'use open, paid, disputed, paused, cancelled or insolvency (payée, litige, annulée… work too)');

    const issueDate = dateField('issue_date');
    const dueDateGiven = dateField('due_date');
    const pausedUntil = dateField('paused_until');
    const noticeDate = dateField('notice_date');
    const insolvencyDate = dateField('insolvency_date');
    const bodaccDate = dateField('bodacc_date');
    const paidDate = dateField('paid_date');
    const deliveryDate = dateField('delivery_date');
    const sector = fromWords('sector', sectors, 'periodic, transport, perishable, perishable-periodic, livestock, alcohol or public-health');

    // Terms matter only to a record without a due date: beside one, any text will do.
    const termsText = dueDateGiven === undefined ? text('payment_terms') : '';
    const paymentTerms = termsText === '' ? null : parsePaymentTerms(termsText);
    if (termsText !== '' && paymentTerms === null) {
      fail('payment_terms', `${quote(termsText)} is not payment terms relance understands`, 'write e.g. 30 jours, 45 jours fin de mois, 60 jours, à réception');
    }

    let penaltyRate: Rate | null = null;
    const rateText = text('penalty_rate');
    if (rateText !== '') penaltyRate = parsePercent(rateText) ?? fail('penalty_rate', `${quote(rateText)} is not a rate`, 'write the annual rate in percent, e.g. 12 or 12,5 %');

    const payments = readPayments(row, text, amount, status, paidDate ?? null, amountOf, fail, failAt);
    const tagsText = text('tags');
    const tags = tagsText === '' ? NO_STRINGS : tagLists.get(tagsText);

    if (amount !== null && amount <= 0 && number !== null) {
      issues.push(warning(file, row.lineOf('amount'), 'amount', `${formatEurosFr(amount)} on invoice ${number}: a credit note or an empty invoice, not chased`, 'remove the line, or set its status to cancelled, to silence this'));
      return null;
    }
    if (errors > errorsBefore || number === null || client === null || amount === null || dueDateGiven === null || issueDate === null || payments === null || status === null || clientType === null || language === null || deliveryDate === null || sector === null) {
      return null;
    }
    const currency = text('currency').toUpperCase();
    if (currency !== '' && currency !== 'EUR' && currency !== '€') {
      issues.push(warning(file, row.lineOf('currency'), 'currency', `invoice ${number} is in ${currency}: relance chases invoices in euros only (French penalties, the €40 fee, euro totals), so it is left out`, 'chase it by hand, or remove the line to silence this'));
      return null;
    }
    const attachment = text('attachment');
    const addressText = text('client_address');
    // A collective proceeding opened: whatever the status column says, individual recovery
    // stops (art. L622-21 C. com.), so no reminders, and status shows the claim deadline.
    const opened = insolvencyDate !== undefined && insolvencyDate !== null && status !== 'paid' && status !== 'cancelled';
    return {
      number,
      client,
      emails,
      clientType: clientType ?? null,
      amount,
      currency: currency === '' || currency === '€' ? null : currency,
      issueDate: issueDate ?? null,
      dueDate: dueDateGiven ?? null,
      paymentTerms,
      dueDateLine: row.lineOf('due_date'),
      payments,
      status: opened ? 'insolvency' : status,
      pausedUntil: pausedUntil ?? null,
      noticeDate: noticeDate ?? null,
      insolvencyDate: insolvencyDate ?? null,
      bodaccDate: bodaccDate ?? null,
      tags,
      language: language ?? null,
      attachment: attachment === '' ? null : attachment,
      penaltyRate,
      source: { file, line: row.line },
      clientCode: clientCode === '' ? null : clientCode,
      clientAddress: addressText === '' ? null : addresses.get(addressText),
      contactName: null,
      balancesAsOf: row.balancesAsOf ?? null,
      deliveryDate: deliveryDate ?? null,
      sector: sector ?? null,
    };
  };
}

const NO_EMAILS = { emails: NO_STRINGS as string[], bad: null };

function parseTags(text: string): readonly string[] {
  return text
    .split(/[,;|]/)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
}

/** Remembers what a function said of each text, up to a bound (memory stays flat). */
class Cache<T> {
  private readonly seen = new Map<string, T>();
  constructor(private readonly compute: (text: string) => T) {}
  get(text: string): T {
    let value = this.seen.get(text);
    if (value === undefined && !this.seen.has(text)) {
      value = this.compute(text);
      if (this.seen.size < 50_000) this.seen.set(text, value);
    }
    return value as T;
  }
}

/** A value longer than MAX_FIELD_LENGTH: the same error for a CSV cell and a YAML value. */
export function fieldTooLong(file: string, line: number, field: string | undefined, length: number): Issue {
  return error(file, line, field, `a value of ${formatCount(length)} characters: at most ${formatCount(MAX_FIELD_LENGTH)}`, 'this is no invoice data: check the export (or the quotes on that line)');
}
