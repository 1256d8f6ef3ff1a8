// Late-payment interest and the €40 recovery indemnity (docs/law.md § Between businesses,
// § A business chasing a consumer, § The formula): balance × annual rate × days / 365,
// split at half-year boundaries and payments (penalty-periods.ts), at the rate of each
// day (penalty-rates.ts), summed exactly and rounded once to the cent.

import type { Day } from './dates.js';
import { formatIsoDay } from './dates.js';
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
}

/** Why a result has no interest or no fee: said rather than shown as a bare zero. */
export type Exemption = 'not-due' | 'paid-on-time' | 'collective-proceeding' | 'no-notice' | null;

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
  exemption: Exemption;
  warnings: PenaltyWarning[];
}

/** Whether any figure of this result uses a provisional rate (carried forward, or marked so). */
export function isProvisional(result: PenaltyResult): boolean {
  return result.periods.some((p) => p.provisional);
}

/** The recovery indemnity, €40 once per invoice (art. L441-10 II and D441-5 C. com.). */
export const FLAT_FEE: Cents = 4000;

export function computePenalty(input: PenaltyInput, rates: RateTable): PenaltyResult {
  const { regime, principal, dueDate, endDate } = input;
  const warnings = new PenaltyWarnings();
  const rateMode = modeApplied(input, warnings);
  const contractual = contractualRateApplied(input, warnings);
  const payments = countedPayments(input.payments, dueDate, endDate);
  const balanceOn = (day: Day): Cents => balanceBefore(principal, payments, day);
  const wasLate = endDate > dueDate && balanceOn(dueDate + 1) > 0;
  const blocked = blockedAtDue(input, wasLate, warnings);

  const window = blocked ? null : interestWindow(input, wasLate, warnings);
  const rateOf = rateChooser({ regime, rateMode, contractual, rates, firstDelayDay: dueDate + 1, warnings });
  const { periods, exact } = window === null ? { periods: [], exact: 0 } : periodsOf(window, payments, rateMode, balanceOn, rateOf);

  const interest = roundHalfUp(exact, INTEREST_DENOMINATOR);
  const shown = periods.reduce((sum, p) => sum + p.interest, 0);
  if (shown !== interest) {
    warnings.add('rounding', `the periods' interest, each rounded to the cent, adds up to ${formatCents(shown)}; the interest ${formatCents(interest)} is their exact sum rounded once`);
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
    exemption: !wasLate ? (balance > 0 ? 'not-due' : 'paid-on-time') : blocked ? 'collective-proceeding' : regime === 'b2c' && input.noticeDate == null ? 'no-notice' : null,
    warnings: warnings.list,
  };
}

function modeApplied(input: PenaltyInput, warnings: PenaltyWarnings): RateMode {
  const asked = input.rateMode ?? 'half-year';
  // The legal interest rate is set per semester by law (art. L313-2 CMF): nothing to fix.
  if (input.regime === 'b2c' && asked === 'fixed') {
    warnings.add('rate-mode', 'the fixed rate mode applies to B2B rates only: B2C interest follows the legal rate of each half-year (art. L313-2 CMF)');
    return 'half-year';
  }
  return asked;
}

function contractualRateApplied(input: PenaltyInput, warnings: PenaltyWarnings): Rate | null {
  const rate = input.contractualRate ?? null;
  if (rate !== null && input.regime === 'b2c') {
    warnings.add('contractual-rate', `the contractual rate ${formatPercent(rate)} % is not applied to a consumer: B2C interest is at the legal rate (art. 1231-6 C. civ.)`);
    return null;
  }
  return rate;
}

/** A collective proceeding opened by the due date prevented payment: nothing accrues, no €40. */
function blockedAtDue(input: PenaltyInput, wasLate: boolean, warnings: PenaltyWarnings): boolean {
  const judgment = input.insolvencyDate ?? null;
  if (judgment === null) return false;
  if (judgment <= input.dueDate) {
    const fee = input.regime === 'b2b' ? ' and no €40 indemnity (art. L622-28 and D441-5 C. com.)' : ' (art. L622-28 C. com.)';
    warnings.add('insolvency', `the collective proceeding opened on ${formatIsoDay(judgment)}, by the due date ${formatIsoDay(input.dueDate)}, prevented payment: no interest${fee}`);
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
  // from the first hour of its day: the eve is the last day that accrues.
  const last = input.insolvencyDate == null ? input.endDate : Math.min(input.endDate, input.insolvencyDate - 1);
  return first <= last ? { first, last } : null;
}
