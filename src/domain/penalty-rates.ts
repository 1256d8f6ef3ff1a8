// Which rate applies on a day of delay: the half-year's (or, in fixed mode, the first
// half-year's) B2B or legal rate, a public buyer's ECB rate + 8 points, a contractual rate
// raised to its floor (or void below it), and what to say when the rate is provisional. Past the tables' last row the last known rates carry
// forward (carried-rates.ts); before its first row there is nothing to carry.

import type { Day, HalfYear } from './dates.js';
import { halfYearKey, halfYearOf } from './dates.js';
import type { Rate } from './money.js';
import { RATE_ONE_PERCENT, formatPercent } from './money.js';
import type { ClientType } from './invoice.js';
import type { FloorRule } from './law-settings.js';
import type { HalfYearRates, RateTable } from './rates.js';
import { rateTableSpan } from './rates.js';
import { carriedRatesWarning, ratesOrCarried } from './carried-rates.js';
import type { PenaltyWarnings } from './penalty-warnings.js';

export type RateMode = 'half-year' | 'fixed';

const FLOOR_MULTIPLE = 3;
/** R2192-31 C. commande publique: the ECB rate + 8 points for a public buyer. */
export const PUBLIC_MARGIN: Rate = 8 * RATE_ONE_PERCENT;

/** A day of delay falls before the table's first half-year: nothing is known there to carry. */
export class MissingRateError extends Error {
  readonly halfYear: string;
  /** What is missing: `no rate for 2014-H2: relance's tables start at 2015-H1`. */
  readonly reason: string;
  /** What to do about it. */
  readonly hint: string;
  constructor(halfYear: string, table: RateTable) {
    const span = rateTableSpan(table);
    const reason = `no rate for ${halfYear}: ${span === null ? 'the rate table is empty' : `relance's tables start at ${span.first}`}`;
    const hint = `add ${halfYear} to a rates file (rates: in relance.yaml)`;
    super(`${reason} — ${hint}`);
    this.name = 'MissingRateError';
    this.halfYear = halfYear;
    this.reason = reason;
    this.hint = hint;
  }
}

export interface AppliedRate {
  rate: Rate;
  provisional: boolean;
}

interface ChosenRate extends AppliedRate {
  /** Which rate it is, for the warning that names a provisional one. */
  kind?: 'b2b' | 'legal' | 'floor' | 'public';
}

export interface RateContext {
  regime: ClientType;
  rateMode: RateMode;
  contractual: Rate | null;
  floor: FloorRule;
  rates: RateTable;
  firstDelayDay: Day;
  warnings: PenaltyWarnings;
  /** Set once a contractual rate was found below its floor (the `floor` reading then mattered). */
  floorMet?: { met: boolean };
}

/** The rate that applies on a day of delay, warning about floors and provisional values. */
export function rateChooser(ctx: RateContext): (day: Day) => AppliedRate {
  return (day) => {
    // Fixed mode keeps the rate of the half-year in which the delay began.
    const halfYear = ctx.rateMode === 'fixed' ? halfYearOf(ctx.firstDelayDay) : halfYearOf(day);
    const row = requireRates(ctx.rates, halfYear);
    const applied: ChosenRate =
      ctx.regime === 'public'
        ? { rate: row.mro.rate + PUBLIC_MARGIN, provisional: row.mro.provisional, kind: 'public' }
        : ctx.regime === 'b2c'
          ? // A consumer's contract may set its own rate (art. 1231-6 is a default rule): it runs from the notice.
            ctx.contractual !== null
            ? { rate: ctx.contractual, provisional: false }
            : { rate: row.legalOther.rate, provisional: row.legalOther.provisional, kind: 'legal' }
          : b2bRate(row, halfYear, ctx);
    if (applied.provisional) ctx.warnings.add('provisional', provisionalWarning(applied, row, halfYear));
    return { rate: applied.rate, provisional: applied.provisional };
  };
}

// The same provisional half-year comes up for thousands of invoices: its sentence is
// written once per rate row and kind.
const provisionalSentences = new WeakMap<HalfYearRates, Map<string, string>>();

function provisionalWarning(applied: ChosenRate, row: HalfYearRates, halfYear: HalfYear): string {
  let sentences = provisionalSentences.get(row);
  if (!sentences) provisionalSentences.set(row, (sentences = new Map()));
  const memo = `${applied.kind}:${applied.rate}`;
  let sentence = sentences.get(memo);
  if (sentence === undefined) sentences.set(memo, (sentence = provisionalSentence(applied, row, halfYear)));
  return sentence;
}

function provisionalSentence(applied: ChosenRate, row: HalfYearRates, halfYear: HalfYear): string {
  if (row.carriedFrom !== undefined) return carriedRatesWarning(halfYear, row);
  const key = halfYearKey(halfYear);
  const rate = `${formatPercent(applied.rate)} %`;
  if (applied.kind === 'public') {
    return `the public-buyer rate for ${key} (${rate}: ECB rate ${formatPercent(row.mro.rate)} % + 8 points, art. R2192-31 C. commande publique) is provisional: confirm the ECB rate in force on 1 ${key.endsWith('H1') ? 'January' : 'July'}, or set ${key} in a rates file`;
  }
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

function b2bRate(row: HalfYearRates, halfYear: HalfYear, ctx: RateContext): ChosenRate {
  if (ctx.contractual === null) return { rate: row.b2b.rate, provisional: row.b2b.provisional, kind: 'b2b' };
  // A contractual rate may not be below 3 × the legal rate; the default rate has no floor (L441-10).
  const floor = FLOOR_MULTIPLE * row.legalOther.rate;
  if (ctx.contractual >= floor) return { rate: ctx.contractual, provisional: false };
  if (ctx.floorMet) ctx.floorMet.met = true;
  const below = `the contractual rate ${formatPercent(ctx.contractual)} % is below the floor for ${halfYearKey(halfYear)}, 3 × the legal rate ${formatPercent(row.legalOther.rate)} % = ${formatPercent(floor)} % (art. L441-10 C. com.)`;
  if (ctx.floor === 'void') {
    // The other reading: a clause below the legal minimum is void, so the default rate applies.
    ctx.warnings.add('contractual-rate', `${below}: the clause is treated as void and the default rate, ECB rate + 10 points = ${formatPercent(row.b2b.rate)} %, applied (floor: void)`);
    return { rate: row.b2b.rate, provisional: row.b2b.provisional, kind: 'b2b' };
  }
  ctx.warnings.add('contractual-rate', `${below}: ${formatPercent(floor)} % applied (floor: raise)`);
  return { rate: floor, provisional: row.legalOther.provisional, kind: 'floor' };
}
