// From the text of one record (a CSV row, a YAML entry) to an Invoice, with every
// problem found reported at once. Pure: the loaders do the reading and the paths.

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
import { MAX_FIELD_LENGTH, controlCharacterIn, formatCount, quote } from './user-text.js';
import type { EndOfMonthRule, PaymentTerms } from './payment-terms.js';
import { dueDateFromTerms, parsePaymentTerms } from './payment-terms.js';

/** One field's text and the line it was read on. */
export interface RawField {
  text: string;
  line: number;
}

export interface RawPayment {
  date: RawField | undefined;
  amount: RawField | undefined;
  line: number;
}

export interface RawInvoice {
  line: number;
  fields: Partial<Record<InvoiceField, RawField>>;
  /** A YAML invoice's `payments:` list. */
  payments?: RawPayment[];
}

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

// Words found in the "Statut" column of French and English exports, normalised.
const STATUS_WORDS: Record<string, InvoiceStatus> = Object.fromEntries(
  (
    [
      ['open', ['open', 'ouverte', 'ouvert', 'enattente', 'impayee', 'impaye', 'apayer', 'enretard', 'due', 'unpaid', 'overdue', 'emise', 'envoyee', 'sent', 'partiellementpayee', 'partiellementreglee', 'partiel', 'partial', 'partiallypaid']],
      ['paid', ['paid', 'payee', 'paye', 'reglee', 'regle', 'soldee', 'solde', 'encaissee', 'settled']],
      ['disputed', ['disputed', 'litige', 'enlitige', 'contestee', 'conteste', 'contested']],
      ['paused', ['paused', 'pause', 'enpause', 'suspendue', 'suspendu', 'onhold']],
      ['cancelled', ['cancelled', 'canceled', 'annulee', 'annule', 'void', 'avoir']],
      ['insolvency', ['insolvency', 'insolvent', 'procedurecollective', 'redressement', 'redressementjudiciaire', 'liquidation', 'liquidationjudiciaire', 'sauvegarde']],
    ] as const
  ).flatMap(([status, words]) => words.map((w) => [w, status])),
);

const CLIENT_TYPE_WORDS: Record<string, ClientType> = {
  b2b: 'b2b', pro: 'b2b', professionnel: 'b2b', professionnelle: 'b2b', entreprise: 'b2b', societe: 'b2b', business: 'b2b', company: 'b2b',
  b2c: 'b2c', particulier: 'b2c', consommateur: 'b2c', consumer: 'b2c', individual: 'b2c', private: 'b2c',
};

const LANGUAGE_WORDS: Record<string, Language> = {
  fr: 'fr', francais: 'fr', french: 'fr', frfr: 'fr',
  en: 'en', anglais: 'en', english: 'en', engb: 'en', enus: 'en',
};

export function parseInvoiceStatus(text: string): InvoiceStatus | null {
  const key = normalizeName(text);
  return key === '' ? 'open' : (STATUS_WORDS[key] ?? null);
}

/**
 * One record as the validator reads it: the text of each field and the line it is on.
 * The CSV reader moves one view along its rows (no object per row); a YAML entry gets
 * its own.
 */
export interface RecordView {
  readonly line: number;
  /** The field's text as written ('' when absent). */
  text(field: InvoiceField): string;
  lineOf(field: InvoiceField): number;
  readonly payments?: readonly RawPayment[] | undefined;
}

export function rawInvoiceView(raw: RawInvoice): RecordView {
  return {
    line: raw.line,
    text: (field) => raw.fields[field]?.text ?? '',
    lineOf: (field) => raw.fields[field]?.line ?? raw.line,
    payments: raw.payments,
  };
}

const NO_STRINGS: readonly string[] = Object.freeze([]);

/**
 * Validates records one at a time, pushing every problem into `issues`; built once per
 * file. An export repeats the same words, addresses and tags on many rows: each distinct
 * text is read once (dates are read digit by digit, faster than looking them up).
 */
export function createInvoiceValidator(file: string, defaults: InvoiceDefaults, issues: Issue[]): (view: RecordView) => Invoice | null {
  const statuses = new Cache<InvoiceStatus | null>(parseInvoiceStatus);
  const clientTypes = new Cache<ClientType | null>((t) => CLIENT_TYPE_WORDS[normalizeName(t)] ?? null);
  const languages = new Cache<Language | null>((t) => LANGUAGE_WORDS[normalizeName(t)] ?? null);
  const emailLists = new Cache(parseEmails);
  const tagLists = new Cache<readonly string[]>(parseTags);
  let errors = 0;
  const failAt = (line: number, field: InvoiceField, message: string, hint: string): null => {
    issues.push(error(file, line, field, message, hint));
    errors += 1;
    return null;
  };

  return function validateInvoice(row: RecordView): Invoice | null {
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
    const fromWords = <T>(field: InvoiceField, words: Cache<T | null>, fallback: T, known: string): T | null => {
      const value = text(field);
      if (value === '') return fallback;
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
    const amount = amountText === null ? null : amountOf('amount', amountText);

    const emailText = row.text('email');
    const { emails, bad } = emailText === '' ? NO_EMAILS : emailLists.get(emailText);
    if (bad !== null) {
      const broken = /[\r\n]/.test(emailText);
      fail('email', broken ? `${quote(emailText)} contains a line break` : `${quote(bad)} is not an e-mail address`, 'write one address per recipient, separated by ";"');
    }

    const clientType = fromWords('client_type', clientTypes, defaults.clientType, 'b2b (professionnel) or b2c (particulier)');
    const language = fromWords('language', languages, defaults.language, 'fr or en');
    const statusText = text('status');
    const status = (statusText === '' ? 'open' : statuses.get(statusText)) ?? fail('status', `${quote(statusText)} is not a status`, 'use open, paid, disputed, paused, cancelled or insolvency (payée, litige, annulée… work too)');

    const issueDate = dateField('issue_date');
    const dueDateGiven = dateField('due_date');
    const pausedUntil = dateField('paused_until');
    const noticeDate = dateField('notice_date');
    const insolvencyDate = dateField('insolvency_date');
    const bodaccDate = dateField('bodacc_date');
    const paidDate = dateField('paid_date');

    let dueDate: Day | null = dueDateGiven ?? null;
    if (dueDateGiven === undefined) {
      const termsText = text('payment_terms');
      const terms = termsText === '' ? defaults.paymentTerms : parsePaymentTerms(termsText);
      if (termsText !== '' && terms === null) {
        fail('payment_terms', `${quote(termsText)} is not payment terms relance understands`, 'write e.g. 30 jours, 45 jours fin de mois, 60 jours, à réception');
      } else if (terms === null) {
        fail('due_date', 'no due date and no payment terms', 'add a due date (Échéance), payment terms (30 jours), or payment_terms: in relance.yaml');
      } else if (issueDate === undefined || issueDate === null) {
        if (issueDate === undefined) fail('issue_date', 'no invoice date to count the payment terms from', 'add the invoice date, or give the due date itself');
      } else {
        dueDate = dueDateFromTerms(issueDate, terms, defaults.endOfMonthRule);
      }
    }
    if (dueDate !== null && typeof issueDate === 'number' && dueDate < issueDate) {
      issues.push(warning(file, row.lineOf('due_date'), 'due_date', 'the due date is before the invoice date', 'check both dates'));
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
    if (errors > errorsBefore || number === null || client === null || amount === null || dueDate === null || payments === null || status === null || clientType === null || language === null) {
      return null;
    }
    const currency = text('currency').toUpperCase();
    if (currency !== '' && currency !== 'EUR' && currency !== '€') {
      issues.push(warning(file, row.lineOf('currency'), 'currency', `invoice ${number} is in ${currency}: relance chases invoices in euros only (French penalties, the €40 fee, euro totals), so it is left out`, 'chase it by hand, or remove the line to silence this'));
      return null;
    }
    const attachment = text('attachment');
    // A collective proceeding opened: whatever the status column says, individual recovery
    // stops (art. L622-21 C. com.), so no reminders, and status shows the claim deadline.
    const opened = insolvencyDate !== undefined && insolvencyDate !== null && status !== 'paid' && status !== 'cancelled';
    return {
      number,
      client,
      emails,
      clientType,
      amount,
      currency: currency === '' || currency === '€' ? defaults.currency : currency,
      issueDate: issueDate ?? null,
      dueDate,
      payments,
      status: opened ? 'insolvency' : status,
      pausedUntil: pausedUntil ?? null,
      noticeDate: noticeDate ?? null,
      insolvencyDate: insolvencyDate ?? null,
      bodaccDate: bodaccDate ?? null,
      tags,
      language,
      attachment: attachment === '' ? null : attachment,
      penaltyRate,
      source: { file, line: row.line },
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

/** Trims only when there is something to trim: most fields have nothing. */
export function trim(text: string): string {
  if (text === '') return text;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first <= 32 || last <= 32 || first === 0xa0 || last === 0xa0 ? text.trim() : text;
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
