// docs/law.md § The rate tables: the MRO rate "in force on 1 January" is the last one the ECB
// decided, so a half-year past the table is not unknown: it carries the last known rates
// forward, provisional until a rates file confirms them. A cron never stops on 1 January.

import type { HalfYear } from './dates.js';
import { halfYearKey, nextHalfYear, parseHalfYearKey } from './dates.js';
import { formatPercent } from './money.js';
import type { HalfYearRates, RateTable, RateValue } from './rates.js';
import { rateTableSpan, ratesFor } from './rates.js';

/**
 * The rates that apply in a half-year: its row; past the last row (or in a gap a rates
 * file left), the last known rates carried forward, marked provisional (docs/law.md § The rate
 * the tables). Null only before the table's first row: nothing is known there.
 */
export function ratesOrCarried(table: RateTable, halfYear: HalfYear): HalfYearRates | null {
  const own = ratesFor(table, halfYear);
  if (own !== null) return own;
  const key = halfYearKey(halfYear);
  let from: string | null = null;
  for (const k of table.keys()) if (k < key && (from === null || k > from)) from = k;
  return from === null ? null : carriedRates(table.get(from)!, from, halfYear);
}

function carriedRates(last: HalfYearRates, from: string, halfYear: HalfYear): HalfYearRates {
  const source = `carried forward from ${from}: ${halfYearKey(halfYear)} is not in the rate tables yet — to confirm them, ${howToConfirm(halfYear)}`;
  const carry = (value: RateValue): RateValue => ({ rate: value.rate, provisional: true, source, origin: 'carried' });
  return { mro: carry(last.mro), b2b: carry(last.b2b), legalIndividual: carry(last.legalIndividual), legalOther: carry(last.legalOther), carriedFrom: from };
}

/** How a user confirms a half-year's rates: the primary sources, and where to write them. */
export function howToConfirm(halfYear: HalfYear): string {
  const start = halfYear.half === 1 ? `1 January ${halfYear.year}` : `1 July ${halfYear.year}`;
  return `run relance rates --update for the ECB main refinancing rate in force on ${start}, or write ${halfYearKey(halfYear)} in a rates file (relance rates --help shows how) with it and the legal interest rates published in the Journal officiel`;
}

/**
 * The half-years from the one after `table`'s last row up to `today`'s, whose rates are
 * carried forward: empty while the table reaches today.
 */
export function carriedHalfYears(table: RateTable, today: HalfYear): string[] {
  const span = rateTableSpan(table);
  if (span === null) return [];
  const out: string[] = [];
  let h = parseHalfYearKey(span.last)!;
  for (;;) {
    h = nextHalfYear(h);
    if (h.year > today.year || (h.year === today.year && h.half > today.half)) return out;
    out.push(halfYearKey(h));
  }
}

/**
 * What a half-year whose rates are carried forward means for the figures, and how to
 * confirm it: one sentence per half-year, whichever of its rates an invoice uses, so that
 * a run says it once.
 */
export function carriedRatesWarning(halfYear: HalfYear, row: HalfYearRates): string {
  const rates = `ECB rate ${formatPercent(row.mro.rate)} %, B2B rate ${formatPercent(row.b2b.rate)} %, legal rate ${formatPercent(row.legalOther.rate)} %`;
  return `${halfYearKey(halfYear)} is not in the rate tables yet: its rates are carried forward from ${row.carriedFrom} (${rates}) and the amounts computed with them are provisional — to confirm them, ${howToConfirm(halfYear)}`;
}
