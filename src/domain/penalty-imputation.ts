// How the partial payments of a late invoice are imputed (art. 1343-1 C. civ.; docs/law.md,
// § Between businesses). Principal first: each payment reduces the principal, the interest runs on
// what is left. Interest first: each payment pays the interest accrued up to its day
// (rounded to the cent: money changes hands in cents), then the principal; the principal
// left is larger, and so is the interest that runs on it.

import type { Day } from './dates.js';
import type { Cents, Numerator } from './money.js';
import { INTEREST_DENOMINATOR, roundHalfUp } from './money.js';
import type { Counted } from './penalty-periods.js';
import { balanceBefore } from './penalty-periods.js';
import type { Imputation } from './law-settings.js';

export interface Imputed {
  /** The part of the payments that paid interest. */
  interestPaid: Cents;
  /** The principal still owed at the end date. */
  principalLeft: Cents;
}

/**
 * The principal owed on each day of the delay. `balanceOn` is asked in day order, with the
 * exact interest accrued before that day (periods cut the day after each payment, so a
 * payment on day P is imputed with the interest up to P itself).
 */
export interface PrincipalLedger {
  balanceOn(day: Day, accrued: Numerator): Cents;
  /** Imputes what is left to impute, once the interest is known in full. */
  finish(endDate: Day, accrued: Numerator): Imputed;
}

export function principalLedger(principal: Cents, payments: readonly Counted[], imputation: Imputation): PrincipalLedger {
  if (imputation === 'principal-first') {
    return {
      balanceOn: (day) => balanceBefore(principal, payments, day),
      finish: (endDate) => ({ interestPaid: 0, principalLeft: balanceBefore(principal, payments, endDate + 1) }),
    };
  }
  const ordered = [...payments].sort((a, b) => a.day - b.day);
  let next = 0;
  let owed = principal;
  let interestPaid = 0;
  const imputeBefore = (day: Day, accrued: Numerator): void => {
    while (next < ordered.length && ordered[next]!.day < day) {
      const { amount } = ordered[next++]!;
      const interestDue = Math.max(0, roundHalfUp(accrued, INTEREST_DENOMINATOR) - interestPaid);
      const toInterest = Math.min(amount, interestDue);
      interestPaid += toInterest;
      owed -= amount - toInterest;
    }
  };
  return {
    balanceOn(day, accrued) {
      imputeBefore(day, accrued);
      return Math.max(0, owed);
    },
    finish(endDate, accrued) {
      imputeBefore(endDate + 1, accrued);
      return { interestPaid, principalLeft: Math.max(0, owed) };
    },
  };
}
