// Past the last row of the rate tables, the last known rates carried forward and marked
// provisional (LAW.md § Beyond the tables), as a table: several half-years beyond, a rates
// file that extends the table, a gap it leaves, and before the first row (still missing).

import { describe, expect, it } from 'vitest';
import { carriedHalfYears, ratesOrCarried } from '../../src/domain/carried-rates.js';
import { formatPercent } from '../../src/domain/money.js';
import { SHIPPED_RATES, mergeRates, ratesFor, type RateTable, type UserRateEntry } from '../../src/domain/rates.js';

const half = (key: string) => {
  const [year, h] = key.split('-H');
  return { year: Number(year), half: Number(h) as 1 | 2 };
};

const userEntry = (key: string, patch: Partial<UserRateEntry> = {}): UserRateEntry => ({
  halfYear: half(key),
  mro: 24_000,
  b2b: null,
  legalIndividual: 68_400,
  legalOther: 27_500,
  provisional: false,
  source: 'rates.yaml:2',
  ...patch,
});

/** What a half-year gets from a table, as `key mro b2b legal-other provisional origin (carried from)`, or null. */
function applied(table: RateTable, key: string): string | null {
  const r = ratesOrCarried(table, half(key));
  if (r === null) return null;
  const flags = [r.mro, r.b2b, r.legalIndividual, r.legalOther];
  const provisional = flags.every((v) => v.provisional) ? 'provisional' : flags.some((v) => v.provisional) ? 'partly provisional' : 'confirmed';
  return `${formatPercent(r.mro.rate)} ${formatPercent(r.b2b.rate)} ${formatPercent(r.legalOther.rate)} ${provisional} ${r.mro.origin}${r.carriedFrom ? ` from ${r.carriedFrom}` : ''}`;
}

describe('ratesOrCarried: past the last row, the last known rates carried forward (LAW.md § Beyond the tables)', () => {
  const extended = mergeRates(SHIPPED_RATES, [userEntry('2027-H1', { mro: 21_500, legalOther: 26_000 })]);
  const gap = mergeRates(SHIPPED_RATES, [userEntry('2027-H2', { mro: 20_000, legalOther: 25_000 })]);
  it.each([
    { table: 'shipped', key: '2026-H2', expected: '2.40 12.40 2.75 confirmed shipped' },
    { table: 'shipped', key: '2027-H1', expected: '2.40 12.40 2.75 provisional carried from 2026-H2' },
    { table: 'shipped', key: '2027-H2', expected: '2.40 12.40 2.75 provisional carried from 2026-H2' },
    { table: 'shipped', key: '2031-H1', expected: '2.40 12.40 2.75 provisional carried from 2026-H2' },
    // A rates file that extends the table: its half-year as written, then carried from it.
    { table: 'extended', key: '2027-H1', expected: '2.15 12.15 2.60 confirmed user' },
    { table: 'extended', key: '2027-H2', expected: '2.15 12.15 2.60 provisional carried from 2027-H1' },
    { table: 'extended', key: '2029-H2', expected: '2.15 12.15 2.60 provisional carried from 2027-H1' },
    // A half-year a rates file skipped: the last known one before it.
    { table: 'gap', key: '2027-H1', expected: '2.40 12.40 2.75 provisional carried from 2026-H2' },
    { table: 'gap', key: '2027-H2', expected: '2.00 12.00 2.50 confirmed user' },
    { table: 'gap', key: '2028-H1', expected: '2.00 12.00 2.50 provisional carried from 2027-H2' },
    // Before the first row nothing is known: still missing.
    { table: 'shipped', key: '2014-H2', expected: null },
    { table: 'extended', key: '2010-H1', expected: null },
  ])('$table $key → $expected', ({ table, key, expected }) => {
    const rates = table === 'shipped' ? SHIPPED_RATES : table === 'extended' ? extended : gap;
    expect(applied(rates, key)).toBe(expected);
  });

  it('says where a carried value comes from and how to confirm it', () => {
    const r = ratesOrCarried(SHIPPED_RATES, half('2027-H1'))!;
    expect(r.b2b.source).toBe(
      'carried forward from 2026-H2: 2027-H1 is not in the rate tables yet — to confirm them, run relance rates --update for the ECB main refinancing rate in force on 1 January 2027, or write 2027-H1 in a rates file (relance rates --help shows how) with it and the legal interest rates published in the Journal officiel',
    );
    // The table itself is not changed.
    expect(ratesFor(SHIPPED_RATES, half('2027-H1'))).toBeNull();
  });

  it.each([
    { today: '2026-H2', table: SHIPPED_RATES, expected: [] },
    { today: '2027-H1', table: SHIPPED_RATES, expected: ['2027-H1'] },
    { today: '2028-H1', table: SHIPPED_RATES, expected: ['2027-H1', '2027-H2', '2028-H1'] },
    { today: '2027-H2', table: mergeRates(SHIPPED_RATES, [userEntry('2027-H1')]), expected: ['2027-H2'] },
    { today: '2020-H1', table: SHIPPED_RATES, expected: [] },
  ])('carriedHalfYears up to $today: $expected', ({ today, table, expected }) => {
    expect(carriedHalfYears(table, half(today))).toEqual(expected);
  });
});

