// Late-payment interest and the €40 recovery indemnity (docs/law.md § Between businesses,
// § A business chasing a consumer, § Formula, § Finer points): balance × annual rate × days
// / 365, split at half-year boundaries and payments (penalty-periods.ts), at the rate of
// each day (penalty-rates.ts), the payments imputed to principal or interest first
// (penalty-imputation.ts), summed exactly and rounded once to the cent.

import type { Day } from './dates.js';
import { dayFromYmd, formatIsoDay } from './dates.js';
import type { ClientType, Payment } from './invoice.js';
import type { Cents, Rate } from './money.js';
import { INTEREST_DENOMINATOR, formatCents, formatPercent, roundHalfUp } from './money.js';
import type { RateTable } from './rates.js';
import type { InterestWindow, PenaltyPeriod } from './penalty-periods.js';
import { balanceBefore, countedPayments, periodsOf } from './penalty-periods.js';
import type { RateMode } from './penalty-rates.js';
import { rateChooser } from './penalty-rates.js';
import type { PenaltyWarning } from './penalty-warnings.js';
import { NO_NOTICE_WARNING, PenaltyWarnings } from './penalty-warnings.js';
import type { FloorRule, Imputation } from './law-settings.js';
import { principalLedger } from './penalty-imputation.js';

export type { PenaltyPeriod } from './penalty-periods.js';
export type { RateMode } from './penalty-rates.js';
export { MissingRateError } from './penalty-rates.js';
export type { PenaltyWarning, PenaltyWarningKind } from './penalty-warnings.js';

export type Regime = ClientType;

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
  imputation?: Imputation;
  floor?: FloorRule;
}

/** Why a result has no interest or no fee: said rather than shown as a bare zero. */
export type Exemption = 'not-due' | 'paid-on-time' | 'collective-proceeding' | 'no-notice' | null;

export interface PenaltyResult {
  regime: Regime;
  principal: Cents;
  dueDate: Day;
  endDate: Day;
  daysLate: number;
  /** The mode applied (B2C always follows half-years, a public buyer's rate is always fixed). */
  rateMode: RateMode;
  /** How the partial payments were imputed, and what a contractual rate below its floor became. */
  imputation: Imputation;
  floor: FloorRule;
  /** A contractual rate was below its floor in some half-year: `floor` decided what applied. */
  belowFloor: boolean;
  periods: PenaltyPeriod[];
  /** The interest accrued over the delay. */
  interest: Cents;
  /** The part of it the payments paid (interest first, art. 1343-1 C. civ.; 0 principal first). */
  interestPaid: Cents;
  flatFee: Cents;
  /** The invoice amount less the payments, at the end date. */
  balance: Cents;
  /** The principal still owed at the end date: the balance, plus what the payments paid of interest. */
  principalLeft: Cents;
  /** balance + interest + flatFee (= principalLeft + interest still unpaid + flatFee) */
  total: Cents;
  exemption: Exemption;
  warnings: PenaltyWarning[];
}

/** Whether any figure of this result uses a provisional rate (carried forward, or marked so). */
export function isProvisional(result: PenaltyResult): boolean {
  return result.periods.some((p) => p.provisional);
}

/** The recovery indemnity, €40 once per invoice (art. L441-10 II and D441-5 C. com.; D2192-35 C. commande publique). */
export const FLAT_FEE: Cents = 4000;
/** Décret n° 2012-1115: the indemnity exists for due dates from 1 January 2013. */
export const FLAT_FEE_FROM: Day = dayFromYmd(2013, 1, 1);

export function computePenalty(input: PenaltyInput, rates: RateTable): PenaltyResult {
  const { regime, principal, dueDate, endDate } = input;
  const imputation = input.imputation ?? 'principal-first';
  const floor = input.floor ?? 'raise';
  const warnings = new PenaltyWarnings();
  const rateMode = modeApplied(input, warnings);
  const contractual = contractualRateApplied(input, warnings);
  const payments = countedPayments(input.payments, dueDate, endDate);
  const paidBefore = (day: Day): Cents => balanceBefore(principal, payments, day);
  const wasLate = endDate > dueDate && paidBefore(dueDate + 1) > 0;
  const blocked = blockedAtDue(input, wasLate, warnings);

  const window = blocked ? null : interestWindow(input, wasLate, warnings);
  const ledger = principalLedger(principal, payments, imputation);
  const floorMet = { met: false };
  const rateOf = rateChooser({ regime, rateMode, contractual, floor, rates, firstDelayDay: dueDate + 1, warnings, floorMet });
  const { periods, exact } = window === null ? { periods: [], exact: 0 } : periodsOf(window, payments, rateMode, (day, accrued) => ledger.balanceOn(day, accrued), rateOf);

  const interest = roundHalfUp(exact, INTEREST_DENOMINATOR);
  const shown = periods.reduce((sum, p) => sum + p.interest, 0);
  if (shown !== interest) {
    warnings.add('rounding', `the periods' interest, each rounded to the cent, adds up to ${formatCents(shown)}; the interest ${formatCents(interest)} is their exact sum rounded once`);
  }
  const { interestPaid, principalLeft } = ledger.finish(endDate, exact);
  const flatFee = flatFeeOf(input, wasLate && !blocked, warnings);
  const balance = paidBefore(endDate + 1);
  return {
    regime,
    principal,
    dueDate,
    endDate,
    daysLate: Math.max(0, endDate - dueDate),
    rateMode,
    imputation,
    floor,
    belowFloor: floorMet.met,
    periods,
    interest,
    interestPaid,
    flatFee,
    balance,
    principalLeft,
    total: balance + interest + flatFee,
    exemption: !wasLate ? (balance > 0 ? 'not-due' : 'paid-on-time') : blocked ? 'collective-proceeding' : regime === 'b2c' && input.noticeDate == null ? 'no-notice' : null,
    warnings: warnings.list,
  };
}

/** The indemnity is due from the first day of delay, whatever was paid since (D441-5, D2192-35); never to a consumer, never on a due date before 2013. */
function flatFeeOf(input: PenaltyInput, late: boolean, warnings: PenaltyWarnings): Cents {
  if (input.regime === 'b2c' || !late) return 0;
  if (input.dueDate < FLAT_FEE_FROM) {
    warnings.add('flat-fee', `no €40 indemnity: it exists for due dates from 1 January 2013 (décret n° 2012-1115), and this one is ${formatIsoDay(input.dueDate)}`);
    return 0;
  }
  return FLAT_FEE;
}

function modeApplied(input: PenaltyInput, warnings: PenaltyWarnings): RateMode {
  const asked = input.rateMode ?? 'half-year';
  // A public buyer's rate is the one of the half-year interest began in, for the whole delay (R2192-31).
  if (input.regime === 'public') return 'fixed';
  // The legal interest rate is set per semester by law (art. L313-2 CMF): nothing to fix.
  if (input.regime === 'b2c' && asked === 'fixed') {
    warnings.add('rate-mode', 'the fixed rate mode applies to B2B rates only: B2C interest follows the legal rate of each half-year (art. L313-2 CMF)');
    return 'half-year';
  }
  return asked;
}

function contractualRateApplied(input: PenaltyInput, warnings: PenaltyWarnings): Rate | null {
  const rate = input.contractualRate ?? null;
  if (rate === null) return null;
  if (input.regime === 'public') {
    warnings.add('contractual-rate', `the contractual rate ${formatPercent(rate)} % is not applied to a public buyer: its late-payment interest is set by art. R2192-31 C. commande publique (ECB rate + 8 points)`);
    return null;
  }
  if (input.regime === 'b2c') {
    warnings.add(
      'contractual-rate',
      `the contractual rate ${formatPercent(rate)} % is applied to this consumer from the formal notice (art. 1231-6 C. civ. is a default rule): check that the consumer agreed to the clause and that it is not excessive — a judge may reduce it (art. 1231-5 C. civ.) or set aside an unfair term (art. L212-1 C. conso.)`,
    );
  }
  return rate;
}

/** A collective proceeding opened by the due date prevented payment: nothing accrues, no €40. */
function blockedAtDue(input: PenaltyInput, wasLate: boolean, warnings: PenaltyWarnings): boolean {
  const judgment = input.insolvencyDate ?? null;
  if (judgment === null) return false;
  if (input.regime === 'b2c') {
    // A consumer is not subject to the Code de commerce's proceedings: a judgment means a surendettement file.
    warnings.add('insolvency', `a consumer with a judgment date (${formatIsoDay(judgment)}) is in a surendettement file (art. L711-1 s. C. conso.): reminders stop and the claim stands; its interest is not stopped by the file — the commission's measures may reduce it (art. L733-1 C. conso.)`);
    return false;
  }
  if (judgment <= input.dueDate) {
    warnings.add('insolvency', `the collective proceeding opened on ${formatIsoDay(judgment)}, by the due date ${formatIsoDay(input.dueDate)}, prevented payment: no interest and no €40 indemnity (art. L622-28 and D441-5 C. com.)`);
    return true;
  }
  if (wasLate && judgment <= input.endDate) {
    warnings.add('insolvency', `interest stops on ${formatIsoDay(judgment - 1)}: the opening judgment of the collective proceeding (${formatIsoDay(judgment)}) stops it from the first hour of its day (art. L622-28 C. com.)`);
  }
  return false;
}

/** The first and last days that accrue interest, or null when none can. */
function interestWindow(input: PenaltyInput, wasLate: boolean, warnings: PenaltyWarnings): InterestWindow | null {
  let first = input.dueDate + 1;
  if (input.regime === 'b2c') {
    // Between a business and a consumer, interest runs only once the debtor is put on notice.
    const notice = input.noticeDate ?? null;
    if (notice === null) {
      if (wasLate) warnings.add('no-notice', NO_NOTICE_WARNING);
      return null;
    }
    first = Math.max(input.dueDate, notice) + 1;
  }
  // The opening judgment of a collective proceeding stops interest (art. L622-28 C. com.)
  // from the first hour of its day: the eve is the last day that accrues. Not a consumer's.
  const judgment = input.regime === 'b2c' ? null : (input.insolvencyDate ?? null);
  const last = judgment === null ? input.endDate : Math.min(input.endDate, judgment - 1);
  return first <= last ? { first, last } : null;
}
