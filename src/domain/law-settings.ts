// The settings of relance.yaml that choose between two readings of the law, or that the
// law needs to know of the creditor (docs/law.md): each has a default, and the
// outputs say which reading was applied (`readings` in the JSON, a sentence in letters).

import type { HolidayRegion } from './holidays.js';
import type { Sector } from './invoice.js';

/**
 * How a partial payment is imputed: to the principal (the "tranche" method of recovery
 * practitioners, relance's default) or first to the interest accrued, then the principal
 * (art. 1343-1 C. civ.).
 */
export type Imputation = 'principal-first' | 'interest-first';
export const IMPUTATIONS: readonly Imputation[] = ['principal-first', 'interest-first'];

/**
 * A contractual rate below 3 × the legal rate (L441-10 II): raised to that floor
 * (relance's default), or the clause treated as void, so the default ECB + 10 applies.
 */
export type FloorRule = 'raise' | 'void';
export const FLOOR_RULES: readonly FloorRule[] = ['raise', 'void'];

/** `business`: nothing goes out on a Saturday, a Sunday or a French public holiday. */
export type SendDays = 'any' | 'business';
export const SEND_DAYS: readonly SendDays[] = ['any', 'business'];

export interface LawSettings {
  imputation: Imputation;
  floor: FloorRule;
  sendDays: SendDays;
  /** Whose public holidays count with `send_days: business`. */
  region: HolidayRegion;
  /** The creditor's activity, for the special payment caps; an invoice's own `sector` wins. */
  sector: Sector | null;
  /** R622-24 C. com.: a creditor outside metropolitan France has 4 months to declare a claim, not 2. */
  creditorOutsideMetropole: boolean;
}

export const DEFAULT_LAW: LawSettings = {
  imputation: 'principal-first',
  floor: 'raise',
  sendDays: 'any',
  region: 'france',
  sector: null,
  creditorOutsideMetropole: false,
};

// What `creditor.country` may say for metropolitan France (normalised: no case, accents, spaces).
const METROPOLE = new Set(['fr', 'fra', 'france', 'francemetropolitaine', 'metropole', 'metropolitanfrance']);

/** Whether `creditor.country` (as written) names a place outside metropolitan France; absent means France. */
export function isOutsideMetropole(normalisedCountry: string | null): boolean {
  return normalisedCountry !== null && normalisedCountry !== '' && !METROPOLE.has(normalisedCountry);
}
