// The finer points of LAW.md as tables: each rule's default and the other reading where
// there are two, worked by hand in cents beside each case (balance € × rate % = cents of
// interest a year; × days / 365; the total rounded once, half up). Shipped rates used:
// B2B 2025-H1 13.15 · 2025-H2 12.15; MRO 2025-H1 3.15 · 2025-H2 2.15; legal "autres cas"
// 2025-H1 3.71.

import { describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay, type Day } from '../../src/domain/dates.js';
import type { ClientType } from '../../src/domain/invoice.js';
import type { FloorRule, Imputation } from '../../src/domain/law-settings.js';
import { formatCents, formatPercent, parseAmount, parsePercent, type Cents } from '../../src/domain/money.js';
import { computePenalty, type PenaltyResult, type RateMode } from '../../src/domain/penalty.js';
import { SHIPPED_RATES, mergeRates, type RateTable, type UserRateEntry } from '../../src/domain/rates.js';

const day = (text: string): Day => parseIsoDay(text)!;
const cents = (text: string): Cents => parseAmount(text)!;

interface Case {
  principal: string;
  due: string;
  end: string;
  payments?: readonly (readonly [date: string, amount: string])[];
  regime?: ClientType;
  rate?: string;
  mode?: RateMode;
  notice?: string;
  insolvency?: string;
  imputation?: Imputation;
  floor?: FloorRule;
}

function penalty(c: Case, rates: RateTable = SHIPPED_RATES): PenaltyResult {
  return computePenalty(
    {
      principal: cents(c.principal),
      dueDate: day(c.due),
      payments: (c.payments ?? []).map(([date, amount]) => ({ date: day(date), amount: cents(amount) })),
      endDate: day(c.end),
      regime: c.regime ?? 'b2b',
      contractualRate: c.rate === undefined ? null : parsePercent(c.rate),
      rateMode: c.mode,
      noticeDate: c.notice === undefined ? null : day(c.notice),
      insolvencyDate: c.insolvency === undefined ? null : day(c.insolvency),
      imputation: c.imputation,
      floor: c.floor,
    },
    rates,
  );
}

function figures(r: PenaltyResult) {
  return {
    periods: r.periods.map((p) => [formatIsoDay(p.from), formatIsoDay(p.to), p.days, formatCents(p.balance), formatPercent(p.rate), formatCents(p.interest)]),
    interest: formatCents(r.interest),
    interestPaid: formatCents(r.interestPaid),
    principalLeft: formatCents(r.principalLeft),
    flatFee: formatCents(r.flatFee),
    balance: formatCents(r.balance),
    total: formatCents(r.total),
  };
}

describe('imputation of partial payments (art. 1343-1 C. civ.): LAW.md’s example to the cent', () => {
  // 10 000 € due 31/03/2025, 4 000 € paid 15/04, the rest on 30/04, at 13.15 % (2025-H1).
  // 1–15 Apr on 10 000: 1 315 000 × 15 = 19 725 000; / 365 = 54 041.10 → 54.04 (exact 54.0411)
  const example: Case = { principal: '10000.00', due: '2025-03-31', end: '2025-04-30', payments: [['2025-04-15', '4000.00'], ['2025-04-30', '6000.00']] };

  it('principal first (the default): 86.47 €', () => {
    // 16–30 Apr on 6 000: 789 000 × 15 = 11 835 000; / 365 = 32 424.66 → 32.42;
    // exact (19 725 000 + 11 835 000) / 365 = 86 465.75 → 86.47
    const r = penalty(example);
    expect(r.imputation).toBe('principal-first');
    expect(figures(r)).toEqual({
      periods: [
        ['2025-04-01', '2025-04-15', 15, '10000.00', '13.15', '54.04'],
        ['2025-04-16', '2025-04-30', 15, '6000.00', '13.15', '32.42'],
      ],
      interest: '86.47', interestPaid: '0.00', principalLeft: '0.00', flatFee: '40.00', balance: '0.00', total: '126.47',
    });
  });

  it('interest first: 86.76 €, 54.04 € of the 4 000 € pays interest, principal 6 054.04 € after', () => {
    // The 4 000 € first pay the 54.04 € accrued to 15 Apr, then 3 945.96 € of principal:
    // 10 000 − 3 945.96 = 6 054.04. 16–30 Apr on 6 054.04: 796 106.26 × 15 / 365 = 32 716.42 → 32.72;
    // exact 54 041.10 + 32 716.42 = 86 757.52 → 86.76. The last 6 000 € pay the 32.72 € accrued
    // since, then 5 967.28 € of principal: 86.76 € of principal is left, the interest all paid.
    const r = penalty({ ...example, imputation: 'interest-first' });
    expect(r.imputation).toBe('interest-first');
    expect(figures(r)).toEqual({
      periods: [
        ['2025-04-01', '2025-04-15', 15, '10000.00', '13.15', '54.04'],
        ['2025-04-16', '2025-04-30', 15, '6054.04', '13.15', '32.72'],
      ],
      interest: '86.76', interestPaid: '86.76', principalLeft: '86.76', flatFee: '40.00', balance: '0.00', total: '126.76',
    });
  });

  it.each([
    // Unpaid after the 4 000 €: principal first owes 6 000 + 86.47 + 40; interest first
    // owes 6 054.04 of principal + (86.76 − 54.04) of interest + 40 = 6 126.76, the same as 6 000 + 86.76 + 40.
    ['principal-first', '86.47', '0.00', '6000.00', '6126.47'],
    ['interest-first', '86.76', '54.04', '6054.04', '6126.76'],
  ] as const)('%s, the rest still unpaid on 30/04', (imputation, interest, interestPaid, principalLeft, total) => {
    const r = penalty({ ...example, payments: [['2025-04-15', '4000.00']], imputation });
    expect(figures(r)).toMatchObject({ interest, interestPaid, principalLeft, balance: '6000.00', total });
  });

  it('a payment before the due date pays principal only, whatever the reading', () => {
    const r = penalty({ principal: '1000.00', due: '2025-03-31', end: '2025-04-30', payments: [['2025-03-20', '400.00']], imputation: 'interest-first' });
    // 1–30 Apr on 600: 78 900 × 30 / 365 = 6 484.93 → 6.48
    expect(figures(r)).toMatchObject({ interest: '6.48', interestPaid: '0.00', principalLeft: '600.00' });
  });
});

describe('a contractual rate below the floor (L441-10 II)', () => {
  // 5 % contractual, due 31/01/2025, to 15/03/2025: 43 days in 2025-H1, floor 3 × 3.71 = 11.13 %.
  it.each([
    // raise: 1 000 × 11.13 % = 111.30 €/year × 43 / 365 = 13.1121 → 13.11
    ['raise', '11.13', '13.11', 'the contractual rate 5.00 % is below the floor for 2025-H1, 3 × the legal rate 3.71 % = 11.13 % (art. L441-10 C. com.): 11.13 % applied (floor: raise)'],
    // void: the default ECB + 10 = 13.15 %: 131.50 × 43 / 365 = 15.4918 → 15.49
    ['void', '13.15', '15.49', 'the contractual rate 5.00 % is below the floor for 2025-H1, 3 × the legal rate 3.71 % = 11.13 % (art. L441-10 C. com.): the clause is treated as void and the default rate, ECB rate + 10 points = 13.15 %, applied (floor: void)'],
  ] as const)('floor: %s', (floor, rate, interest, warning) => {
    const r = penalty({ principal: '1000.00', due: '2025-01-31', end: '2025-03-15', rate: '5', floor });
    expect({ rate: formatPercent(r.periods[0]!.rate), interest: formatCents(r.interest), belowFloor: r.belowFloor, floor: r.floor }).toEqual({ rate, interest, belowFloor: true, floor });
    expect(r.warnings.map((w) => w.text)).toEqual([warning]);
  });

  it('a rate above the floor is the same either way, and the floor did not matter', () => {
    for (const floor of ['raise', 'void'] as const) {
      const r = penalty({ principal: '1000.00', due: '2025-01-31', end: '2025-03-15', rate: '15', floor });
      expect({ rate: formatPercent(r.periods[0]!.rate), belowFloor: r.belowFloor, warnings: r.warnings }).toEqual({ rate: '15.00', belowFloor: false, warnings: [] });
    }
  });
});

describe('the €40 indemnity exists for due dates from 1 January 2013 (décret 2012-1115)', () => {
  // A user's rates for 2012-H2 and 2013-H1 (the shipped tables start at 2015).
  const entry = (year: number, half: 1 | 2, mro: string, legal: string): UserRateEntry => ({
    halfYear: { year, half },
    mro: parsePercent(mro)!,
    b2b: null,
    legalIndividual: parsePercent(legal)!,
    legalOther: parsePercent(legal)!,
    provisional: false,
    source: 'rates.yaml',
  });
  const rates = mergeRates(SHIPPED_RATES, [entry(2012, 2, '1.00', '0.71'), entry(2013, 1, '0.75', '0.04')]);

  it.each([
    // due 31/12/2012: 1–30 Jan 2013 at 10.75 % (0.75 + 10): 107.50 € a year × 30 / 365 = 8.8356 → 8.84, and no €40
    ['2012-12-31', '2013-01-30', '8.84', '0.00', ['no €40 indemnity: it exists for due dates from 1 January 2013 (décret n° 2012-1115), and this one is 2012-12-31']],
    // due 1/1/2013: 2–31 Jan, 30 days: 8.84, and the €40
    ['2013-01-01', '2013-01-31', '8.84', '40.00', []],
  ] as const)('due %s', (due, end, interest, flatFee, warnings) => {
    const r = penalty({ principal: '1000.00', due, end }, rates);
    expect({ interest: formatCents(r.interest), flatFee: formatCents(r.flatFee), warnings: r.warnings.map((w) => w.text) }).toEqual({ interest, flatFee, warnings });
  });

  it('never for a consumer, and for a public buyer from 2013 too (D2192-35)', () => {
    expect(penalty({ principal: '1000.00', due: '2025-01-31', end: '2025-03-15', regime: 'b2c', notice: '2025-02-01' }).flatFee).toBe(0);
    expect(penalty({ principal: '1000.00', due: '2025-01-31', end: '2025-03-15', regime: 'public' }).flatFee).toBe(4000);
  });
});

describe('a public buyer (R2192-31 C. commande publique): ECB rate of the half-year interest began in + 8 points, fixed', () => {
  it('worked by hand', () => {
    // 10 000 € due 31/03/2025, paid 31/07/2025. Interest runs from 1 April 2025, in 2025-H1:
    // the ECB rate in force on its first day, 1 January 2025, was 3.15 % → 3.15 + 8 = 11.15 %,
    // kept for the whole delay although the ECB rate in force on 1 July was 2.15 %.
    // Days: 1 Apr → 31 Jul = 30 + 31 + 30 + 31 = 122. 10 000 × 11.15 % = 1 115 € a year;
    // × 122 / 365 = 372.684… → 372.68 €. Plus €40 (D2192-35): total claimed 412.68 €.
    // (Between businesses the same delay costs 13.15 % for 91 days and 12.15 % for 31: 431.04 €.)
    const r = penalty({ principal: '10000.00', due: '2025-03-31', end: '2025-07-31', payments: [['2025-07-31', '10000.00']], regime: 'public' });
    expect(r.rateMode).toBe('fixed');
    expect(figures(r)).toEqual({
      periods: [['2025-04-01', '2025-07-31', 122, '10000.00', '11.15', '372.68']],
      interest: '372.68', interestPaid: '0.00', principalLeft: '0.00', flatFee: '40.00', balance: '0.00', total: '412.68',
    });
    const b2b = penalty({ principal: '10000.00', due: '2025-03-31', end: '2025-07-31', payments: [['2025-07-31', '10000.00']] });
    expect(formatCents(b2b.interest)).toBe('431.04');
  });

  it('starting in the second half-year takes its 1 July rate, even asked for half-years; a contractual rate is not applied', () => {
    // due 30/06/2025: from 1 July 2025, 2.15 + 8 = 10.15 %; to 30/07: 30 days: 1 015 × 30 / 365 = 83.4247 → 83.42
    const r = penalty({ principal: '10000.00', due: '2025-06-30', end: '2025-07-30', regime: 'public', mode: 'half-year', rate: '20' });
    expect({ rate: formatPercent(r.periods[0]!.rate), interest: formatCents(r.interest), mode: r.rateMode }).toEqual({ rate: '10.15', interest: '83.42', mode: 'fixed' });
    expect(r.warnings.map((w) => w.text)).toEqual(['the contractual rate 20.00 % is not applied to a public buyer: its late-payment interest is set by art. R2192-31 C. commande publique (ECB rate + 8 points)']);
  });
});

describe('a consumer', () => {
  it('with a contractual rate: applied from the day after the formal notice, with a warning to check the clause', () => {
    // notice 15/02/2025, to 16/03: 29 days at 12 %: 120 × 29 / 365 = 9.5342 → 9.53
    const r = penalty({ principal: '1000.00', due: '2025-01-31', end: '2025-03-16', regime: 'b2c', notice: '2025-02-15', rate: '12' });
    expect(figures(r)).toMatchObject({ periods: [['2025-02-16', '2025-03-16', 29, '1000.00', '12.00', '9.53']], interest: '9.53', flatFee: '0.00' });
    expect(r.warnings.map((w) => w.kind)).toEqual(['contractual-rate']);
  });

  it('with a contractual rate and no notice yet: nothing runs', () => {
    const r = penalty({ principal: '1000.00', due: '2025-01-31', end: '2025-03-16', regime: 'b2c', rate: '12' });
    expect({ interest: r.interest, exemption: r.exemption }).toEqual({ interest: 0, exemption: 'no-notice' });
  });

  it('with a judgment date: a surendettement file, not a collective proceeding — no L622 wording, interest not stopped', () => {
    // notice 1/02, judgment 20/02, to 2/03: 1 000 × 3.71 % × 29 / 365 = 2.9477 → 2.95, past the judgment
    const r = penalty({ principal: '1000.00', due: '2025-01-31', end: '2025-03-02', regime: 'b2c', notice: '2025-02-01', insolvency: '2025-02-20' });
    expect(formatCents(r.interest)).toBe('2.95');
    expect(r.warnings.map((w) => w.text)).toEqual([
      'a consumer with a judgment date (2025-02-20) is in a surendettement file (art. L711-1 s. C. conso.): reminders stop and the claim stands; its interest is not stopped by the file — the commission\'s measures may reduce it (art. L733-1 C. conso.)',
    ]);
    expect(r.warnings.some((w) => w.text.includes('L622'))).toBe(false);
  });
});
