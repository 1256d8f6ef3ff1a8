// The settings of relance.yaml about the invoice files: where they are, how their columns
// and status words are named, which sheet of a workbook, and what applies when a row does
// not say (terms, client type, language).

import { resolve } from 'node:path';
import type { ClientType, Language } from '../domain/invoice.js';
import type { InvoiceField } from '../domain/invoice-fields.js';
import { INVOICE_FIELDS, isInvoiceField, normalizeName } from '../domain/invoice-fields.js';
import type { InvoiceDefaults } from '../domain/invoice-record.js';
import type { EndOfMonthRule } from '../domain/payment-terms.js';
import { parsePaymentTerms } from '../domain/payment-terms.js';
import { suggestion } from '../domain/closest.js';
import { quote } from '../domain/user-text.js';
import type { StatusMeaning } from '../domain/vocabulary.js';
import { STATUS_MEANINGS } from '../domain/vocabulary.js';
import type { ConfigReader } from './config-reader.js';

export const INVOICE_KEYS = ['invoices', 'columns', 'statuses', 'sheet', 'payment_terms', 'end_of_month', 'client_type', 'language', 'currency'] as const;

export interface InvoiceSettings {
  invoices: string[];
  columns: ReadonlyMap<string, InvoiceField>;
  statuses: ReadonlyMap<string, StatusMeaning>;
  sheet: string | null;
  defaults: InvoiceDefaults;
}

export function readInvoiceSettings(reader: ConfigReader): InvoiceSettings {
  let invoices: string[] = [];
  const raw = reader.data.invoices;
  if (raw === undefined || raw === null || raw === '') {
    reader.fail(['invoices'], 'no invoices file named', 'add "invoices: factures.csv" (a CSV, .xlsx or YAML file, or a list of them)');
  } else if (Array.isArray(raw)) {
    invoices = raw
      .map((v, i) => reader.text(['invoices', i], v))
      .filter((v): v is string => v !== null)
      .map((v) => resolve(reader.dir, v));
  } else {
    const one = reader.text(['invoices']);
    if (one !== null) invoices = [resolve(reader.dir, one)];
  }

  const columns = new Map<string, InvoiceField>();
  for (const [header, field] of Object.entries(reader.section('columns'))) {
    if (typeof field === 'string' && isInvoiceField(field)) columns.set(normalizeName(header), field);
    else {
      const otherwise = `fields: ${INVOICE_FIELDS.join(', ')}`;
      reader.fail(['columns', header], `${quote(String(field))} is not an invoice field`, typeof field === 'string' ? suggestion(field, INVOICE_FIELDS, otherwise) : otherwise);
    }
  }

  // `statuses: { "À facturer": open, "Relancée 2": open }`: a word of the user's tool, and its state.
  const statuses = new Map<string, StatusMeaning>();
  for (const [word, meaning] of Object.entries(reader.section('statuses'))) {
    const key = normalizeName(word);
    if (typeof meaning === 'string' && (STATUS_MEANINGS as readonly string[]).includes(meaning) && key !== '') statuses.set(key, meaning as StatusMeaning);
    else {
      const otherwise = `the states are: ${STATUS_MEANINGS.join(', ')}`;
      reader.fail(['statuses', word], key === '' ? `${quote(word)} is no status word` : `${quote(String(meaning))} is not a state`, typeof meaning === 'string' ? suggestion(meaning, STATUS_MEANINGS, otherwise) : otherwise);
    }
  }

  const termsText = reader.text(['payment_terms']);
  const paymentTerms = termsText === null ? null : parsePaymentTerms(termsText);
  if (termsText !== null && paymentTerms === null) {
    reader.fail(['payment_terms'], `${quote(termsText)} is not payment terms relance understands`, 'write e.g. 30 jours, 45 jours fin de mois, à réception');
  }
  const defaults: InvoiceDefaults = {
    paymentTerms,
    endOfMonthRule: reader.oneOf<EndOfMonthRule>('end_of_month', ['days-then-eom', 'eom-then-days'], 'days-then-eom'),
    // Not said: a client's name decides (a title or no company form: b2c, said in a warning).
    clientType: reader.data.client_type === undefined || reader.data.client_type === null ? null : reader.oneOf<ClientType>('client_type', ['b2b', 'b2c', 'public'], 'b2b'),
    language: reader.oneOf<Language>('language', ['fr', 'en'], 'fr'),
    currency: reader.text(['currency']) ?? 'EUR',
    // `sector:` is a law setting (config-law.ts): config.ts puts it here for the invoices.
    sector: null,
  };
  return { invoices, columns, statuses, sheet: reader.text(['sheet']), defaults };
}
