// Late-payment interest and the €40 recovery indemnity, as LAW.md states them:
// balance × annual rate × days / 365, split at half-year boundaries and payments,
// summed exactly and rounded once to the cent.

import type { Day, HalfYear } from './dates.js';
import { formatIsoDay, halfYearKey, halfYearOf, halfYearStart, nextHalfYear } from './dates.js';
import type { ClientType, Payment } from './invoice.js';
import { paymentDay } from './invoice.js';
import type { Cents, Rate } from './money.js';
import type { Numerator } from './money.js';
import { INTEREST_DENOMINATOR, addNumerators, formatCents, formatPercent, interestNumerator, roundHalfUp } from './money.js';
import type { HalfYearRates, RateTable } from './rates.js';
import { rateTableSpan } from './rates.js';
import { carriedRatesWarning, isCarriedRatesWarning, ratesOrCarried } from './carried-rates.js';

export type Regime = ClientType;
export type RateMode = 'half-year' | 'fixed';

export interface PenaltyInput {
  principal: Cents;
  dueDate: Day;
  payments: readonly Payment[];
  /** The payment date, or today while unpaid: the last day that can accrue interest. */
  endDate: Day;
  regime: Regime;
  contractualRate?: Rate | null;
  rateMode?: RateMode;
  noticeDate?: Day | null;
  insolvencyDate?: Day | null;
}

export interface PenaltyPeriod {
  from: Day;
  to: Day;
  days: number;
  balance: Cents;
  rate: Rate;
  /** This period alone rounded to the cent, for display: the total is rounded once from the exact sum. */
  interest: Cents;
  provisional: boolean;
}

export interface PenaltyResult {
  regime: Regime;
  principal: Cents;
  dueDate: Day;
  endDate: Day;
  daysLate: number;
  /** The mode applied (B2C always follows half-years). */
  rateMode: RateMode;
  periods: PenaltyPeriod[];
  interest: Cents;
  flatFee: Cents;
  /** Still due at the end date. */
  balance: Cents;
  /** balance + interest + flatFee */
  total: Cents;
  warnings: string[];
}

export const NO_NOTICE_WARNING = 'no formal notice recorded: B2C interest will run from the day after a formal notice (mise en demeure, art. 1231-6 C. civ.)';
const ROUNDING_NOTE = "the periods' interest";

/**
 * What a warning of this engine is about, for a caller that lists many invoices: a
 * provisional rate is the same news for all of them, a missing notice is worth a count,
 * the rounding of displayed periods matters only where periods are displayed.
 */
export function warningKind(warning: string): 'provisional' | 'no-notice' | 'rounding' | 'other' {
  if (warning === NO_NOTICE_WARNING) return 'no-notice';
  if (warning.startsWith(ROUNDING_NOTE)) return 'rounding';
  if (warning.includes(' is provisional: ') || isCarriedRatesWarning(warning)) return 'provisional';
  return 'other';
}

/** Whether any figure of this result uses a provisional rate (carried forward, or marked so). */
export function isProvisional(result: PenaltyResult): boolean {
  return result.periods.some((p) => p.provisional);
}

/** The recovery indemnity, €40 once per invoice (art. L441-10 II and D441-5 C. com.). */
export const FLAT_FEE: Cents = 4000;
const FLOOR_MULTIPLE = 3;

/** A day of delay falls before the table's first half-year: nothing is known there to carry. */
export class MissingRateError extends Error {
  readonly halfYear: string;
  /** What is missing: `no rate for 2014-H2: relance's tables start at 2015-H1`. */
  readonly reason: string;
  /** What to do about it. */
  readonly hint: string;
  constructor(halfYear: string, table: RateTable) {
    const reason = `no rate for ${halfYear}: ${whereTablesStop(table)}`;
    const hint = `add ${halfYear} to a rates file (rates: in relance.yaml)`;
    super(`${reason} — ${hint}`);
    this.name = 'MissingRateError';
    this.halfYear = halfYear;
    this.reason = reason;
    this.hint = hint;
  }
}

function whereTablesStop(table: RateTable): string {
  const span = rateTableSpan(table);
  return span === null ? 'the rate table is empty' : `relance's tables start at ${span.first}`;
}

/** A payment as the engine counts it: from its day, and only up to the end date. */
interface Counted {
  day: Day;
  amount: Cents;
}

interface AppliedRate {
  rate: Rate;
  provisional: boolean;
  /** Which rate it is, for the warning that names a provisional one. */
  kind?: 'b2b' | 'legal' | 'floor';
}

export function computePenalty(input: PenaltyInput, rates: RateTable): PenaltyResult {
  const { regime, principal, dueDate, endDate } = input;
  const warnings = new Warnings();
  const rateMode = modeApplied(input, warnings);
  const contractual = contractualRateApplied(input, warnings);
  const payments = countedPayments(input);
  const balanceOn = (day: Day): Cents => balanceBefore(principal, payments, day);
  const wasLate = endDate > dueDate && balanceOn(dueDate + 1) > 0;
  const blocked = blockedAtDue(input, wasLate, warnings);

  const window = blocked ? null : interestWindow(input, wasLate, warnings);
  const rateOf = rateChooser({ regime, rateMode, contractual, rates, firstDelayDay: dueDate + 1, warnings });
  const numerators: Numerator[] = [];
  const periods = window === null ? [] : periodsOf(window, payments, rateMode, balanceOn, rateOf, numerators);

  const interest = roundHalfUp(sumNumerators(numerators), INTEREST_DENOMINATOR);
  const shown = periods.reduce((sum, p) => sum + p.interest, 0);
  if (shown !== interest) {
    warnings.add(`${ROUNDING_NOTE}, each rounded to the cent, adds up to ${formatCents(shown)}; the interest ${formatCents(interest)} is their exact sum rounded once`);
  }
  // The indemnity is due from the first day of delay, whatever was paid since (D441-5).
  const flatFee = regime === 'b2b' && wasLate && !blocked ? FLAT_FEE : 0;
  const balance = balanceOn(endDate + 1);
  return {
    regime,
    principal,
    dueDate,
    endDate,
    daysLate: Math.max(0, endDate - dueDate),
    rateMode,
    periods,
    interest,
    flatFee,
    balance,
    total: balance + interest + flatFee,
    warnings: warnings.list,
  };
}

/** Warnings in order, each said once (a half-year's floor or provisional rate recurs across periods). */
class Warnings {
  readonly list: string[] = [];
  add(message: string): void {
    if (!this.list.includes(message)) this.list.push(message);
  }
}

function modeApplied(input: PenaltyInput, warnings: Warnings): RateMode {
  const asked = input.rateMode ?? 'half-year';
  // The legal interest rate is set per semester by law (art. L313-2 CMF): nothing to fix.
  if (input.regime === 'b2c' && asked === 'fixed') {
    warnings.add('the fixed rate mode applies to B2B rates only: B2C interest follows the legal rate of each half-year (art. L313-2 CMF)');
    return 'half-year';
  }
  return asked;
}

function contractualRateApplied(input: PenaltyInput, warnings: Warnings): Rate | null {
  const rate = input.contractualRate ?? null;
  if (rate !== null && input.regime === 'b2c') {
    warnings.add(`the contractual rate ${formatPercent(rate)} % is not applied to a consumer: B2C interest is at the legal rate (art. 1231-6 C. civ.)`);
    return null;
  }
  return rate;
}

function countedPayments(input: PenaltyInput): Counted[] {
  return input.payments
    .map((p) => ({ day: paymentDay(p, input.dueDate), amount: p.amount }))
    .filter((p) => p.day <= input.endDate && p.amount !== 0);
}

/** What is owed during `day`: a payment made on day P still leaves P on the old balance. */
function balanceBefore(principal: Cents, payments: readonly Counted[], day: Day): Cents {
  let balance = principal;
  for (const p of payments) if (p.day < day) balance -= p.amount;
  return Math.max(0, balance);
}

/** A collective proceeding opened by the due date prevented payment: nothing accrues, no €40. */
function blockedAtDue(input: PenaltyInput, wasLate: boolean, warnings: Warnings): boolean {
  const judgment = input.insolvencyDate ?? null;
  if (judgment === null) return false;
  if (judgment <= input.dueDate) {
    const fee = input.regime === 'b2b' ? ' and no €40 indemnity (art. L622-28 and D441-5 C. com.)' : ' (art. L622-28 C. com.)';
    warnings.add(`the collective proceeding opened on ${formatIsoDay(judgment)}, by the due date ${formatIsoDay(input.dueDate)}, prevented payment: no interest${fee}`);
    return true;
  }
  if (wasLate && judgment <= input.endDate) {
    warnings.add(`interest stops on ${formatIsoDay(judgment - 1)}: the opening judgment of the collective proceeding (${formatIsoDay(judgment)}) stops it from the first hour of its day (art. L622-28 C. com.)`);
  }
  return false;
}

/** The first and last days that accrue interest, or null when none can. */
function interestWindow(input: PenaltyInput, wasLate: boolean, warnings: Warnings): { first: Day; last: Day } | null {
  let first = input.dueDate + 1;
  if (input.regime === 'b2c') {
    // Between a business and a consumer, interest runs only once the debtor is put on notice.
    const notice = input.noticeDate ?? null;
    if (notice === null) {
      if (wasLate) warnings.add(NO_NOTICE_WARNING);
      return null;
    }
    first = Math.max(input.dueDate, notice) + 1;
  }
  // The opening judgment of a collective proceeding stops interest (art. L622-28 C. com.)
  // from the first hour of its day: the eve is the last day that accrues.
  const last = input.insolvencyDate == null ? input.endDate : Math.min(input.endDate, input.insolvencyDate - 1);
  return first <= last ? { first, last } : null;
}

interface RateContext {
  regime: Regime;
  rateMode: RateMode;
  contractual: Rate | null;
  rates: RateTable;
  firstDelayDay: Day;
  warnings: Warnings;
}

/** The rate that applies on a day of delay, warning about floors and provisional values. */
function rateChooser(ctx: RateContext): (day: Day) => AppliedRate {
  return (day) => {
    // Fixed mode keeps the rate of the half-year in which the delay began.
    const halfYear = ctx.rateMode === 'fixed' ? halfYearOf(ctx.firstDelayDay) : halfYearOf(day);
    const row = requireRates(ctx.rates, halfYear);
    const applied: AppliedRate = ctx.regime === 'b2c' ? { rate: row.legalOther.rate, provisional: row.legalOther.provisional, kind: 'legal' } : b2bRate(row, halfYear, ctx);
    if (applied.provisional) ctx.warnings.add(provisionalWarning(applied, row, halfYear));
    return { rate: applied.rate, provisional: applied.provisional };
  };
}

// The same provisional half-year comes up for thousands of invoices: its sentence is
// written once per rate row and kind.
const provisionalSentences = new WeakMap<HalfYearRates, Map<string, string>>();

function provisionalWarning(applied: AppliedRate, row: HalfYearRates, halfYear: HalfYear): string {
  let sentences = provisionalSentences.get(row);
  if (!sentences) provisionalSentences.set(row, (sentences = new Map()));
  const memo = `${applied.kind}:${applied.rate}`;
  let sentence = sentences.get(memo);
  if (sentence === undefined) sentences.set(memo, (sentence = provisionalSentence(applied, row, halfYear)));
  return sentence;
}

function provisionalSentence(applied: AppliedRate, row: HalfYearRates, halfYear: HalfYear): string {
  if (row.carriedFrom !== undefined) return carriedRatesWarning(halfYear, row);
  const key = halfYearKey(halfYear);
  const rate = `${formatPercent(applied.rate)} %`;
  if (applied.kind === 'b2b') {
    return `the B2B rate for ${key} (${rate}: ECB rate ${formatPercent(row.mro.rate)} % + 10 points) is provisional: confirm the ECB rate in force on 1 ${key.endsWith('H1') ? 'January' : 'July'}, or set ${key} in a rates file`;
  }
  const what = applied.kind === 'floor' ? `the contractual rate's floor for ${key} (${rate}, 3 × the legal interest rate)` : `the legal interest rate for ${key} (${rate})`;
  return `${what} is provisional: confirm the legal rate in the Journal officiel, or set ${key} in a rates file`;
}

// Rows found by a number (year × 2 + half) rather than a built string: once per period
// of every invoice, it adds up.
const indexedTables = new WeakMap<RateTable, Map<number, HalfYearRates | null>>();

function requireRates(table: RateTable, halfYear: HalfYear): HalfYearRates {
  let index = indexedTables.get(table);
  if (!index) indexedTables.set(table, (index = new Map()));
  const at = halfYear.year * 2 + halfYear.half;
  let row = index.get(at);
  if (row === undefined) index.set(at, (row = ratesOrCarried(table, halfYear)));
  if (row === null) throw new MissingRateError(halfYearKey(halfYear), table);
  return row;
}

function b2bRate(row: HalfYearRates, halfYear: HalfYear, ctx: RateContext): AppliedRate {
  if (ctx.contractual === null) return { rate: row.b2b.rate, provisional: row.b2b.provisional, kind: 'b2b' };
  // A contractual rate may not be below 3 × the legal rate; the default rate has no floor (L441-10).
  const floor = FLOOR_MULTIPLE * row.legalOther.rate;
  if (ctx.contractual >= floor) return { rate: ctx.contractual, provisional: false };
  ctx.warnings.add(
    `the contractual rate ${formatPercent(ctx.contractual)} % is below the floor for ${halfYearKey(halfYear)}, 3 × the legal rate ${formatPercent(row.legalOther.rate)} % = ${formatPercent(floor)} % (art. L441-10 C. com.): ${formatPercent(floor)} % applied`,
  );
  return { rate: floor, provisional: row.legalOther.provisional, kind: 'floor' };
}

/** The days on which a new period starts: the first day, each 1 January / 1 July, the day after each payment. */
function cutPoints(window: { first: Day; last: Day }, payments: readonly Counted[], rateMode: RateMode): Day[] {
  const starts: Day[] = [window.first];
  if (rateMode === 'half-year') {
    let h = halfYearOf(window.first);
    for (;;) {
      h = nextHalfYear(h);
      const start = halfYearStart(h);
      if (start > window.last) break;
      starts.push(start);
    }
  }
  let sorted = true;
  for (const p of payments) {
    const start = p.day + 1;
    if (start > window.first && start <= window.last && !starts.includes(start)) {
      sorted = false;
      starts.push(start);
    }
  }
  return sorted ? starts : starts.sort((a, b) => a - b);
}

function periodsOf(
  window: { first: Day; last: Day },
  payments: readonly Counted[],
  rateMode: RateMode,
  balanceOn: (day: Day) => Cents,
  rateOf: (day: Day) => AppliedRate,
  numerators: Numerator[],
): PenaltyPeriod[] {
  const starts = cutPoints(window, payments, rateMode);
  const periods: PenaltyPeriod[] = [];
  starts.forEach((from, i) => {
    const to = (starts[i + 1] ?? window.last + 1) - 1;
    const balance = balanceOn(from);
    // A settled stretch owes nothing and needs no rate (it may lie beyond the tables).
    if (balance <= 0) return;
    const { rate, provisional } = rateOf(from);
    const days = to - from + 1;
    const numerator = interestNumerator(balance, rate, days);
    // The exact numerators go apart: each period shows its own rounding, the total is
    // their exact sum rounded once.
    numerators.push(numerator);
    periods.push({ from, to, days, balance, rate, interest: roundHalfUp(numerator, INTEREST_DENOMINATOR), provisional });
  });
  return periods;
}

function sumNumerators(numerators: readonly Numerator[]): Numerator {
  let sum: Numerator = 0;
  for (const n of numerators) sum = addNumerators(sum, n);
  return sum;
}
