// What `relance rates --update` does with the ECB's history of the main refinancing rate:
// the rate in force on each 1 January and 1 July is the last observation on or before that
// day (right for the daily series, which repeats the rate every day, and for a series of
// change dates alone). A daily series must also reach that day: one that stops before it
// says nothing of a change since. Half-years missing from the tables get the rate; the
// legal rates cannot be fetched, so they stay carried forward until the user confirms them.

import { ratesOrCarried } from './carried-rates.js';
import type { Day, HalfYear } from './dates.js';
import { halfYearKey, halfYearOf, halfYearStart, nextHalfYear, parseHalfYearKey } from './dates.js';
import type { Rate } from './money.js';
import type { RateTable } from './rates.js';
import { B2B_MARGIN } from './rates.js';

/** One observation of the series: the MRO in force on that day. */
export interface MroObservation {
  day: Day;
  rate: Rate;
}

/** A sorted history: observations in day order, one per day. */
export type MroHistory = readonly MroObservation[];

/** `daily`: a value every day (the D series); `changes`: the change dates alone (the B series). */
export type MroSeriesKind = 'daily' | 'changes';

export interface MroInForce {
  rate: Rate;
  /** The first day of the data from which it held without a break: the change date. */
  since: Day;
}

/** The rate in force on `day`: the last observation on or before it; null before the data starts. */
export function mroInForce(history: MroHistory, day: Day): MroInForce | null {
  let lo = 0;
  let hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (history[mid]!.day <= day) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return null;
  let first = lo - 1;
  const rate = history[first]!.rate;
  while (first > 0 && history[first - 1]!.rate === rate) first -= 1;
  return { rate, since: history[first]!.day };
}

/** A half-year to write into the user's rates file. */
export interface RateAddition {
  halfYear: HalfYear;
  mro: MroInForce;
  b2b: Rate;
  /** The legal rates, carried forward from `legalFrom`: provisional until confirmed by hand. */
  legalIndividual: Rate;
  legalOther: Rate;
  legalFrom: string;
}

/** A half-year the tables already have, whose MRO the ECB data contradicts: reported, not changed. */
export interface RateDisagreement {
  halfYear: HalfYear;
  origin: 'shipped' | 'user';
  table: Rate;
  ecb: MroInForce;
}

/** A half-year that needs a row but the data does not reach: still carried forward whole. */
export interface NotCovered {
  halfYear: HalfYear;
  /** `starts-after`: the data begins after its first day; `ends-before`: a daily series that stops before it. */
  data: 'starts-after' | 'ends-before';
  /** The data's first or last day. */
  day: Day;
}

export interface RatesUpdatePlan {
  additions: RateAddition[];
  disagreements: RateDisagreement[];
  notCovered: NotCovered[];
  /** Half-years of the user's rates file whose legal rates are marked provisional. */
  legalProvisional: HalfYear[];
}

/**
 * What an update brings, from the table in use (shipped plus the user's file) and the
 * ECB history: the half-years after `shippedLast` up to today's that have no row (those
 * carried forward today), and the rows up to today's that the data contradicts. A row a
 * user wrote is never replaced; today's half-year is the last one: a later one has not begun.
 */
export function planRatesUpdate(table: RateTable, shippedLast: string, history: MroHistory, kind: MroSeriesKind, today: Day): RatesUpdatePlan {
  const now = halfYearKey(halfYearOf(today));
  const plan: RatesUpdatePlan = { additions: [], disagreements: [], notCovered: [], legalProvisional: [] };
  const last = history.at(-1)?.day ?? -Infinity;
  const inForce = (h: HalfYear): MroInForce | null => (kind === 'daily' && last < halfYearStart(h) ? null : mroInForce(history, halfYearStart(h)));
  for (const [key, row] of table) {
    if (key > now) continue;
    const halfYear = parseHalfYearKey(key)!;
    const origin = row.mro.origin;
    if (origin === 'user' && (row.legalIndividual.provisional || row.legalOther.provisional)) plan.legalProvisional.push(halfYear);
    const ecb = inForce(halfYear);
    if (ecb !== null && ecb.rate !== row.mro.rate && origin !== 'carried') plan.disagreements.push({ halfYear, origin, table: row.mro.rate, ecb });
  }
  for (let h = nextHalfYear(parseHalfYearKey(shippedLast)!); halfYearKey(h) <= now; h = nextHalfYear(h)) {
    if (table.has(halfYearKey(h))) continue;
    const mro = inForce(h);
    const carried = ratesOrCarried(table, h);
    if (carried === null) continue;
    if (mro === null) {
      const startsAfter = history.length === 0 || history[0]!.day > halfYearStart(h);
      plan.notCovered.push({ halfYear: h, data: startsAfter ? 'starts-after' : 'ends-before', day: startsAfter ? (history[0]?.day ?? last) : last });
    } else {
      plan.additions.push({
        halfYear: h,
        mro,
        b2b: mro.rate + B2B_MARGIN,
        legalIndividual: carried.legalIndividual.rate,
        legalOther: carried.legalOther.rate,
        legalFrom: carried.carriedFrom ?? shippedLast,
      });
    }
  }
  return plan;
}
