// One line of a FEC (Fichier des Écritures Comptables) as relance keeps it, and the rules
// that read it: the header that tells a FEC, its dates, its amounts.
//
// The standard: art. A47 A-1 LPF (arrêté du 29 juillet 2013), commented in BOI-CF-IOR-60-40-20:
// a flat file whose first line names the fields, TAB or "|" separated, these 18 fields in
// this order (extra fields after them allowed), dates AAAAMMJJ, amounts signed with a decimal
// comma and no thousands separator. The DGFiP's own checker, Test Compta Demat
// (github.com/DGFiP/Test-Compta-Demat, src/testeur/fmt_arrete and trt_entete.pl), also takes
// `Montant` + `Sens` (D/C or +1/-1) in place of `Debit` + `Credit`, matches the names without
// regard to case and ignores spaces around a separator: so does this reader.

import type { Day } from './dates.js';
import { validDay } from './dates.js';
import type { Issue } from './issue.js';
import { error } from './issue.js';
import type { Cents } from './money.js';
import { quote } from './user-text.js';
import { normalizeName } from './invoice-fields.js';
import { fieldForHeader } from './vocabulary.js';

/** The 18 fields of art. A47 A-1 LPF, in their order. */
export const FEC_FIELDS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

/** Where the 12th and 13th fields are `Montant` and `Sens` instead of `Debit` and `Credit`. */
const SIGNED_FIELDS = FEC_FIELDS.map((f) => (f === 'Debit' ? 'Montant' : f === 'Credit' ? 'Sens' : f));

export type FecAmounts = 'debit-credit' | 'montant-sens';

/** How a FEC's lines are laid out, read off its header line. */
export interface FecLayout {
  delimiter: '\t' | '|';
  amounts: FecAmounts;
  /** The number of fields of the header: 18, or more with extra columns after the standard ones. */
  width: number;
  /** The column of a due date a tool added after the 18 (`due_date`, `DateEcheance`), or null. */
  dueDate: number | null;
}

/** One kept line (a customer account's), every field as the file gives it, dates and amounts read. */
export interface FecLine {
  /** 1-based line in the file. */
  line: number;
  journal: string;
  /** The journal is the opening entries' (AN, RAN, "A-nouveaux"). */
  opening: boolean;
  entry: string;
  entryDate: Day;
  account: string;
  accountLabel: string;
  /** CompAuxNum, '' when the file has none. */
  auxAccount: string;
  auxLabel: string;
  pieceRef: string;
  pieceDate: Day | null;
  label: string;
  /** Debit minus credit, in cents: a credit is negative. */
  amount: Cents;
  /** EcritureLet as written ('' when not lettered); groups compare it without regard to case. */
  letter: string;
  letterDate: Day | null;
  /** Idevise in capitals, '' when the file leaves it empty. */
  currency: string;
  /** From a due-date column after the 18 standard ones; null when there is none or it is empty. */
  dueDate: Day | null;
}

const fold = (name: string): string =>
  name
    .trim()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const STANDARD = FEC_FIELDS.map(fold);
const SIGNED = SIGNED_FIELDS.map(fold);

/** A due date a tool added after the standard fields, named as invoice files name it (`due_date`, `Date d'échéance`, `DateEcheance`). */
function dueDateColumn(names: readonly string[]): number | null {
  for (let i = FEC_FIELDS.length; i < names.length; i++) if (fieldForHeader(names[i]!) === 'due_date' || normalizeName(names[i]!) === 'dateecheance') return i;
  return null;
}

/** The layout of a FEC from its first line (without BOM or line end), or null when it is no FEC header. */
export function fecLayoutOf(headerLine: string): FecLayout | null {
  for (const delimiter of ['\t', '|'] as const) {
    const names = headerLine.split(delimiter);
    if (names.length < FEC_FIELDS.length) continue;
    const folded = names.slice(0, FEC_FIELDS.length).map(fold);
    if (folded.every((n, i) => n === STANDARD[i])) return { delimiter, amounts: 'debit-credit', width: names.length, dueDate: dueDateColumn(names) };
    if (folded.every((n, i) => n === SIGNED[i])) return { delimiter, amounts: 'montant-sens', width: names.length, dueDate: dueDateColumn(names) };
  }
  return null;
}

const DATE = /^(\d{4})(\d{2})(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;

/** `20261231` (a time after it, as some tools add, is ignored); null when it is none. */
export function parseFecDate(text: string): Day | null {
  if (text.length === 8) {
    // Nearly every date: digit by digit, no regex (a million lines hold three each).
    let v = 0;
    for (let i = 0; i < 8; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return null;
      v = v * 10 + d;
    }
    return validDay(Math.floor(v / 10_000), Math.floor(v / 100) % 100, v % 100);
  }
  const m = DATE.exec(text);
  return m ? validDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * `1234,56`, `-80,5`, `1200` (a point is taken as the decimal mark too: no thousands
 * separator is allowed, so it cannot be one). Decimals past the second must be zeros.
 * '' is 0. Returns cents, or null. Read character by character: two a line.
 */
export function parseFecAmount(text: string): Cents | null {
  const n = text.length;
  if (n === 0) return 0;
  let i = 0;
  const sign = text.charCodeAt(0);
  if (sign === 45 || sign === 43) i = 1; // - +
  let units = 0;
  const start = i;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    units = units * 10 + d;
  }
  if (i === start) return null;
  let cents = 0;
  if (i < n) {
    const mark = text.charCodeAt(i);
    if (mark !== 44 && mark !== 46) return null; // , .
    let decimals = 0;
    for (i++; i < n; i++, decimals++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return null;
      if (decimals < 2) cents = cents * 10 + d;
      else if (d !== 0) return null;
    }
    if (decimals === 1) cents *= 10;
  }
  const total = units * 100 + cents;
  if (!Number.isSafeInteger(total)) return null;
  return sign === 45 && total !== 0 ? -total : total;
}

const OPENING_CODES = new Set(['AN', 'RAN', 'ANO', 'ANX']);

/** AN, RAN…, or a journal named "A-nouveaux", "Report à nouveau". */
export function isOpeningJournal(code: string, label: string): boolean {
  return OPENING_CODES.has(code.toUpperCase()) || fold(label).replace(/[^a-z]+/g, ' ').includes('a nouveau');
}

interface Named {
  code: string;
  label: string;
}

/**
 * An account and its name, as already kept when they are the same: one short key hashed,
 * the name compared (hashing every name of a million lines costs more than reading it).
 */
function kept(pool: Map<string, Named>, code: string, label: string): Named {
  const known = pool.get(code);
  if (known === undefined) {
    const named = { code, label };
    pool.set(code, named);
    return named;
  }
  return known.label === label ? known : { code: known.code, label };
}

const DATE_HINT = 'the FEC writes dates as AAAAMMJJ, e.g. 20261231';
const AMOUNT_HINT = 'the FEC writes amounts with a decimal comma and no thousands separator, e.g. 1234,56 or -80,00';

/**
 * Reads the kept lines into `FecLine`s. Accounts and their names are kept once: a
 * million-line file holds a few thousand distinct ones.
 */
export class FecLineReader {
  private readonly accounts = new Map<string, Named>();
  private readonly auxes = new Map<string, Named>();
  private journal = { code: '', label: '', opening: false };
  // The line being read: fields, not closures, on a path taken for every kept line.
  private values: readonly string[] = [];
  private line = 0;
  private issues: Issue[] = [];

  constructor(
    private readonly layout: FecLayout,
    private readonly file: string,
  ) {}

  /** The line, or null with its problems pushed onto `issues`. */
  read(values: readonly string[], line: number, issues: Issue[]): FecLine | null {
    this.values = values;
    this.line = line;
    this.issues = issues;
    const before = issues.length;
    const entryDate = this.date(3, true);
    const pieceDate = this.date(9, false);
    const letterDate = this.date(14, false);
    const dueDate = this.layout.dueDate === null ? null : this.date(this.layout.dueDate, false, 'due_date');
    const amount = this.layout.amounts === 'debit-credit' ? this.debitCredit() : this.signed();
    if (issues.length > before || entryDate === null || amount === null) return null;
    const journal = this.field(0);
    const currency = this.field(17);
    const account = kept(this.accounts, this.field(4), this.field(5));
    const aux = kept(this.auxes, this.field(6), this.field(7));
    return {
      line,
      journal,
      opening: this.openingJournal(journal, this.field(1)),
      entry: this.field(2),
      entryDate,
      account: account.code,
      accountLabel: account.label,
      auxAccount: aux.code,
      auxLabel: aux.label,
      pieceRef: this.field(8),
      pieceDate,
      label: this.field(10),
      amount,
      letter: this.field(13),
      letterDate,
      currency: currency === '' ? '' : currency.toUpperCase(),
      dueDate,
    };
  }

  /** A field without the spaces some tools pad it with. */
  private field(i: number): string {
    const v = this.values[i]!;
    return v.length > 0 && (v.charCodeAt(0) === 32 || v.charCodeAt(v.length - 1) === 32) ? v.trim() : v;
  }

  private fail(name: string, message: string, hint: string): null {
    this.issues.push(error(this.file, this.line, name, message, hint));
    return null;
  }

  private date(i: number, required: boolean, name: string = FEC_FIELDS[i]!): Day | null {
    const text = this.field(i);
    if (text === '') return required ? this.fail(name, 'no date', DATE_HINT) : null;
    const day = parseFecDate(text);
    if (day !== null) return day;
    const real = /^\d{8}$/.test(text);
    return this.fail(name, real ? `${quote(text)} is not a real date` : `${quote(text)} is not a date AAAAMMJJ`, DATE_HINT);
  }

  private debitCredit(): Cents | null {
    const debitText = this.field(11);
    const creditText = this.field(12);
    const debit = parseFecAmount(debitText);
    const credit = parseFecAmount(creditText);
    if (debit === null) this.fail('Debit', `${quote(debitText)} is not an amount`, AMOUNT_HINT);
    if (credit === null) this.fail('Credit', `${quote(creditText)} is not an amount`, AMOUNT_HINT);
    return debit === null || credit === null ? null : debit - credit;
  }

  private signed(): Cents | null {
    const amountText = this.field(11);
    const senseText = this.field(12);
    const amount = parseFecAmount(amountText);
    if (amount === null) this.fail('Montant', `${quote(amountText)} is not an amount`, AMOUNT_HINT);
    const sense = senseText.toUpperCase();
    const sign = sense === 'D' || sense === '+1' ? 1 : sense === 'C' || sense === '-1' ? -1 : 0;
    if (sign === 0) this.fail('Sens', senseText === '' ? 'no sense (D or C)' : `${quote(senseText)} is neither D nor C`, 'the Sens column holds D (debit) or C (credit), or +1 / -1');
    return amount === null || sign === 0 ? null : sign * amount;
  }

  /** Whether the journal is the opening one: asked again only when the journal changes. */
  private openingJournal(code: string, label: string): boolean {
    const j = this.journal;
    if (code !== j.code || label !== j.label) this.journal = { code, label, opening: isOpeningJournal(code, label) };
    return this.journal.opening;
  }
}
