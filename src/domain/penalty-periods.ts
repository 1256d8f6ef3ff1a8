// The delay cut into periods of one balance and one rate: at each 1 January and 1 July
// (in the half-year mode) and the day after each partial payment. Each period's interest
// is an exact numerator (balance × rate × days, over 365 × 10^6): they add up exactly
// until the total is rounded once.

import type { Day } from './dates.js';
import { halfYearOf, halfYearStart, nextHalfYear } from './dates.js';
import type { Payment } from './invoice.js';
import { paymentDay } from './invoice.js';
import type { Cents, Rate } from './money.js';
import type { Numerator } from './money.js';
import { INTEREST_DENOMINATOR, addNumerators, interestNumerator, roundHalfUp } from './money.js';
import type { AppliedRate, RateMode } from './penalty-rates.js';

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

/** A payment as the engine counts it: from its day, and only up to the end date. */
export interface Counted {
  day: Day;
  amount: Cents;
}

export function countedPayments(payments: readonly Payment[], dueDate: Day, endDate: Day): Counted[] {
  return payments.map((p) => ({ day: paymentDay(p, dueDate), amount: p.amount })).filter((p) => p.day <= endDate && p.amount !== 0);
}

/** What is owed during `day`: a payment made on day P still leaves P on the old balance. */
export function balanceBefore(principal: Cents, payments: readonly Counted[], day: Day): Cents {
  let balance = principal;
  for (const p of payments) if (p.day < day) balance -= p.amount;
  return Math.max(0, balance);
}

export interface InterestWindow {
  first: Day;
  last: Day;
}

/** The days on which a new period starts: the first day, each 1 January / 1 July, the day after each payment. */
function cutPoints(window: InterestWindow, payments: readonly Counted[], rateMode: RateMode): Day[] {
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

/** The periods of the window, and the exact sum of their numerators; `balanceOn` gets the interest accrued before its day. */
export function periodsOf(
  window: InterestWindow,
  payments: readonly Counted[],
  rateMode: RateMode,
  balanceOn: (day: Day, accrued: Numerator) => Cents,
  rateOf: (day: Day) => AppliedRate,
): { periods: PenaltyPeriod[]; exact: Numerator } {
  const starts = cutPoints(window, payments, rateMode);
  const periods: PenaltyPeriod[] = [];
  let exact: Numerator = 0;
  starts.forEach((from, i) => {
    const to = (starts[i + 1] ?? window.last + 1) - 1;
    const balance = balanceOn(from, exact);
    // A settled stretch owes nothing and needs no rate (it may lie beyond the tables).
    if (balance <= 0) return;
    const { rate, provisional } = rateOf(from);
    const days = to - from + 1;
    const numerator = interestNumerator(balance, rate, days);
    // The exact numerators go apart: each period shows its own rounding, the total is
    // their exact sum rounded once.
    exact = addNumerators(exact, numerator);
    periods.push({ from, to, days, balance, rate, interest: roundHalfUp(numerator, INTEREST_DENOMINATOR), provisional });
  });
  return { periods, exact };
}
