// The client directory (`clients:` in relance.yaml): one row per client, keyed by its code
// or its name, with what invoice exports rarely carry — e-mail, client type, language,
// payment terms, postal address, contact, tags. This reads and checks each row (every
// problem at once, file:line: field) and finds the row of an invoice's client; filling the
// invoice from it is client-fill.ts. Pure: io/client-files.ts reads the files.

import type { ClientAddress } from './client-address.js';
import { parseAddressText } from './client-address.js';
import { parseEmails } from './email-address.js';
import type { ClientType, Language } from './invoice.js';
import { normalizeName } from './invoice-fields.js';
import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { PaymentTerms } from './payment-terms.js';
import { parsePaymentTerms } from './payment-terms.js';
import { MAX_FIELD_LENGTH, controlCharacterIn, formatCount, quote } from './user-text.js';
import { CLIENT_TYPE_WORDS, HEADER_NAMES, LANGUAGE_WORDS } from './vocabulary.js';

export const DIRECTORY_FIELDS = ['client_code', 'client', 'email', 'client_type', 'language', 'payment_terms', 'address', 'address_2', 'address_3', 'postcode', 'city', 'country', 'contact', 'tags'] as const;

export type DirectoryField = (typeof DIRECTORY_FIELDS)[number];

// Each field's column names (the field's own name always works too). The invoice fields
// a directory shares keep the invoice files' names.
export const DIRECTORY_HEADER_NAMES: Readonly<Record<DirectoryField, readonly string[]>> = {
  client_code: [...HEADER_NAMES.client_code, 'Code', 'Compte', 'Account', 'Code tiers', 'Compte tiers'],
  client: [...HEADER_NAMES.client, 'Nom', 'Name', 'Tiers', 'Dénomination'],
  email: [...HEADER_NAMES.email, 'Emails', 'E-mails', 'Email comptabilité', 'Email facturation', 'Billing email'],
  client_type: HEADER_NAMES.client_type,
  language: HEADER_NAMES.language,
  payment_terms: HEADER_NAMES.payment_terms,
  address: ['Adresse', 'Adresse 1', 'Adresse ligne 1', 'Rue', 'Adresse postale', 'Adresse de facturation', 'Address', 'Address 1', 'Address line 1', 'Street', 'Billing address'],
  address_2: ['Adresse 2', 'Adresse ligne 2', "Complément d'adresse", 'Complément', 'Address 2', 'Address line 2'],
  address_3: ['Adresse 3', 'Adresse ligne 3', 'Address 3', 'Address line 3'],
  postcode: ['Code postal', 'CP', 'Postcode', 'Postal code', 'Zip', 'Zip code'],
  city: ['Ville', 'Commune', 'Localité', 'City', 'Town'],
  country: ['Pays', 'Country'],
  contact: ['Contact', 'Nom du contact', 'Interlocuteur', "À l'attention de", 'Attention', 'Contact name', 'Attn'],
  tags: HEADER_NAMES.tags,
};

const BY_NAME: ReadonlyMap<string, DirectoryField> = (() => {
  const map = new Map<string, DirectoryField>();
  for (const field of DIRECTORY_FIELDS) {
    map.set(normalizeName(field), field);
    for (const alias of DIRECTORY_HEADER_NAMES[field]) map.set(normalizeName(alias), field);
  }
  return map;
})();

/** The field a directory header names, or null for a column relance does not use. */
export function directoryFieldForHeader(header: string): DirectoryField | null {
  return BY_NAME.get(normalizeName(header)) ?? null;
}

/** Each field's column (0-based). */
export type DirectoryColumns = Partial<Record<DirectoryField, number>>;

/** A directory table's header matched to its fields, or null (with the problem) when it names neither code nor client. */
export function matchDirectoryHeader(header: readonly string[], file: string, line: number, issues: Issue[]): DirectoryColumns | null {
  const columns: DirectoryColumns = {};
  const seen = new Map<DirectoryField, string>();
  header.forEach((name, column) => {
    const field = directoryFieldForHeader(name);
    if (field === null) return;
    const taken = seen.get(field);
    if (taken !== undefined) {
      issues.push(warning(file, line, field, `the columns ${quote(taken)} and ${quote(name.trim())} both read as ${field}: ${quote(name.trim())} is ignored`, 'rename one of them'));
      return;
    }
    seen.set(field, name.trim());
    columns[field] = column;
  });
  if (columns.client_code === undefined && columns.client === undefined) {
    const found = header.slice(0, 20).map((h) => quote(h.trim())).join(', ');
    issues.push(error(file, line, 'client_code', `no column for the client code or the client name (columns found: ${found})`, 'name one "Code client" or "Client": the directory is keyed by either'));
    return null;
  }
  return columns;
}

/** One row of a directory as its reader hands it: each field's text and line. */
export interface DirectoryRow {
  readonly line: number;
  /** The field's text as written ('' when absent). */
  text(field: DirectoryField): string;
  lineOf(field: DirectoryField): number;
}

/** One client, as its row gives it: what the row does not say is null (or empty). */
export interface ClientEntry {
  code: string | null;
  name: string | null;
  emails: readonly string[];
  clientType: ClientType | null;
  language: Language | null;
  paymentTerms: PaymentTerms | null;
  address: ClientAddress | null;
  contactName: string | null;
  tags: readonly string[];
  file: string;
  line: number;
  /** The line of each field given (a YAML entry spreads over several). */
  lines: Partial<Record<DirectoryField, number>>;
}

/** Reads rows into entries, pushing every problem into `issues`; null: the row has errors. */
export function createClientReader(file: string, issues: Issue[]): (row: DirectoryRow) => ClientEntry | null {
  return (row) => {
    const before = issues.length;
    const fail = (field: DirectoryField, message: string, hint: string): null => {
      issues.push(error(file, row.lineOf(field), field, message, hint));
      return null;
    };
    const lines: Partial<Record<DirectoryField, number>> = {};
    const text = (field: DirectoryField): string => {
      const value = row.text(field).trim();
      if (value === '') return value;
      lines[field] = row.lineOf(field);
      if (value.length > MAX_FIELD_LENGTH) {
        fail(field, `a value of ${formatCount(value.length)} characters: at most ${formatCount(MAX_FIELD_LENGTH)}`, 'this is no client data: check the file');
        return '';
      }
      return value;
    };
    // A name, a code or an address line goes into headers, letters and messages: one line of plain text.
    const plain = (field: DirectoryField, what: string): string | null => {
      const value = text(field);
      if (value === '') return null;
      const control = controlCharacterIn(value);
      return control === null ? value : fail(field, `${quote(value)} contains ${control}`, `remove it: ${what} is one line of plain text`);
    };
    const words = <T>(field: DirectoryField, table: Readonly<Record<string, T>>, known: string): T | null => {
      const value = text(field);
      if (value === '') return null;
      return table[normalizeName(value)] ?? fail(field, `${quote(value)} is not understood`, `use ${known}`);
    };

    const code = plain('client_code', 'a client code');
    const name = plain('client', 'a client name');
    if (code === null && name === null && issues.length === before) {
      issues.push(error(file, row.line, 'client_code', 'neither a client code nor a client name: the row cannot be matched to any invoice', 'give the client code (the FEC’s CompAuxNum, e.g. C001) or the client name as the invoices write it'));
    }
    const emailText = text('email');
    const { emails, bad } = emailText === '' ? { emails: [], bad: null } : parseEmails(emailText);
    if (bad !== null) fail('email', /[\r\n]/.test(emailText) ? `${quote(emailText)} contains a line break` : `${quote(bad)} is not an e-mail address`, 'write one address per recipient, separated by ";"');
    const clientType = words('client_type', CLIENT_TYPE_WORDS, 'b2b (professionnel) or b2c (particulier)');
    const language = words('language', LANGUAGE_WORDS, 'fr or en');
    const termsText = text('payment_terms');
    const paymentTerms = termsText === '' ? null : parsePaymentTerms(termsText);
    if (termsText !== '' && paymentTerms === null) fail('payment_terms', `${quote(termsText)} is not payment terms relance understands`, 'write e.g. 30 jours, 45 jours fin de mois, 60 jours, à réception');
    const contactName = plain('contact', 'a contact name');
    const address = addressOf(text, fail);
    const tagsText = text('tags');
    const tags = tagsText === '' ? [] : tagsText.split(/[,;|]/).map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
    if (issues.length > before) return null;
    return { code, name, emails, clientType, language, paymentTerms, address, contactName, tags, file, line: row.line, lines };
  };
}

/**
 * The address from its parts: street lines, postcode, town, country. One street column
 * alone holding the whole address (`12 rue des Lilas, 75011 Paris`) is read as an invoice
 * file's address is.
 */
function addressOf(text: (field: DirectoryField) => string, fail: (field: DirectoryField, message: string, hint: string) => null): ClientAddress | null {
  const fields = ['address', 'address_2', 'address_3', 'postcode', 'city', 'country'] as const;
  const values = new Map(fields.map((f) => [f, text(f)] as const));
  for (const [field, value] of values) {
    const control = controlCharacterIn(value.replace(/\r?\n/g, ' '));
    if (control !== null) return fail(field, `${quote(value)} contains ${control}`, 'remove it: each part of an address is plain text');
  }
  const lines = (['address', 'address_2', 'address_3'] as const).flatMap((f) => values.get(f)!.split(/\r?\n/)).map((l) => l.trim()).filter((l) => l !== '');
  // A spreadsheet keeps 01000 as the number 1000: a French postcode has five digits.
  const postcode = /^\d{4}$/.test(values.get('postcode')!) && countryOf(values.get('country')!) === null ? `0${values.get('postcode')!}` : values.get('postcode')!;
  const city = values.get('city')!;
  const country = countryOf(values.get('country')!);
  if (lines.length === 0 && postcode === '' && city === '' && country === null) return null;
  if (postcode === '' && city === '' && lines.length > 0) {
    const parsed = parseAddressText(lines.join('\n'));
    if (parsed !== null && parsed.city !== '') return country === null ? parsed : { ...parsed, country };
  }
  return { lines, postcode, city, country };
}

const countryOf = (text: string): string | null => (text === '' || /^(france|fr|fra)$/i.test(text) ? null : text);

/** What an invoice's client finds in the directory. */
export type ClientMatch = { kind: 'none' } | { kind: 'one'; entry: ClientEntry; by: 'code' | 'name' } | { kind: 'several'; entries: readonly ClientEntry[] };

const NONE: ClientMatch = { kind: 'none' };

/** A code or a name as the index compares it: case, accents, spaces and punctuation aside, œ as oe. */
function keyOf(text: string): string {
  return normalizeName(text.replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').replace(/Æ/g, 'AE')) || text;
}

/** The directory's rows, indexed by code and by name (case, accents, spaces and punctuation aside). */
export class ClientDirectory {
  private readonly byCode = new Map<string, ClientEntry>();
  private readonly byName = new Map<string, ClientEntry[]>();
  /** Every code seen, kept rows or not, and where. */
  private readonly codes = new Map<string, string>();
  private count = 0;

  /** Adds a row; a code given twice is an error at the second row. */
  add(entry: ClientEntry, issues: Issue[]): void {
    if (entry.code !== null && !this.claim(entry.code, entry.file, entry.lines.client_code ?? entry.line, issues)) return;
    if (entry.code !== null) this.byCode.set(keyOf(entry.code), entry);
    if (entry.name !== null) {
      const key = keyOf(entry.name);
      const list = this.byName.get(key);
      if (list) list.push(entry);
      else this.byName.set(key, [entry]);
    }
    this.count += 1;
  }

  /** A row with problems is not kept, but its code is taken: a second row with it is told too. */
  addRejected(code: string, file: string, line: number, issues: Issue[]): void {
    if (code.trim() !== '') this.claim(code.trim(), file, line, issues);
  }

  /** Whether the code was free (and now is this row's); a code seen before is an error naming the first row. */
  private claim(code: string, file: string, line: number, issues: Issue[]): boolean {
    const key = keyOf(code);
    const first = this.codes.get(key);
    if (first !== undefined) {
      issues.push(error(file, line, 'client_code', `the client code ${quote(code)} is already at ${first}`, 'one row per client: merge the two rows, or correct the code'));
      return false;
    }
    this.codes.set(key, `${file}:${line}`);
    return true;
  }

  get size(): number {
    return this.count;
  }

  /**
   * The row of a client: by its code when the invoice gives one and a row has it; else by
   * its name, among the rows that give no other code (a row with another code is another
   * client of the same name).
   */
  match(code: string | null, name: string): ClientMatch {
    if (code !== null) {
      const entry = this.byCode.get(keyOf(code));
      if (entry !== undefined) return { kind: 'one', entry, by: 'code' };
    }
    const named = this.byName.get(keyOf(name));
    if (named === undefined) return NONE;
    const candidates = code === null ? named : named.filter((e) => e.code === null);
    if (candidates.length === 0) return NONE;
    if (candidates.length === 1) return { kind: 'one', entry: candidates[0]!, by: 'name' };
    return { kind: 'several', entries: candidates };
  }
}
