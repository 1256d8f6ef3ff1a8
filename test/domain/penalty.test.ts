// Every expected figure below is worked out by hand in the comment beside it, in cents:
// balance € × rate % = cents of interest per year; × days / 365; rounded half-up once.
// Shipped rates used: B2B 2019 10.00 · 2023-H1 12.50 · 2023-H2 14.00 · 2024-H1 14.50 ·
// 2024-H2 14.25 · 2025-H1 13.15 · 2025-H2 12.15 · 2026-H2 12.40, the last row: from 2027-H1
// on, carried forward and provisional; legal "autres cas" 2024-H2 4.92 · 2025-H1 3.71 ·
// 2025-H2 2.76 · 2026-H2 2.75.

import { describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay, type Day } from '../../src/domain/dates.js';
import { formatCents, formatPercent, parseAmount, parsePercent, type Cents } from '../../src/domain/money.js';
import { MissingRateError, computePenalty, type PenaltyResult, type RateMode } from '../../src/domain/penalty.js';
import { SHIPPED_RATES, mergeRates, type RateTable, type UserRateEntry } from '../../src/domain/rates.js';

interface Case {
  principal: string;
  due: string;
  /** Paid in full that day; also the end date unless `end` is given. */
  paid?: string;
  end?: string;
  payments?: readonly (readonly [date: string | null, amount: string])[];
  b2c?: boolean;
  notice?: string;
  /** Contractual rate, in percent. */
  rate?: string;
  mode?: RateMode;
  insolvency?: string;
}

function day(text: string): Day {
  const d = parseIsoDay(text);
  if (d === null) throw new Error(`bad test date ${text}`);
  return d;
}

function cents(text: string): Cents {
  const c = parseAmount(text);
  if (c === null) throw new Error(`bad test amount ${text}`);
  return c;
}

function penalty(c: Case, rates: RateTable = SHIPPED_RATES): PenaltyResult {
  const payments = (c.payments ?? []).map(([date, amount]) => ({ date: date === null ? null : day(date), amount: cents(amount) }));
  if (c.paid) payments.push({ date: day(c.paid), amount: cents(c.principal) });
  const end = c.end ?? c.paid;
  if (!end) throw new Error('a case needs `paid` or `end`');
  return computePenalty(
    {
      principal: cents(c.principal),
      dueDate: day(c.due),
      payments,
      endDate: day(end),
      regime: c.b2c ? 'b2c' : 'b2b',
      contractualRate: c.rate === undefined ? null : parsePercent(c.rate),
      rateMode: c.mode,
      noticeDate: c.notice === undefined ? null : day(c.notice),
      insolvencyDate: c.insolvency === undefined ? null : day(c.insolvency),
    },
    rates,
  );
}

type Row = readonly [from: string, to: string, days: number, balance: string, rate: string, interest: string];

interface Expected {
  daysLate: number;
  periods: readonly Row[];
  interest: string;
  flatFee: string;
  balance: string;
  total: string;
  warnings?: readonly string[];
}

function summary(r: PenaltyResult): Expected {
  return {
    daysLate: r.daysLate,
    periods: r.periods.map((p) => [formatIsoDay(p.from), formatIsoDay(p.to), p.days, formatCents(p.balance), formatPercent(p.rate), formatCents(p.interest)] as const),
    interest: formatCents(r.interest),
    flatFee: formatCents(r.flatFee),
    balance: formatCents(r.balance),
    total: formatCents(r.total),
    warnings: r.warnings.map((w) => w.text),
  };
}

const rounding = (shown: string, interest: string): string =>
  `the periods' interest, each rounded to the cent, adds up to ${shown}; the interest ${interest} is their exact sum rounded once`;
const provisionalB2b = (halfYear: string, rate: string, mro: string): string =>
  `the B2B rate for ${halfYear} (${rate} %: ECB rate ${mro} % + 10 points) is provisional: confirm the ECB rate in force on 1 ${halfYear.endsWith('H1') ? 'January' : 'July'}, or set ${halfYear} in a rates file`;
const provisionalLegal = (halfYear: string, rate: string): string =>
  `the legal interest rate for ${halfYear} (${rate} %) is provisional: confirm the legal rate in the Journal officiel, or set ${halfYear} in a rates file`;
/** The warning for a half-year past the tables, whose rates are the last known ones carried forward. */
const carried = (halfYear: string, from = '2026-H2', [mro, b2b, legal] = ['2.40', '12.40', '2.75']): string =>
  `${halfYear} is not in the rate tables yet: its rates are carried forward from ${from} (ECB rate ${mro} %, B2B rate ${b2b} %, legal rate ${legal} %) and the amounts computed with them are provisional — to confirm them, run relance rates --update for the ECB main refinancing rate in force on 1 ${halfYear.endsWith('H1') ? 'January' : 'July'} ${halfYear.slice(0, 4)}, or write ${halfYear} in a rates file (relance rates --help shows how) with it and the legal interest rates published in the Journal officiel`;
const NO_NOTICE = 'no formal notice recorded: B2C interest will run from the day after a formal notice (mise en demeure, art. 1231-6 C. civ.)';

describe('computePenalty: the published examples (LAW.md)', () => {
  it.each([
    // 3000 × 14.76 % = 44 280 c/yr; × 30 = 1 328 400; / 365 = 3 639.45 → 36.39 (contractual, above 2025-H1's floor 11.13)
    { principal: '3000.00', rate: '14.76', due: '2025-03-31', paid: '2025-04-30', interest: '36.39' },
    // 15 000 × 15 % = 225 000 c/yr; × 30 = 6 750 000; / 365 = 18 493.15 → 184.93
    { principal: '15000.00', rate: '15.00', due: '2025-03-31', paid: '2025-04-30', interest: '184.93' },
    // 5000 × 10 % (2019 default, MRO 0 + 10) = 50 000 c/yr; × 30 = 1 500 000; / 365 = 4 109.59 → 41.10
    { principal: '5000.00', due: '2019-03-31', paid: '2019-04-30', interest: '41.10' },
    // 10 000 × 13.15 % (2025-H1 default) = 131 500 c/yr; × 30 = 3 945 000; / 365 = 10 808.22 → 108.08
    { principal: '10000.00', due: '2025-03-31', paid: '2025-04-30', interest: '108.08' },
  ])('$principal at $rate over 30 days → $interest', ({ interest, ...c }) => {
    const r = penalty(c);
    expect(r.daysLate).toBe(30);
    expect(r.periods).toHaveLength(1);
    expect(formatCents(r.interest)).toBe(interest);
    expect(formatCents(r.flatFee)).toBe('40.00');
    expect(r.warnings).toEqual([]);
  });
});

const cases: readonly { name: string; input: Case; expected: Expected }[] = [
  {
    // DESIGN.md: 28 days of February + 15 of March = 43; 1000 × 13.15 % = 13 150 c/yr;
    // × 43 = 565 450; / 365 = 1 549.18 → 15.49; + 40 = 55.49
    name: 'DESIGN.md example: 1000 due 2025-01-31 paid 2025-03-15',
    input: { principal: '1000.00', due: '2025-01-31', paid: '2025-03-15' },
    expected: {
      daysLate: 43,
      periods: [['2025-02-01', '2025-03-15', 43, '1000.00', '13.15', '15.49']],
      interest: '15.49', flatFee: '40.00', balance: '0.00', total: '55.49', warnings: [],
    },
  },
  {
    // 13 150 × 1 / 365 = 36.03 → 0.36: one day late is late, the €40 is due
    name: 'paid the day after the due date',
    input: { principal: '1000.00', due: '2025-01-31', paid: '2025-02-01' },
    expected: {
      daysLate: 1,
      periods: [['2025-02-01', '2025-02-01', 1, '1000.00', '13.15', '0.36']],
      interest: '0.36', flatFee: '40.00', balance: '0.00', total: '40.36', warnings: [],
    },
  },
  {
    name: 'paid on the due date: nothing',
    input: { principal: '1000.00', due: '2025-01-31', paid: '2025-01-31' },
    expected: { daysLate: 0, periods: [], interest: '0.00', flatFee: '0.00', balance: '0.00', total: '0.00', warnings: [] },
  },
  {
    name: 'paid early, looked at later: nothing (days late still counts the calendar)',
    input: { principal: '1000.00', due: '2025-01-31', payments: [['2025-01-20', '1000.00']], end: '2025-03-15' },
    expected: { daysLate: 43, periods: [], interest: '0.00', flatFee: '0.00', balance: '0.00', total: '0.00', warnings: [] },
  },
  {
    name: 'not yet due',
    input: { principal: '1000.00', due: '2025-01-31', end: '2025-01-20' },
    expected: { daysLate: 0, periods: [], interest: '0.00', flatFee: '0.00', balance: '1000.00', total: '1000.00', warnings: [] },
  },
  {
    name: 'unpaid on the due date itself: not late yet, no €40',
    input: { principal: '1000.00', due: '2025-01-31', end: '2025-01-31' },
    expected: { daysLate: 0, periods: [], interest: '0.00', flatFee: '0.00', balance: '1000.00', total: '1000.00', warnings: [] },
  },

  // Half-year boundaries, both sides.
  {
    // first day of delay 1 July → 2025-H2 12.15: 12 150 × 31 = 376 650; / 365 = 1 031.92 → 10.32
    name: 'due 30 June: the whole delay is in H2',
    input: { principal: '1000.00', due: '2025-06-30', paid: '2025-07-31' },
    expected: {
      daysLate: 31,
      periods: [['2025-07-01', '2025-07-31', 31, '1000.00', '12.15', '10.32']],
      interest: '10.32', flatFee: '40.00', balance: '0.00', total: '50.32', warnings: [],
    },
  },
  {
    // 30 June at 13.15: 13 150 / 365 = 36.03 → 0.36; July as above 10.32;
    // exact: (13 150 + 376 650) / 365 = 389 800 / 365 = 1 067.95 → 10.68 (= 0.36 + 10.32)
    name: 'due 29 June: one day in H1, then H2',
    input: { principal: '1000.00', due: '2025-06-29', paid: '2025-07-31' },
    expected: {
      daysLate: 32,
      periods: [
        ['2025-06-30', '2025-06-30', 1, '1000.00', '13.15', '0.36'],
        ['2025-07-01', '2025-07-31', 31, '1000.00', '12.15', '10.32'],
      ],
      interest: '10.68', flatFee: '40.00', balance: '0.00', total: '50.68', warnings: [],
    },
  },
  {
    // 2 to 31 July = 30 days: 12 150 × 30 = 364 500; / 365 = 998.63 → 9.99
    name: 'due 1 July',
    input: { principal: '1000.00', due: '2025-07-01', paid: '2025-07-31' },
    expected: {
      daysLate: 30,
      periods: [['2025-07-02', '2025-07-31', 30, '1000.00', '12.15', '9.99']],
      interest: '9.99', flatFee: '40.00', balance: '0.00', total: '49.99', warnings: [],
    },
  },
  {
    // first day of delay 1 January 2025 → 13.15: 13 150 × 31 = 407 650; / 365 = 1 116.85 → 11.17
    name: 'due 31 December: the whole delay is in the next year',
    input: { principal: '1000.00', due: '2024-12-31', paid: '2025-01-31' },
    expected: {
      daysLate: 31,
      periods: [['2025-01-01', '2025-01-31', 31, '1000.00', '13.15', '11.17']],
      interest: '11.17', flatFee: '40.00', balance: '0.00', total: '51.17', warnings: [],
    },
  },
  {
    // 31 Dec 2024 at 14.25: 14 250 / 365 = 39.04 → 0.39; January 11.17;
    // exact: (14 250 + 407 650) / 365 = 421 900 / 365 = 1 155.89 → 11.56
    name: 'due 30 December: one day in 2024-H2, then 2025-H1',
    input: { principal: '1000.00', due: '2024-12-30', paid: '2025-01-31' },
    expected: {
      daysLate: 32,
      periods: [
        ['2024-12-31', '2024-12-31', 1, '1000.00', '14.25', '0.39'],
        ['2025-01-01', '2025-01-31', 31, '1000.00', '13.15', '11.17'],
      ],
      interest: '11.56', flatFee: '40.00', balance: '0.00', total: '51.56', warnings: [],
    },
  },
  {
    // fixed at the half-year of the first day of delay (30 June, H1): 13 150 × 32 = 420 800; / 365 = 1 152.88 → 11.53
    name: 'due 29 June, fixed mode: H1 rate for all 32 days',
    input: { principal: '1000.00', due: '2025-06-29', paid: '2025-07-31', mode: 'fixed' },
    expected: {
      daysLate: 32,
      periods: [['2025-06-30', '2025-07-31', 32, '1000.00', '13.15', '11.53']],
      interest: '11.53', flatFee: '40.00', balance: '0.00', total: '51.53', warnings: [],
    },
  },
  {
    // first day of delay 1 July → H2 even in fixed mode: same as the half-year case, 10.32
    name: 'due 30 June, fixed mode: H2 rate',
    input: { principal: '1000.00', due: '2025-06-30', paid: '2025-07-31', mode: 'fixed' },
    expected: {
      daysLate: 31,
      periods: [['2025-07-01', '2025-07-31', 31, '1000.00', '12.15', '10.32']],
      interest: '10.32', flatFee: '40.00', balance: '0.00', total: '50.32', warnings: [],
    },
  },

  // Leap year: the divisor stays 365.
  {
    // 2024 has 366 days: Jan–Jun 31+29+31+30+31+30 = 182, Jul–Dec 184.
    // 14 500 × 182 = 2 639 000; / 365 = 7 230.14 → 72.30
    // 14 250 × 184 = 2 622 000; / 365 = 7 183.56 → 71.84
    // exact: 5 261 000 / 365 = 14 413.70 → 144.14 (with /366 it would be 143.74)
    name: 'a 366-day delay over leap year 2024, half-years',
    input: { principal: '1000.00', due: '2023-12-31', paid: '2024-12-31' },
    expected: {
      daysLate: 366,
      periods: [
        ['2024-01-01', '2024-06-30', 182, '1000.00', '14.50', '72.30'],
        ['2024-07-01', '2024-12-31', 184, '1000.00', '14.25', '71.84'],
      ],
      interest: '144.14', flatFee: '40.00', balance: '0.00', total: '184.14', warnings: [],
    },
  },
  {
    // 14 500 × 366 = 5 307 000; / 365 = 14 539.73 → 145.40: more than a year's 145.00, as /365 means
    name: 'a 366-day delay over leap year 2024, fixed',
    input: { principal: '1000.00', due: '2023-12-31', paid: '2024-12-31', mode: 'fixed' },
    expected: {
      daysLate: 366,
      periods: [['2024-01-01', '2024-12-31', 366, '1000.00', '14.50', '145.40']],
      interest: '145.40', flatFee: '40.00', balance: '0.00', total: '185.40', warnings: [],
    },
  },

  // A long delay over five half-years. 10 000 € × r % = r × 10 000 c/yr.
  {
    // 16–31 May + June = 16 + 30 = 46 d;  125 000 × 46  =  5 750 000; / 365 = 15 753.42 → 157.53
    // 2023-H2 184 d;                      140 000 × 184 = 25 760 000; / 365 = 70 575.34 → 705.75
    // 2024-H1 182 d (leap);               145 000 × 182 = 26 390 000; / 365 = 72 301.37 → 723.01
    // 2024-H2 184 d;                      142 500 × 184 = 26 220 000; / 365 = 71 835.62 → 718.36
    // 1 Jan–10 Feb 2025 = 41 d;           131 500 × 41  =  5 391 500; / 365 = 14 771.23 → 147.71
    // days 46+184+182+184+41 = 637; exact sum 89 511 500 / 365 = 245 236.99 → 2 452.37,
    // while the rounded periods add up to 2 452.36
    name: '10 000 due 2023-05-15 paid 2025-02-10, half-years',
    input: { principal: '10000.00', due: '2023-05-15', paid: '2025-02-10' },
    expected: {
      daysLate: 637,
      periods: [
        ['2023-05-16', '2023-06-30', 46, '10000.00', '12.50', '157.53'],
        ['2023-07-01', '2023-12-31', 184, '10000.00', '14.00', '705.75'],
        ['2024-01-01', '2024-06-30', 182, '10000.00', '14.50', '723.01'],
        ['2024-07-01', '2024-12-31', 184, '10000.00', '14.25', '718.36'],
        ['2025-01-01', '2025-02-10', 41, '10000.00', '13.15', '147.71'],
      ],
      interest: '2452.37', flatFee: '40.00', balance: '0.00', total: '2492.37',
      warnings: [rounding('2452.36', '2452.37')],
    },
  },
  {
    // 2023-H1's 12.50 for all 637 days: 125 000 × 637 = 79 625 000; / 365 = 218 150.68 → 2 181.51
    name: '10 000 due 2023-05-15 paid 2025-02-10, fixed',
    input: { principal: '10000.00', due: '2023-05-15', paid: '2025-02-10', mode: 'fixed' },
    expected: {
      daysLate: 637,
      periods: [['2023-05-16', '2025-02-10', 637, '10000.00', '12.50', '2181.51']],
      interest: '2181.51', flatFee: '40.00', balance: '0.00', total: '2221.51', warnings: [],
    },
  },

  // Partial payments.
  {
    // 1–15 Feb on 1000: 13 150 × 15 = 197 250; / 365 = 540.41 → 5.40
    // 16 Feb–15 Mar (13 + 15 = 28 d) on 700: 9 205 × 28 = 257 740; / 365 = 706.14 → 7.06
    // exact: 454 990 / 365 = 1 246.55 → 12.47; the periods show 12.46
    name: 'two payments, 300 then 700',
    input: { principal: '1000.00', due: '2025-01-31', payments: [['2025-02-15', '300.00'], ['2025-03-15', '700.00']], end: '2025-03-15' },
    expected: {
      daysLate: 43,
      periods: [
        ['2025-02-01', '2025-02-15', 15, '1000.00', '13.15', '5.40'],
        ['2025-02-16', '2025-03-15', 28, '700.00', '13.15', '7.06'],
      ],
      interest: '12.47', flatFee: '40.00', balance: '0.00', total: '52.47',
      warnings: [rounding('12.46', '12.47')],
    },
  },
  {
    // 400 paid on the due date counts from the start: 600 × 13.15 % = 7 890; × 43 = 339 270; / 365 = 929.51 → 9.30
    name: 'a payment on the due date, the rest late',
    input: { principal: '1000.00', due: '2025-01-31', payments: [['2025-01-31', '400.00'], ['2025-03-15', '600.00']], end: '2025-03-15' },
    expected: {
      daysLate: 43,
      periods: [['2025-02-01', '2025-03-15', 43, '600.00', '13.15', '9.30']],
      interest: '9.30', flatFee: '40.00', balance: '0.00', total: '49.30', warnings: [],
    },
  },
  {
    // a payment without a date counts on the due date: as above, 9.30
    name: 'a payment with no date',
    input: { principal: '1000.00', due: '2025-01-31', payments: [[null, '400.00'], ['2025-03-15', '600.00']], end: '2025-03-15' },
    expected: {
      daysLate: 43,
      periods: [['2025-02-01', '2025-03-15', 43, '600.00', '13.15', '9.30']],
      interest: '9.30', flatFee: '40.00', balance: '0.00', total: '49.30', warnings: [],
    },
  },
  {
    // 1–10 Feb on 1000: 13 150 × 10 = 131 500; / 365 = 360.27 → 3.60
    // 11 Feb–2 Mar (18 + 2 = 20 d) on 750: 9 862.5 × 20 = 197 250; / 365 = 540.41 → 5.40
    // exact: 328 750 / 365 = 900.68 → 9.01; still due 750; 750 + 9.01 + 40 = 799.01
    name: 'a partial payment, the rest still open',
    input: { principal: '1000.00', due: '2025-01-31', payments: [['2025-02-10', '250.00']], end: '2025-03-02' },
    expected: {
      daysLate: 30,
      periods: [
        ['2025-02-01', '2025-02-10', 10, '1000.00', '13.15', '3.60'],
        ['2025-02-11', '2025-03-02', 20, '750.00', '13.15', '5.40'],
      ],
      interest: '9.01', flatFee: '40.00', balance: '750.00', total: '799.01',
      warnings: [rounding('9.00', '9.01')],
    },
  },
  {
    // the payment after the end date is not counted: 15.49 on the whole, 1000 still due; 1000 + 15.49 + 40
    name: 'a payment after the end date is ignored',
    input: { principal: '1000.00', due: '2025-01-31', payments: [['2025-03-20', '1000.00']], end: '2025-03-15' },
    expected: {
      daysLate: 43,
      periods: [['2025-02-01', '2025-03-15', 43, '1000.00', '13.15', '15.49']],
      interest: '15.49', flatFee: '40.00', balance: '1000.00', total: '1055.49', warnings: [],
    },
  },

  // Contractual rates and the floor of 3 × the legal rate "autres cas".
  {
    // 2025-H1 floor 3 × 3.71 = 11.13: 11 130 × 43 = 478 590; / 365 = 1 311.21 → 13.11
    name: 'a contractual rate below the floor is raised to it',
    input: { principal: '1000.00', due: '2025-01-31', paid: '2025-03-15', rate: '5' },
    expected: {
      daysLate: 43,
      periods: [['2025-02-01', '2025-03-15', 43, '1000.00', '11.13', '13.11']],
      interest: '13.11', flatFee: '40.00', balance: '0.00', total: '53.11',
      warnings: ['the contractual rate 5.00 % is below the floor for 2025-H1, 3 × the legal rate 3.71 % = 11.13 % (art. L441-10 C. com.): 11.13 % applied (floor: raise)'],
    },
  },
  {
    name: 'a contractual rate exactly at the floor is used as is',
    input: { principal: '1000.00', due: '2025-01-31', paid: '2025-03-15', rate: '11.13' },
    expected: {
      daysLate: 43,
      periods: [['2025-02-01', '2025-03-15', 43, '1000.00', '11.13', '13.11']],
      interest: '13.11', flatFee: '40.00', balance: '0.00', total: '53.11', warnings: [],
    },
  },
  {
    // 15 000 × 43 = 645 000; / 365 = 1 767.12 → 17.67
    name: 'a contractual rate above the floor is used as is',
    input: { principal: '1000.00', due: '2025-01-31', paid: '2025-03-15', rate: '15' },
    expected: {
      daysLate: 43,
      periods: [['2025-02-01', '2025-03-15', 43, '1000.00', '15.00', '17.67']],
      interest: '17.67', flatFee: '40.00', balance: '0.00', total: '57.67', warnings: [],
    },
  },
  {
    // 12 % is below 2024-H2's floor 3 × 4.92 = 14.76 but above 2025-H1's 11.13:
    // December 14 760 × 31 = 457 560; / 365 = 1 253.59 → 12.54
    // January  12 000 × 31 = 372 000; / 365 = 1 019.18 → 10.19
    // exact: 829 560 / 365 = 2 272.77 → 22.73
    name: 'a contractual rate raised in one half-year only',
    input: { principal: '1000.00', due: '2024-11-30', paid: '2025-01-31', rate: '12' },
    expected: {
      daysLate: 62,
      periods: [
        ['2024-12-01', '2024-12-31', 31, '1000.00', '14.76', '12.54'],
        ['2025-01-01', '2025-01-31', 31, '1000.00', '12.00', '10.19'],
      ],
      interest: '22.73', flatFee: '40.00', balance: '0.00', total: '62.73',
      warnings: ['the contractual rate 12.00 % is below the floor for 2024-H2, 3 × the legal rate 4.92 % = 14.76 % (art. L441-10 C. com.): 14.76 % applied (floor: raise)'],
    },
  },

  // B2C: the legal rate "autres cas" from the day after the formal notice, no €40.
  {
    // 15 Feb–15 Mar = 14 + 15 = 29 d at 3.71: 3 710 × 29 = 107 590; / 365 = 294.77 → 2.95
    name: 'B2C with a formal notice',
    input: { principal: '1000.00', due: '2025-01-31', paid: '2025-03-15', b2c: true, notice: '2025-02-14' },
    expected: {
      daysLate: 43,
      periods: [['2025-02-15', '2025-03-15', 29, '1000.00', '3.71', '2.95']],
      interest: '2.95', flatFee: '0.00', balance: '0.00', total: '2.95', warnings: [],
    },
  },
  {
    // a notice before the due date: interest from the day after the due date, 43 d: 3 710 × 43 = 159 530; / 365 = 437.07 → 4.37
    name: 'B2C with a notice sent before the due date',
    input: { principal: '1000.00', due: '2025-01-31', paid: '2025-03-15', b2c: true, notice: '2025-01-15' },
    expected: {
      daysLate: 43,
      periods: [['2025-02-01', '2025-03-15', 43, '1000.00', '3.71', '4.37']],
      interest: '4.37', flatFee: '0.00', balance: '0.00', total: '4.37', warnings: [],
    },
  },
  {
    name: 'B2C without a notice: no interest yet',
    input: { principal: '1000.00', due: '2025-01-31', end: '2025-03-15', b2c: true },
    expected: { daysLate: 43, periods: [], interest: '0.00', flatFee: '0.00', balance: '1000.00', total: '1000.00', warnings: [NO_NOTICE] },
  },
  {
    name: 'B2C paid on time: nothing to say',
    input: { principal: '1000.00', due: '2025-01-31', paid: '2025-01-31', b2c: true },
    expected: { daysLate: 0, periods: [], interest: '0.00', flatFee: '0.00', balance: '0.00', total: '0.00', warnings: [] },
  },
  {
    // half-years despite `fixed`, contractual rate ignored:
    // 16–30 Jun 15 d at 3.71: 3 710 × 15 = 55 650; / 365 = 152.47 → 1.52
    // 1–15 Jul 15 d at 2.76: 2 760 × 15 = 41 400; / 365 = 113.42 → 1.13
    // exact: 97 050 / 365 = 265.89 → 2.66
    // A consumer's contract may set the rate (art. 1231-6 is a default rule): 10 % from the
    // day after the notice, 1 000 × 10 % × 15 / 365 = 4.1096 → 4.11 each half; 30 days: 8.2192 → 8.22.
    name: 'B2C across a half-year, with fixed mode and a contractual rate: the rate applies from the notice, the mode does not',
    input: { principal: '1000.00', due: '2025-05-31', end: '2025-07-15', b2c: true, notice: '2025-06-15', mode: 'fixed', rate: '10' },
    expected: {
      daysLate: 45,
      periods: [
        ['2025-06-16', '2025-06-30', 15, '1000.00', '10.00', '4.11'],
        ['2025-07-01', '2025-07-15', 15, '1000.00', '10.00', '4.11'],
      ],
      interest: '8.22', flatFee: '0.00', balance: '1000.00', total: '1008.22',
      warnings: [
        'the fixed rate mode applies to B2B rates only: B2C interest follows the legal rate of each half-year (art. L313-2 CMF)',
        'the contractual rate 10.00 % is applied to this consumer from the formal notice (art. 1231-6 C. civ. is a default rule): check that the consumer agreed to the clause and that it is not excessive — a judge may reduce it (art. 1231-5 C. civ.) or set aside an unfair term (art. L212-1 C. conso.)',
      ],
    },
  },

  // Collective proceedings.
  {
    // The judgment of 20 Feb takes effect from its first hour: interest 1–19 Feb:
    // 13 150 × 19 = 249 850; / 365 = 684.52 → 6.85; €40 due (late before the judgment)
    name: 'insolvency after the due date: interest stops on the eve of the judgment',
    input: { principal: '1000.00', due: '2025-01-31', end: '2025-03-15', insolvency: '2025-02-20' },
    expected: {
      daysLate: 43,
      periods: [['2025-02-01', '2025-02-19', 19, '1000.00', '13.15', '6.85']],
      interest: '6.85', flatFee: '40.00', balance: '1000.00', total: '1046.85',
      warnings: ['interest stops on 2025-02-19: the opening judgment of the collective proceeding (2025-02-20) stops it from the first hour of its day (art. L622-28 C. com.)'],
    },
  },
  {
    name: 'insolvency after the end date changes nothing',
    input: { principal: '1000.00', due: '2025-01-31', end: '2025-03-15', insolvency: '2025-04-01' },
    expected: {
      daysLate: 43,
      periods: [['2025-02-01', '2025-03-15', 43, '1000.00', '13.15', '15.49']],
      interest: '15.49', flatFee: '40.00', balance: '1000.00', total: '1055.49', warnings: [],
    },
  },
  {
    name: 'insolvency on the due date: no interest, no €40',
    input: { principal: '1000.00', due: '2025-01-31', end: '2025-03-15', insolvency: '2025-01-31' },
    expected: {
      daysLate: 43, periods: [], interest: '0.00', flatFee: '0.00', balance: '1000.00', total: '1000.00',
      warnings: ['the collective proceeding opened on 2025-01-31, by the due date 2025-01-31, prevented payment: no interest and no €40 indemnity (art. L622-28 and D441-5 C. com.)'],
    },
  },
  {
    name: 'insolvency before the due date: no interest, no €40',
    input: { principal: '1000.00', due: '2025-01-31', end: '2025-03-15', insolvency: '2025-01-10' },
    expected: {
      daysLate: 43, periods: [], interest: '0.00', flatFee: '0.00', balance: '1000.00', total: '1000.00',
      warnings: ['the collective proceeding opened on 2025-01-10, by the due date 2025-01-31, prevented payment: no interest and no €40 indemnity (art. L622-28 and D441-5 C. com.)'],
    },
  },

  // Rounding.
  {
    // 1–28 Feb + 1–31 Mar + 1–14 Apr = 73 d at 10 % (2019): 1000.25 × 10 % = 10 002.5 c/yr;
    // × 73 / 365 = × 1/5 → exactly 2 000.5 c → rounds half up to 20.01 (banker's rounding would give 20.00)
    name: 'an exact half cent rounds up',
    input: { principal: '1000.25', due: '2019-01-31', end: '2019-04-14' },
    expected: {
      daysLate: 73,
      periods: [['2019-02-01', '2019-04-14', 73, '1000.25', '10.00', '20.01']],
      interest: '20.01', flatFee: '40.00', balance: '1000.25', total: '1060.26', warnings: [],
    },
  },
  {
    // 19 Apr–30 Jun = 12 + 31 + 30 = 73 d, 1 Jul–11 Sep = 31 + 31 + 11 = 73 d, both at 10 %:
    // each exactly 2 000.5 c → 20.01 shown; the exact sum 4 001 c is 40.01, not 40.02
    name: 'two half cents: per-period rounding would overstate by a cent',
    input: { principal: '1000.25', due: '2019-04-18', end: '2019-09-11' },
    expected: {
      daysLate: 146,
      periods: [
        ['2019-04-19', '2019-06-30', 73, '1000.25', '10.00', '20.01'],
        ['2019-07-01', '2019-09-11', 73, '1000.25', '10.00', '20.01'],
      ],
      interest: '40.01', flatFee: '40.00', balance: '1000.25', total: '1080.26',
      warnings: [rounding('40.02', '40.01')],
    },
  },

  // The last row of the tables (2026-H2, confirmed), and the half-years past it.
  {
    // 12 400 × 31 = 384 400; / 365 = 1 053.15 → 10.53; confirmed: no warning
    name: '2026-H2, confirmed',
    input: { principal: '1000.00', due: '2026-06-30', end: '2026-07-31' },
    expected: {
      daysLate: 31,
      periods: [['2026-07-01', '2026-07-31', 31, '1000.00', '12.40', '10.53']],
      interest: '10.53', flatFee: '40.00', balance: '1000.00', total: '1050.53',
      warnings: [],
    },
  },
  {
    // 2027-H1 carries 2026-H2's 12.40: 12 400 × 31 = 384 400; / 365 = 1 053.15 → 10.53
    name: 'past the tables, the last known rate carried forward (2027-H1)',
    input: { principal: '1000.00', due: '2026-12-31', end: '2027-01-31' },
    expected: {
      daysLate: 31,
      periods: [['2027-01-01', '2027-01-31', 31, '1000.00', '12.40', '10.53']],
      interest: '10.53', flatFee: '40.00', balance: '1000.00', total: '1050.53',
      warnings: [carried('2027-H1')],
    },
  },
  {
    // 1–10 Jan on 1000: 12 400 × 10 = 124 000; / 365 = 339.73 → 3.40
    // 11–31 Jan on 500: 6 200 × 21 = 130 200; / 365 = 356.71 → 3.57
    // exact: 254 200 / 365 = 696.44 → 6.96; 500 + 6.96 + 40 = 546.96; the carried rate named once
    name: 'a carried rate over two periods is named once',
    input: { principal: '1000.00', due: '2026-12-31', payments: [['2027-01-10', '500.00']], end: '2027-01-31' },
    expected: {
      daysLate: 31,
      periods: [
        ['2027-01-01', '2027-01-10', 10, '1000.00', '12.40', '3.40'],
        ['2027-01-11', '2027-01-31', 21, '500.00', '12.40', '3.57'],
      ],
      interest: '6.96', flatFee: '40.00', balance: '500.00', total: '546.96',
      warnings: [carried('2027-H1'), rounding('6.97', '6.96')],
    },
  },
  {
    // 2–31 Jan = 30 d at 2.75 carried: 2 750 × 30 = 82 500; / 365 = 226.03 → 2.26
    name: 'a carried legal rate (B2C, 2027-H1)',
    input: { principal: '1000.00', due: '2026-12-31', end: '2027-01-31', b2c: true, notice: '2027-01-01' },
    expected: {
      daysLate: 31,
      periods: [['2027-01-02', '2027-01-31', 30, '1000.00', '2.75', '2.26']],
      interest: '2.26', flatFee: '0.00', balance: '1000.00', total: '1002.26',
      warnings: [carried('2027-H1')],
    },
  },
  {
    // 16–31 Dec 16 d at 12.40: 198 400 → 5.44; 1 Jan–30 Jun 181 d carried: 2 244 400 → 61.49;
    // 1 Jul–1 Sep 63 d carried: 781 200 → 21.40; exact 3 224 000 / 365 = 8 832.88 → 88.33
    name: 'several half-years past the tables, each carried and said',
    input: { principal: '1000.00', due: '2026-12-15', end: '2027-09-01' },
    expected: {
      daysLate: 260,
      periods: [
        ['2026-12-16', '2026-12-31', 16, '1000.00', '12.40', '5.44'],
        ['2027-01-01', '2027-06-30', 181, '1000.00', '12.40', '61.49'],
        ['2027-07-01', '2027-09-01', 63, '1000.00', '12.40', '21.40'],
      ],
      interest: '88.33', flatFee: '40.00', balance: '1000.00', total: '1128.33',
      warnings: [carried('2027-H1'), carried('2027-H2')],
    },
  },
  {
    // fixed mode needs only 2026-H2's rate: 16 Dec–10 Jan = 16 + 10 = 26 d; 12 400 × 26 = 322 400; / 365 = 883.29 → 8.83
    name: 'fixed mode past the tables keeps the confirmed rate of the first half-year',
    input: { principal: '1000.00', due: '2026-12-15', end: '2027-01-10', mode: 'fixed' },
    expected: {
      daysLate: 26,
      periods: [['2026-12-16', '2027-01-10', 26, '1000.00', '12.40', '8.83']],
      interest: '8.83', flatFee: '40.00', balance: '1000.00', total: '1048.83',
      warnings: [],
    },
  },
  {
    // settled on 20 Dec, nothing accrues in 2027, so no carried rate is used: 12 400 × 5 = 62 000; / 365 = 169.86 → 1.70
    name: 'paid before the tables end, looked at after',
    input: { principal: '1000.00', due: '2026-12-15', payments: [['2026-12-20', '1000.00']], end: '2027-03-01' },
    expected: {
      daysLate: 76,
      periods: [['2026-12-16', '2026-12-20', 5, '1000.00', '12.40', '1.70']],
      interest: '1.70', flatFee: '40.00', balance: '0.00', total: '41.70',
      warnings: [],
    },
  },
];

describe('computePenalty', () => {
  it.each(cases)('$name', ({ input, expected }) => {
    expect(summary(penalty(input))).toEqual(expected);
  });

  it('reports the mode applied and flags provisional periods', () => {
    expect(penalty({ principal: '1000.00', due: '2025-01-31', paid: '2025-03-15' }).rateMode).toBe('half-year');
    expect(penalty({ principal: '1000.00', due: '2025-01-31', paid: '2025-03-15', mode: 'fixed' }).rateMode).toBe('fixed');
    expect(penalty({ principal: '1000.00', due: '2025-01-31', end: '2025-03-15', b2c: true, notice: '2025-02-01', mode: 'fixed' }).rateMode).toBe('half-year');
    const r = penalty({ principal: '1000.00', due: '2026-12-30', end: '2027-01-31' });
    expect(r.periods.map((p) => p.provisional)).toEqual([false, true]);
  });

  it('keeps the exact sum exact for large amounts over long delays', () => {
    // 10 000 000.00 over 637 days: the numerators pass 2^53. As the long-delay case × 1000:
    // exact sum 89 511 500 000 / 365 = 245 236 986.30 → 2 452 369.86
    const r = penalty({ principal: '10000000.00', due: '2023-05-15', paid: '2025-02-10' });
    expect(formatCents(r.interest)).toBe('2452369.86');
  });
});

const userEntry = (key: string, mro: string, individual: string, other: string): UserRateEntry => {
  const [year, half] = key.split('-H');
  return {
    halfYear: { year: Number(year), half: Number(half) as 1 | 2 },
    mro: parsePercent(mro)!,
    b2b: null,
    legalIndividual: parsePercent(individual)!,
    legalOther: parsePercent(other)!,
    provisional: false,
    source: 'rates.yaml',
  };
};

describe('computePenalty: a date outside the tables', () => {
  it.each([
    { due: '2014-12-01', end: '2015-01-10', halfYear: '2014-H2', message: "no rate for 2014-H2: relance's tables start at 2015-H1 — add 2014-H2 to a rates file (rates: in relance.yaml)" },
  ])('before the first row: no rate for $halfYear, nothing to carry', ({ due, end, halfYear, message }) => {
    let thrown: unknown;
    try {
      penalty({ principal: '1000.00', due, end });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(MissingRateError);
    expect((thrown as MissingRateError).halfYear).toBe(halfYear);
    expect((thrown as MissingRateError).message).toBe(message);
  });

  it('warns about a rate a rates file marks provisional', () => {
    const rates = mergeRates(SHIPPED_RATES, [{ ...userEntry('2027-H1', '2.15', '6.50', '2.60'), provisional: true }]);
    // 1–31 Jan 31 d at 12.15: 12 150 × 31 = 376 650; / 365 = 1 031.92 → 10.32
    const r = penalty({ principal: '1000.00', due: '2026-12-31', end: '2027-01-31' }, rates);
    expect(formatCents(r.interest)).toBe('10.32');
    expect(r.periods.map((p) => p.provisional)).toEqual([true]);
    expect(r.warnings.map((w) => w.text)).toEqual([provisionalB2b('2027-H1', '12.15', '2.15')]);
    const b2c = penalty({ principal: '1000.00', due: '2026-12-31', end: '2027-01-31', b2c: true, notice: '2027-01-01' }, rates);
    expect(b2c.warnings.map((w) => w.text)).toEqual([provisionalLegal('2027-H1', '2.60')]);
  });

  it('carries forward from the last row of a rates file that extends the tables', () => {
    const rates = mergeRates(SHIPPED_RATES, [userEntry('2027-H1', '2.15', '6.50', '2.60')]);
    // 2027-H1 from the file: 1 Jun–30 Jun 30 d at 12.15: 12 150 × 30 = 364 500 → 9.99
    // 2027-H2 carried from 2027-H1: 1 Jul–31 Jul 31 d at 12.15: 376 650 → 10.32; exact 741 150 / 365 = 2 030.55 → 20.31
    const r = penalty({ principal: '1000.00', due: '2027-05-31', end: '2027-07-31' }, rates);
    expect(summary(r)).toMatchObject({
      periods: [
        ['2027-06-01', '2027-06-30', 30, '1000.00', '12.15', '9.99'],
        ['2027-07-01', '2027-07-31', 31, '1000.00', '12.15', '10.32'],
      ],
      interest: '20.31',
      warnings: [carried('2027-H2', '2027-H1', ['2.15', '12.15', '2.60'])],
    });
    expect(r.periods.map((p) => p.provisional)).toEqual([false, true]);
  });

  it('works once a rates file confirms 2026-H2 and adds 2027-H1', () => {
    const rates = mergeRates(SHIPPED_RATES, [userEntry('2026-H2', '2.40', '6.84', '2.75'), userEntry('2027-H1', '2.15', '6.50', '2.60')]);
    // 16–31 Dec 16 d at 12.40: 12 400 × 16 = 198 400; / 365 = 543.56 → 5.44
    // 1–10 Jan 10 d at 2.15 + 10 = 12.15: 12 150 × 10 = 121 500; / 365 = 332.88 → 3.33
    // exact: 319 900 / 365 = 876.44 → 8.76; confirmed, so no provisional warning
    expect(summary(penalty({ principal: '1000.00', due: '2026-12-15', end: '2027-01-10' }, rates))).toEqual({
      daysLate: 26,
      periods: [
        ['2026-12-16', '2026-12-31', 16, '1000.00', '12.40', '5.44'],
        ['2027-01-01', '2027-01-10', 10, '1000.00', '12.15', '3.33'],
      ],
      interest: '8.76', flatFee: '40.00', balance: '1000.00', total: '1048.76',
      warnings: [rounding('8.77', '8.76')],
    });
  });
});
