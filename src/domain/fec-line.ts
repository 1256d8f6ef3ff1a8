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
}

const fold = (name: string): string =>
  name
    .trim()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const STANDARD = FEC_FIELDS.map(fold);
const SIGNED = SIGNED_FIELDS.map(fold);

/** The layout of a FEC from its first line (without BOM or line end), or null when it is no FEC header. */
export function fecLayoutOf(headerLine: string): FecLayout | null {
  for (const delimiter of ['\t', '|'] as const) {
    const names = headerLine.split(delimiter);
    if (names.length < FEC_FIELDS.length) continue;
    const folded = names.slice(0, FEC_FIELDS.length).map(fold);
    if (folded.every((n, i) => n === STANDARD[i])) return { delimiter, amounts: 'debit-credit', width: names.length };
    if (folded.every((n, i) => n === SIGNED[i])) return { delimiter, amounts: 'montant-sens', width: names.length };
  }
  return null;
}

const DATE = /^(\d{4})(\d{2})(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;

/** `20261231` (a time after it, as some tools add, is ignored); null when it is none. */
export function parseFecDate(text: string): Day | null {
  const m = DATE.exec(text);
  return m ? validDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

const AMOUNT = /^([+-]?)(\d+)(?:[,.](\d*))?$/;

/**
 * `1234,56`, `-80,5`, `1200` (a point is taken as the decimal mark too: no thousands
 * separator is allowed, so it cannot be one). Decimals past the second must be zeros.
 * '' is 0. Returns cents, or null.
 */
export function parseFecAmount(text: string): Cents | null {
  if (text === '') return 0;
  const m = AMOUNT.exec(text);
  if (!m) return null;
  const decimals = m[3] ?? '';
  if (decimals.length > 2 && !/^0*$/.test(decimals.slice(2))) return null;
  const cents = Number(m[2]) * 100 + Number(decimals.slice(0, 2).padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return m[1] === '-' ? -cents : cents;
}

const OPENING_CODES = new Set(['AN', 'RAN', 'ANO', 'ANX']);

/** AN, RAN…, or a journal named "A-nouveaux", "Report à nouveau". */
export function isOpeningJournal(code: string, label: string): boolean {
  return OPENING_CODES.has(code.toUpperCase()) || fold(label).replace(/[^a-z]+/g, ' ').includes('a nouveau');
}

const DATE_HINT = 'the FEC writes dates as AAAAMMJJ, e.g. 20261231';
const AMOUNT_HINT = 'the FEC writes amounts with a decimal comma and no thousands separator, e.g. 1234,56 or -80,00';

/**
 * Reads the kept lines into `FecLine`s. Repeated texts (accounts, names, journals) are
 * kept once: a million-line file holds a few thousand distinct ones.
 */
export class FecLineReader {
  private readonly pool = new Map<string, string>();
  private readonly journals = new Map<string, boolean>();

  constructor(
    private readonly layout: FecLayout,
    private readonly file: string,
  ) {}

  /** The line, or null with its problems pushed onto `issues`. */
  read(values: readonly string[], line: number, issues: Issue[]): FecLine | null {
    const field = (i: number): string => {
      const v = values[i]!;
      return v.length > 0 && (v.charCodeAt(0) === 32 || v.charCodeAt(v.length - 1) === 32) ? v.trim() : v;
    };
    const before = issues.length;
    const fail = (name: string, message: string, hint: string): null => {
      issues.push(error(this.file, line, name, message, hint));
      return null;
    };
    const date = (i: number, required: boolean): Day | null => {
      const text = field(i);
      if (text === '') return required ? fail(FEC_FIELDS[i]!, 'no date', DATE_HINT) : null;
      const day = parseFecDate(text);
      if (day !== null) return day;
      const real = /^\d{8}$/.test(text);
      return fail(FEC_FIELDS[i]!, real ? `${quote(text)} is not a real date` : `${quote(text)} is not a date AAAAMMJJ`, DATE_HINT);
    };
    const entryDate = date(3, true);
    const pieceDate = date(9, false);
    const letterDate = date(14, false);
    const amount = this.layout.amounts === 'debit-credit' ? this.debitCredit(field(11), field(12), fail) : this.signed(field(11), field(12), fail);
    if (issues.length > before || entryDate === null || amount === null) return null;

    const journal = this.keep(field(0));
    return {
      line,
      journal,
      opening: this.openingJournal(journal, field(1)),
      entry: field(2),
      entryDate,
      account: this.keep(field(4)),
      accountLabel: this.keep(field(5)),
      auxAccount: this.keep(field(6)),
      auxLabel: this.keep(field(7)),
      pieceRef: field(8),
      pieceDate,
      label: field(10),
      amount,
      letter: this.keep(field(13)),
      letterDate,
      currency: this.keep(field(17).toUpperCase()),
    };
  }

  private debitCredit(debitText: string, creditText: string, fail: (name: string, message: string, hint: string) => null): Cents | null {
    const debit = parseFecAmount(debitText);
    const credit = parseFecAmount(creditText);
    if (debit === null) fail('Debit', `${quote(debitText)} is not an amount`, AMOUNT_HINT);
    if (credit === null) fail('Credit', `${quote(creditText)} is not an amount`, AMOUNT_HINT);
    return debit === null || credit === null ? null : debit - credit;
  }

  private signed(amountText: string, senseText: string, fail: (name: string, message: string, hint: string) => null): Cents | null {
    const amount = parseFecAmount(amountText);
    if (amount === null) fail('Montant', `${quote(amountText)} is not an amount`, AMOUNT_HINT);
    const sense = senseText.toUpperCase();
    const sign = sense === 'D' || sense === '+1' ? 1 : sense === 'C' || sense === '-1' ? -1 : 0;
    if (sign === 0) fail('Sens', senseText === '' ? 'no sense (D or C)' : `${quote(senseText)} is neither D nor C`, 'the Sens column holds D (debit) or C (credit), or +1 / -1');
    return amount === null || sign === 0 ? null : sign * amount;
  }

  private keep(text: string): string {
    const kept = this.pool.get(text);
    if (kept !== undefined) return kept;
    this.pool.set(text, text);
    return text;
  }

  private openingJournal(code: string, label: string): boolean {
    const key = `${code}\u0000${label}`;
    let opening = this.journals.get(key);
    if (opening === undefined) {
      opening = isOpeningJournal(code, label);
      this.journals.set(key, opening);
    }
    return opening;
  }
}
