// What one record says (a CSV row, a YAML entry, a workbook's row), read and checked field
// by field with every problem reported at once, and nothing assumed: a field the file does
// not give stays null. A record is an invoice, a credit note (applied to invoices once all
// are read: credit-notes.ts), or a draft (left out, counted). What applies when it does not
// say (the config's defaults, a client directory) is added afterwards, by invoice-record.ts.

import type { Day, ZoneOffset } from './dates.js';
import { PARIS_OFFSET, parseDate } from './dates.js';
import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { ClientType, Invoice, Language } from './invoice.js';
import type { InvoiceField } from './invoice-fields.js';
import { normalizeName } from './invoice-fields.js';
import type { Cents, Rate } from './money.js';
import { parseAmount, parsePercent } from './money.js';
import { parseEmails } from './email-address.js';
import { readPayments } from './invoice-payments.js';
import { LineList, creditLeft, paidColumns, stateOf } from './record-state.js';
import type { RecordView } from './record-view.js';
import { trim } from './record-view.js';
import { MAX_FIELD_LENGTH, controlCharacterIn, formatCount, quote } from './user-text.js';
import type { PaymentTerms } from './payment-terms.js';
import { parsePaymentTerms } from './payment-terms.js';
import type { ClientAddress } from './client-address.js';
import { parseAddressText } from './client-address.js';
import type { StatusMeaning } from './vocabulary.js';
import { CLIENT_TYPE_WORDS, LANGUAGE_WORDS, SECTOR_WORDS, statusMeaningOf } from './vocabulary.js';
import type { Sector } from './invoice.js';

/** An invoice as its record gives it: what the file does not say is null. */
export interface InvoiceFacts extends Omit<Invoice, 'clientType' | 'language' | 'currency' | 'dueDate' | 'dueDateSource'> {
  readonly kind: 'invoice';
  clientType: ClientType | null;
  language: Language | null;
  /** null: the file names no currency (euros, or the config's). */
  currency: string | null;
  dueDate: Day | null;
  /** The record's own terms, to count a due date from when it gives none. */
  paymentTerms: PaymentTerms | null;
  /** Where its due date is (or would be) written, for a message about it. */
  dueDateLine: number;
  /** The client's SIREN or VAT number, when the file has one: a company. */
  siren: string | null;
}

/** A credit note: what it still has to give, for the invoice it names or the client's oldest one. */
export interface CreditNote {
  readonly kind: 'credit';
  number: string;
  client: string;
  /** What is left to allocate (positive): the file's balance of the credit note, else its whole amount. */
  amount: Cents;
  /** The day it counts from (its date); null when the file gives none. */
  date: Day | null;
  /** The invoice it reduces (`credit_for`), or null: the client's oldest open one. */
  creditFor: string | null;
  source: { file: string; line: number };
}

export interface FactsOptions {
  /** The config's `statuses:` map (normalised word → meaning). */
  statuses?: ReadonlyMap<string, StatusMeaning>;
  /** The config's time zone, for timestamps with a zone (default: Paris). */
  zone?: ZoneOffset;
}

export function parseInvoiceStatus(text: string, statuses?: ReadonlyMap<string, StatusMeaning>): StatusMeaning | null {
  return normalizeName(text) === '' ? 'open' : statusMeaningOf(text, statuses);
}

const NO_STRINGS: readonly string[] = Object.freeze([]);
const STATUS_HINT = 'use open, paid, disputed, paused, cancelled or insolvency (à régler, payée, payée en partie, litige, annulée, avoir, brouillon… work too)';

export interface FactsReader {
  /** What one record says; null when it has errors or is left out (a draft, another currency: said in a note). */
  read(view: RecordView): InvoiceFacts | CreditNote | null;
  /** The notes of the file, once it is read: drafts left out, balances unknown. */
  finish(): void;
}

/**
 * Reads records one at a time into what each says, pushing every problem into `issues`;
 * built once per file. An export repeats the same words, addresses and tags on many rows:
 * each distinct text is read once (dates are read digit by digit, faster than looking
 * them up).
 */
export function createFactsReader(file: string, issues: Issue[], options: FactsOptions = {}): FactsReader {
  const zone = options.zone ?? PARIS_OFFSET;
  const statuses = new Cache<StatusMeaning | null>((t) => parseInvoiceStatus(t, options.statuses));
  const clientTypes = new Cache<ClientType | null>((t) => CLIENT_TYPE_WORDS[normalizeName(t)] ?? null);
  const languages = new Cache<Language | null>((t) => LANGUAGE_WORDS[normalizeName(t)] ?? null);
  const emailLists = new Cache(parseEmails);
  const tagLists = new Cache<readonly string[]>(parseTags);
  const addresses = new Cache<ClientAddress | null>(parseAddressText);
  const sectors = new Cache<Sector | null>((t) => SECTOR_WORDS[normalizeName(t)] ?? null);
  const drafts = new LineList();
  const unknownBalances = new LineList();
  let errors = 0;
  const failAt = (line: number, field: InvoiceField, message: string, hint: string): null => {
    issues.push(error(file, line, field, message, hint));
    errors += 1;
    return null;
  };

  function read(row: RecordView): InvoiceFacts | CreditNote | null {
    const errorsBefore = errors;
    const text = (field: InvoiceField): string => trim(row.text(field));
    const fail = (field: InvoiceField, message: string, hint: string): null => failAt(row.lineOf(field), field, message, hint);

    // A draft is no invoice yet: left out before anything else is asked of it (it may have no number).
    const statusText = text('status');
    const meaning = statusText === '' ? 'open' : statuses.get(statusText);
    if (meaning === 'draft') {
      drafts.add(row.line, text('number'));
      return null;
    }
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
      const day = parseDate(value, zone);
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
    if (meaning === null) {
      fail('status', `${quote(statusText)} is not a status`, `${STATUS_HINT}, or name its state in relance.yaml: statuses: { ${yamlKey(statusText)}: open }`);
    }
    const issueDate = dateField('issue_date');

    // A credit note: a negative amount, or a credit status. What it gives is applied to
    // invoices once every file is read (credit-notes.ts).
    if (amount !== null && amount < 0 && meaning === 'cancelled') return null; // a credit note cancelled: nothing to give
    if (amount !== null && (amount < 0 || meaning === 'credit')) {
      const dueDate = dateField('due_date');
      const left = creditLeft(text, amount, meaning, amountOf);
      if (errors > errorsBefore || number === null || client === null || left === null) return null;
      const creditFor = text('credit_for');
      return { kind: 'credit', number, client, amount: left, date: issueDate ?? dueDate ?? null, creditFor: creditFor === '' ? null : creditFor, source: { file, line: row.line } };
    }

    const emailText = row.text('email');
    const { emails, bad } = emailText === '' ? NO_EMAILS : emailLists.get(emailText);
    if (bad !== null) {
      const broken = /[\r\n]/.test(emailText);
      fail('email', broken ? `${quote(emailText)} contains a line break` : `${quote(bad)} is not an e-mail address`, 'write one address per recipient, separated by ";"');
    }

    const clientType = fromWords('client_type', clientTypes, 'b2b (professionnel), b2c (particulier) or public (acheteur public, collectivité)');
    const language = fromWords('language', languages, 'fr or en');
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

    const paid = paidColumns(text, fail);
    const status = meaning === null || paid === null ? null : stateOf(meaning, paid.settled, paid.text, fail);
    const payments = status === null ? null : readPayments(row, paid?.text ?? text, amount, status, paidDate ?? null, amountOf, fail, failAt, zone);
    const tagsText = text('tags');
    const tags = tagsText === '' ? NO_STRINGS : tagLists.get(tagsText);

    if (amount === 0 && number !== null) {
      issues.push(warning(file, row.lineOf('amount'), 'amount', `invoice ${number} is of 0,00 €: nothing to chase`, 'remove the line, or set its status to cancelled, to silence this'));
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
    // Marked partly paid, and nothing says how much: listed, never chased (its balance is not known).
    const unknown = status === 'open' && meaning === 'partly-paid' && (paid?.text ?? text)('paid_amount') === '' && text('balance') === '' && (row.payments?.length ?? 0) === 0;
    if (unknown) unknownBalances.add(row.line, number);
    const attachment = text('attachment');
    const addressText = text('client_address');
    const siren = text('siren');
    // A collective proceeding opened: whatever the status column says, individual recovery
    // stops (art. L622-21 C. com.), so no reminders, and status shows the claim deadline.
    const opened = insolvencyDate !== undefined && insolvencyDate !== null && status !== 'paid' && status !== 'cancelled';
    return {
      kind: 'invoice',
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
      status: opened ? 'insolvency' : unknown ? 'balance-unknown' : status,
      pausedUntil: pausedUntil ?? null,
      noticeDate: noticeDate ?? null,
      insolvencyDate: insolvencyDate ?? null,
      bodaccDate: bodaccDate ?? null,
      tags,
      language: language ?? null,
      attachment: attachment === '' ? null : attachment,
      penaltyRate,
      siren: siren === '' ? null : siren,
      source: { file, line: row.line },
      clientCode: clientCode === '' ? null : clientCode,
      clientAddress: addressText === '' ? null : addresses.get(addressText),
      contactName: null,
      balancesAsOf: row.balancesAsOf ?? null,
      deliveryDate: deliveryDate ?? null,
      sector: sector ?? null,
    };
  }

  function finish(): void {
    if (drafts.count > 0) {
      issues.push(warning(file, undefined, 'status', `${drafts.describe('draft', 'drafts')} left out: a draft is no invoice yet`, 'nothing to do; relance reads it once it is issued'));
    }
    if (unknownBalances.count > 0) {
      const [first] = unknownBalances.numbers;
      issues.push(
        warning(
          file,
          unknownBalances.count === 1 ? unknownBalances.firstLine : undefined,
          'status',
          `${unknownBalances.describe('invoice', 'invoices', ['is', 'are'])} marked partly paid, and the file gives no paid amount or balance: listed as "balance-unknown", with no interest or fee, and not reminded until the balance is known`,
          `export the paid amount or the balance ("Montant encaissé", "Reste à payer"), or record what was paid: relance record ${first} paid-by-hand --amount 500`,
        ),
      );
    }
  }

  return { read, finish };
}

/** A key for the `statuses:` example in a hint, quoted as YAML reads any word. */
function yamlKey(word: string): string {
  return JSON.stringify(word);
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
