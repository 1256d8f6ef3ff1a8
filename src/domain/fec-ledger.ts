// The open receivables a FEC shows on a given day, per customer, from its customer-account
// lines: what a credit controller reads off the "balance âgée" of the 411 accounts.
//
// - customer = CompAuxNum, else CompteNum; name = CompAuxLib, else CompteLib;
// - a lettered group (one EcritureLet on one account of one customer, case aside) whose
//   DateLet is on or before the as-of date is settled: summing to zero, it vanishes; not
//   summing to zero (partial lettering), its credits pay its debits and the rest stays open;
//   lettered later than the as-of date, its lines count as unlettered;
// - an unlettered debit is an invoice: number = PieceRef, else EcritureLib when PieceRef is a
//   placeholder; issue date = PieceDate, else EcritureDate;
// - an unlettered credit pays the invoice it names (PieceRef or a word of EcritureLib), else
//   the oldest open one, as a payment on its date; what is left is the customer's
//   unallocated credit;
// - 416 (clients douteux) items are flagged doubtful; 419 (advances, credits to grant) lines
//   net among themselves, what is left of their credits pays like any credit;
// - an opening entry (AN) without a usable piece reference is a balance of unknown age;
// - lines in another currency (Idevise) and lines dated after the as-of date are left out.

import type { Day } from './dates.js';
import { formatFrenchDay, validDay } from './dates.js';
import type { Credit } from './fec-allocation.js';
import { Allocator, paidOf } from './fec-allocation.js';
import type { FecLine } from './fec-line.js';
import type { Issue } from './issue.js';
import { warning } from './issue.js';
import type { Cents } from './money.js';
import { formatEurosFr } from './money.js';
import { formatCount } from './user-text.js';

export type FecFlag = 'doubtful' | 'opening-balance-unknown-age';

export interface FecPayment {
  date: Day;
  amount: Cents;
}

/** An invoice still (partly) unpaid on the as-of date. */
export interface FecOpenItem {
  customer: string;
  name: string;
  account: string;
  number: string;
  /** null: an opening balance of unknown age (flagged), not to be reminded until dated. */
  issueDate: Day | null;
  /** The invoice's amount, TTC; what is open is this minus the payments. */
  amount: Cents;
  payments: FecPayment[];
  flags: FecFlag[];
  /** The FEC lines it comes from: the invoice's, then those of the credits that paid it. */
  lines: number[];
  /** The EcritureDate of its line (for an opening balance, the day the books were opened). */
  entryDate: Day;
  /** From a due-date column a tool added after the 18 fields; null: none (terms decide). */
  dueDate: Day | null;
}

/** What a customer has paid or been credited beyond its open invoices. */
export interface FecCredit {
  customer: string;
  name: string;
  amount: Cents;
  lines: number[];
}

export interface FecLedger {
  items: FecOpenItem[];
  credits: FecCredit[];
  issues: Issue[];
}

// Written in PieceRef by tools that have none to give (the DGFiP's checker reports an empty one).
const PLACEHOLDERS = new Set(['', '-', '--', '.', '?', 'X', 'NC', 'N/C', 'NA', 'N/A', 'ND', 'SANS', 'AUCUN', 'AUCUNE', 'NEANT', 'NÉANT', 'SANS_PIECE_REF', 'SANSPIECEREF', 'SANS PIECE', 'SANS_REF', 'PAS DE PIECE']);

export function isPlaceholderRef(ref: string): boolean {
  if (ref.length > 14) return false; // longer than SANS_PIECE_REF: a reference
  const r = ref.trim().toUpperCase();
  return PLACEHOLDERS.has(r) || /^0+$/.test(r);
}

/** The closing date in a FEC's name, `SIRENFECAAAAMMJJ` (art. A47 A-1 LPF), or null. */
export function fecClosingDate(fileName: string): Day | null {
  const m = /(?:^|[^0-9])\d{9}FEC(\d{4})(\d{2})(\d{2})(?![0-9])/i.exec(fileName);
  if (!m) return null;
  return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

const isDoubtful = (account: string): boolean => account.startsWith('416');
const isAdvance = (account: string): boolean => account.startsWith('419');
const dateOf = (l: FecLine): Day => l.pieceDate ?? l.entryDate;

/** The open items and unallocated credits on `asOf`, from the customer-account lines of one FEC. */
export function computeFecLedger(lines: readonly FecLine[], asOf: Day, file: string): FecLedger {
  const issues: Issue[] = [];
  const byCustomer = new Map<string, FecLine[]>();
  const foreign = { count: 0, first: 0, currencies: new Set<string>() };
  const later = { count: 0, first: 0 };
  for (const l of lines) {
    if (l.currency !== '' && l.currency !== 'EUR') {
      if (foreign.count++ === 0) foreign.first = l.line;
      foreign.currencies.add(l.currency);
      continue;
    }
    if (l.entryDate > asOf) {
      if (later.count++ === 0) later.first = l.line;
      continue;
    }
    if (l.amount === 0) continue;
    const key = l.auxAccount || l.account;
    const list = byCustomer.get(key);
    if (list) list.push(l);
    else byCustomer.set(key, [l]);
  }
  if (foreign.count > 0) {
    const which = [...foreign.currencies].sort().join(', ');
    issues.push(warning(file, foreign.first, 'Idevise', `${formatCount(foreign.count)} customer line${foreign.count > 1 ? 's' : ''} in ${which}, not EUR: left out`, 'relance chases euro invoices; follow the others by hand'));
  }
  if (later.count > 0) {
    issues.push(warning(file, later.first, 'EcritureDate', `${formatCount(later.count)} customer line${later.count > 1 ? 's' : ''} dated after the as-of date ${formatFrenchDay(asOf)}: left out`, 'give a later as-of date to count them'));
  }

  const sharedOpeningRefs = openingRefsOfSeveralCustomers(byCustomer);
  const items: FecOpenItem[] = [];
  const credits: FecCredit[] = [];
  for (const [customer, own] of byCustomer) {
    const first = own.find((l) => (l.auxAccount ? l.auxLabel : l.accountLabel) !== '') ?? own[0]!;
    const name = first.auxAccount ? first.auxLabel : first.accountLabel;
    const book = new CustomerBook(customer, name, sharedOpeningRefs);
    book.take(own, asOf, file, issues);
    for (const item of book.openItems()) items.push(item); // maybe 100 000: no spread (stack)
    const credit = book.unallocated();
    if (credit !== null) credits.push(credit);
  }
  return { items, credits, issues };
}

/** PieceRefs of opening lines found on two customers or more: a batch reference, no invoice's. */
function openingRefsOfSeveralCustomers(byCustomer: ReadonlyMap<string, readonly FecLine[]>): Set<string> {
  const owner = new Map<string, string>();
  const shared = new Set<string>();
  for (const [customer, own] of byCustomer) {
    for (const l of own) {
      if (!l.opening || l.amount < 0) continue;
      const seen = owner.get(l.pieceRef);
      if (seen === undefined) owner.set(l.pieceRef, customer);
      else if (seen !== customer) shared.add(l.pieceRef);
    }
  }
  return shared;
}

/** One customer's lines turned into open items, payments and what is left over. */
class CustomerBook {
  private readonly items: FecOpenItem[] = [];
  private readonly leftover: { amount: Cents; lines: number[] } = { amount: 0, lines: [] };
  private lines: readonly FecLine[] = [];
  private dates: Map<string, Day> | null = null;

  constructor(
    private readonly customer: string,
    private readonly name: string,
    private readonly sharedOpeningRefs: ReadonlySet<string>,
  ) {}

  take(lines: readonly FecLine[], asOf: Day, file: string, issues: Issue[]): void {
    const advances: FecLine[] = [];
    // Account → letter (case aside) → its lines: two short keys, no string built a line.
    const groups = new Map<string, Map<string, FecLine[]>>();
    const free: FecLine[] = [];
    for (const l of lines) {
      if (isAdvance(l.account)) advances.push(l);
      else if (l.letter !== '' && (l.letterDate === null || l.letterDate <= asOf)) {
        let byLetter = groups.get(l.account);
        if (byLetter === undefined) groups.set(l.account, (byLetter = new Map()));
        const letter = l.letter.toLowerCase();
        const group = byLetter.get(letter);
        if (group) group.push(l);
        else byLetter.set(letter, [l]);
      } else free.push(l);
    }
    this.lines = lines;
    const pieces: Credit[] = [];
    for (const group of [...groups.values()].flatMap((byLetter) => [...byLetter.values()])) {
      let sum = 0;
      for (const l of group) sum += l.amount;
      if (sum === 0) continue;
      // Partly lettered: its own credits pay its own invoices first.
      const own = new Allocator(group.filter((l) => l.amount > 0).map((l) => this.invoice(l)));
      for (const l of group) {
        if (l.amount >= 0) continue;
        const p = piece(l);
        own.allocate(p);
        if (p.left > 0) pieces.push(p);
      }
    }
    for (const l of free) {
      if (l.amount > 0) this.invoice(l);
      else pieces.push(piece(l));
    }
    pieces.push(...netAdvances(advances, file, issues));
    pieces.sort((a, b) => a.date - b.date || a.line - b.line);
    const all = new Allocator(this.items);
    for (const p of pieces) {
      all.allocate(p);
      if (p.left === 0) continue;
      this.leftover.amount += p.left;
      this.leftover.lines.push(p.line);
    }
  }

  openItems(): FecOpenItem[] {
    return this.items.filter((i) => paidOf(i) < i.amount).sort((a, b) => a.lines[0]! - b.lines[0]!);
  }

  unallocated(): FecCredit | null {
    if (this.leftover.amount === 0) return null;
    return { customer: this.customer, name: this.name, amount: this.leftover.amount, lines: [...this.leftover.lines].sort((a, b) => a - b) };
  }

  /** A debit line made an invoice, kept in this book. */
  private invoice(l: FecLine): FecOpenItem {
    const refUsable = !isPlaceholderRef(l.pieceRef) && !(l.opening && (this.sharedOpeningRefs.has(l.pieceRef) || l.pieceRef === l.journal || l.pieceRef === l.entry));
    const number = refUsable ? l.pieceRef : l.label !== '' ? l.label : `${l.journal} ${l.entry}`;
    // One opening balance for the account: no invoice to date it by.
    const unknownAge = l.opening && !refUsable && !(l.pieceDate !== null && l.pieceDate < l.entryDate);
    const flags: FecFlag[] = [];
    if (isDoubtful(l.account)) flags.push('doubtful');
    if (unknownAge) flags.push('opening-balance-unknown-age');
    // A doubtful debt moved to 416 keeps the age of the invoice it came from.
    const original = isDoubtful(l.account) ? this.invoiceDates().get(number.toLowerCase()) : undefined;
    const item: FecOpenItem = {
      customer: this.customer,
      name: this.name,
      account: l.account,
      number,
      issueDate: unknownAge ? null : (original ?? dateOf(l)),
      amount: l.amount,
      payments: [],
      flags,
      lines: [l.line],
      entryDate: l.entryDate,
      dueDate: l.dueDate,
    };
    this.items.push(item);
    return item;
  }

  /** The earliest date of each invoice number on the customer's accounts other than 416 (asked for 416 debts only). */
  private invoiceDates(): Map<string, Day> {
    if (this.dates !== null) return this.dates;
    const dates = new Map<string, Day>();
    this.dates = dates;
    for (const l of this.lines) {
      if (l.amount <= 0 || isDoubtful(l.account) || isPlaceholderRef(l.pieceRef)) continue;
      const key = l.pieceRef.toLowerCase();
      const seen = dates.get(key);
      if (seen === undefined || dateOf(l) < seen) dates.set(key, dateOf(l));
    }
    return dates;
  }
}

function piece(l: FecLine): Credit {
  const refs = [l.pieceRef, ...l.label.split(/[\s,;:()[\]"'«»]+/)].map((r) => r.replace(/\.$/, '').toLowerCase()).filter((r) => r !== '');
  return { date: dateOf(l), left: -l.amount, line: l.line, account: l.account, refs };
}

/**
 * 419 lines of one customer: its debits (an advance applied to an invoice, or refunded) use
 * up its oldest credits first; the credits left pay like any other.
 */
function netAdvances(advances: readonly FecLine[], file: string, issues: Issue[]): Credit[] {
  const credits = advances.filter((l) => l.amount < 0).map(piece);
  credits.sort((a, b) => a.date - b.date || a.line - b.line);
  let used = 0;
  for (const l of advances) if (l.amount > 0) used += l.amount;
  for (const c of credits) {
    const take = Math.min(c.left, used);
    c.left -= take;
    used -= take;
  }
  if (used > 0) {
    const first = advances.find((l) => l.amount > 0)!;
    issues.push(warning(file, first.line, 'CompteNum', `account ${first.account} of ${first.auxAccount || first.account} is in debit by ${formatEurosFr(used)} (more applied than received): left out`, 'check the 419 entries of this customer'));
  }
  return credits.filter((c) => c.left > 0);
}
