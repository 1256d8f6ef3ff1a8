// What `relance penalty` says in words beside its figures: the regime, why there is no
// interest or no fee, and how the figures were computed — the rule, the rate and the
// readings applied (imputation, floor), so the table says what the JSON's `readings` says.

import type { Rate } from '../domain/money.js';
import { formatPercent } from '../domain/money.js';
import type { Exemption, PenaltyResult, Regime } from '../domain/penalty.js';
import { FLAT_FEE_FROM } from '../domain/penalty.js';

const NO_INTEREST: Record<NonNullable<Exemption>, string> = {
  'not-due': ' (not late yet)',
  'paid-on-time': ' (paid on time)',
  'collective-proceeding': ' (collective proceeding opened by the due date)',
  'no-notice': ' (no formal notice yet: --notice DATE)',
};

export function noInterestReason(r: PenaltyResult, exemption: Exemption): string {
  return r.periods.length === 0 && exemption !== null ? NO_INTEREST[exemption] : '';
}

export const REGIME_TITLE: Record<Regime, string> = { b2b: 'B2B', b2c: 'B2C', public: 'Public-buyer' };

/** Why there is no €40 fee. */
export function feeText(r: PenaltyResult, exemption: Exemption): string {
  if (r.regime === 'b2c') return 'none — B2C';
  if (r.dueDate < FLAT_FEE_FROM && exemption === null) return 'none — due before 1 January 2013 (décret n° 2012-1115)';
  if (exemption === 'collective-proceeding') return 'none — collective proceeding opened by the due date';
  return exemption === 'not-due' ? 'none — not late yet' : 'none — paid on time';
}

export function methodLine(r: PenaltyResult, flags: { rate: Rate | null; payments: readonly unknown[] }, file: string | null): string {
  const rates = file === null ? '' : `; rates from ${file}`;
  const imputation = flags.payments.length === 0 ? '' : r.imputation === 'interest-first' ? '; partial payments imputed to the interest accrued first, then the principal (art. 1343-1 C. civ., --imputation interest-first)' : '; partial payments imputed to the principal (--imputation principal-first, the default)';
  if (r.regime === 'b2c') {
    const rate = flags.rate === null ? 'legal interest rate ("autres cas")' : `contractual rate ${formatPercent(flags.rate)} %`;
    return `How: balance × ${rate} × days / 365 from the day after the formal notice, split by half-year and at each payment, rounded once (art. 1231-6 C. civ., L313-2 CMF)${imputation}${rates}.`;
  }
  if (r.regime === 'public') {
    return `How: balance × (ECB rate in force on the first day of the half-year interest began in + 8 points) × days / 365, fixed for the whole delay, split at each payment, rounded once; €40 fee once per invoice (art. R2192-31 and D2192-35 C. commande publique)${imputation}${rates}.`;
  }
  const split = r.rateMode === 'fixed' ? 'at the rate of the half-year the delay began in, split at each payment' : 'split by half-year and at each payment';
  const floor = !r.belowFloor ? ', at least 3 × the legal rate' : r.floor === 'raise' ? ', raised to 3 × the legal rate where below it (--floor raise)' : ', set aside for ECB rate + 10 points where below 3 × the legal rate (--floor void)';
  const rate = flags.rate === null ? 'ECB rate + 10 points' : `contractual rate ${formatPercent(flags.rate)} %${floor}`;
  return `How: balance × rate × days / 365 (${rate}), ${split}, rounded once; €40 fee once per invoice (art. L441-10 C. com.)${imputation}${rates}.`;
}
