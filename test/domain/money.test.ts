import { describe, expect, it } from 'vitest';
import {
  INTEREST_DENOMINATOR,
  formatCents,
  formatEurosEn,
  formatEurosFr,
  formatPercent,
  interestNumerator,
  addNumerators,
  centsFromNumber,
  parseAmount,
  parsePercent,
  roundHalfUp,
} from '../../src/domain/money.js';

describe('parseAmount', () => {
  it.each([
    ['1234.56', 123456],
    ['1234,56', 123456],
    ['1\u00a0234,56', 123456],
    ['1\u202f234,56', 123456],
    ['1 234,56', 123456],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1 234,56 €', 123456],
    ['1.234,56 €', 123456],
    ['€1,234.56', 123456],
    ['1234.56 EUR', 123456],
    ['1 234 567,89', 123456789],
    ['1234', 123400],
    ['12,5', 1250],
    ['0,05', 5],
    ['1.500', 150000], // one separator then three digits: thousands, never three decimals
    ['1,500', 150000],
    ['-12,50', -1250],
    ['  42.00  ', 4200],
  ])('%j → %i cents', (text, cents) => {
    expect(parseAmount(text)).toBe(cents);
  });

  it.each(['', 'abc', '12.345.6', '1,2,3', '12.3456', '1.', '1..2', '1.234.56', '12,34.56', '€', '12 abc', '1,234,56.7.8'])('%j is not an amount', (text) => {
    expect(parseAmount(text)).toBeNull();
  });

  describe('zeros beyond the cents are padding; any other third decimal is refused', () => {
    it.each([
      ['1250.00000000', 125000], // an SQL decimal(20,8) column, on the fast path
      ['1250.5000', 125050],
      ['1250,1200', 125012],
      ['1200,000', 120000], // not a thousands group (four digits before the comma): padding
      ['1 234,5600', 123456],
      ['1.234,5600', 123456],
      ['1,234.500', 123450],
      ['-99.9900', -9999],
      // Unchanged: one separator then exactly three digits after 1–3 digits groups thousands.
      ['1,500', 150000],
      ['12,345', 1234500],
      ['1.000', 100000],
    ])('%j → %i cents', (text, cents) => {
      expect(parseAmount(text)).toBe(cents);
    });

    it.each(['1234,567', '1200,001', '1250.00000001', '12.3401', '1.234,567', '1,234.5001'])('%j is not an amount', (text) => {
      expect(parseAmount(text)).toBeNull();
    });
  });

  describe('accounting negatives', () => {
    it.each([
      ['(120,00)', -12000],
      ['(1 234,56 €)', -123456],
      ['( 120.00 )', -12000],
      ['(120)', -12000],
      ['120,00-', -12000],
      ['1 234,56 -', -123456],
      ['120,00−', -12000], // U+2212 MINUS SIGN
      ['99,99 €-', -9999],
    ])('%j → %i cents', (text, cents) => {
      expect(parseAmount(text)).toBe(cents);
    });

    it.each(['(120,00', '120,00)', '(-120,00)', '-(120,00)', '-120,00-', '(120,00)-', '()', '-', '(+120)'])('%j is not an amount', (text) => {
      expect(parseAmount(text)).toBeNull();
    });
  });

  describe('the currency written as EUR, before or after', () => {
    it.each([
      ['EUR 99.99', 9999],
      ['EUR99,99', 9999],
      ['99,99 EUR', 9999],
      ['99,99EUR', 9999],
      ['eur 1 234,56', 123456],
      ['EUR -99,99', -9999],
      ['(EUR 99,99)', -9999],
      ['99,99 euros', 9999],
    ])('%j → %i cents', (text, cents) => {
      expect(parseAmount(text)).toBe(cents);
    });

    // Another currency is never read as euros.
    it.each(['USD 99.99', '99,99 $', '£99.99', '99,99 CHF', 'EURO99'])('%j is not an amount', (text) => {
      expect(parseAmount(text)).toBeNull();
    });
  });
});

describe('centsFromNumber: a spreadsheet cell holding a number', () => {
  it.each([
    [1234.56, 123456],
    [1234.5600000000002, 123456], // float noise from a formula
    [0.1 + 0.2, 30],
    [1250, 125000],
    [-120, -12000],
    [99_999_999.99, 9_999_999_999],
    [0, 0],
  ])('%d → %i cents', (value, cents) => {
    expect(centsFromNumber(value)).toBe(cents);
  });

  it.each([12.345, 0.001, 1234.5601, Number.NaN, Number.POSITIVE_INFINITY, 1e20])('%d is not an amount of cents', (value) => {
    expect(centsFromNumber(value)).toBeNull();
  });
});

describe('formatting money', () => {
  it.each([
    [0, '0.00', '0,00 €', '€0.00'],
    [5, '0.05', '0,05 €', '€0.05'],
    [123456, '1234.56', '1 234,56 €', '€1,234.56'],
    [-1250, '-12.50', '-12,50 €', '-€12.50'],
  ])('%i cents', (cents, json, fr, en) => {
    expect([formatCents(cents), formatEurosFr(cents), formatEurosEn(cents)]).toEqual([json, fr, en]);
  });
});

describe('rates in percent', () => {
  it.each([
    ['13.15', 131_500, '13.15'],
    ['13,15 %', 131_500, '13.15'],
    ['2.4', 24_000, '2.40'],
    ['0.05', 500, '0.05'],
    ['2.625', 26_250, '2.625'],
    ['10', 100_000, '10.00'],
  ])('%j → %i → %j', (text, rate, shown) => {
    expect(parsePercent(text)).toBe(rate);
    expect(formatPercent(rate)).toBe(shown);
  });

  it.each(['', 'abc', '-1', '1.23456', '1e-7', '1234'])('%j is not a rate', (text) => {
    expect(parsePercent(text)).toBeNull();
  });
});

describe('interest arithmetic', () => {
  it.each([
    [5n, 10n, 1], // 0.5 → 1
    [15n, 10n, 2], // 1.5 → 2
    [25n, 10n, 3], // 2.5 → 3: half-up, not to even
    [24n, 10n, 2],
    [26n, 10n, 3],
    [-5n, 10n, -1], // halves away from zero
    [0n, 10n, 0],
  ])('roundHalfUp(%s, %s) = %i', (n, d, expected) => {
    expect(roundHalfUp(n, d)).toBe(expected);
    expect(roundHalfUp(Number(n), d)).toBe(expected); // the plain-number path agrees
  });

  it('rounds exactly near 2^51, where a float quotient alone could be one off', () => {
    const d = INTEREST_DENOMINATOR;
    // (k + 0.5) × d, just below and at the half: exact integer checks decide.
    const k = 3_000_000n;
    const half = k * d + d / 2n;
    expect(roundHalfUp(Number(half), d)).toBe(Number(k) + 1);
    expect(roundHalfUp(Number(half - 1n), d)).toBe(Number(k));
    expect(roundHalfUp(Number(half - 1n), d)).toBe(roundHalfUp(half - 1n, d));
  });

  it('stays exact past 2^53 by switching to BigInt', () => {
    // 50 000 000,00 € at 100 % for 10 000 days: 5e9 × 1e6 × 1e4 = 5e19 > 2^53.
    const numerator = interestNumerator(5_000_000_000, 1_000_000, 10_000);
    expect(typeof numerator).toBe('bigint');
    expect(numerator).toBe(50_000_000_000_000_000_000n);
    expect(addNumerators(numerator, interestNumerator(1, 1, 1))).toBe(50_000_000_000_000_000_001n);
    expect(addNumerators(Number.MAX_SAFE_INTEGER, 1)).toBe(BigInt(Number.MAX_SAFE_INTEGER) + 1n);
  });

  it('is balance × rate × days / 365 in cents', () => {
    // 1000.00 at 13.15 % for 43 days: 13 150 × 43 / 365 = 1 549.18 → 1 549 cents
    expect(roundHalfUp(interestNumerator(100_000, 131_500, 43), INTEREST_DENOMINATOR)).toBe(1549);
  });
});

describe('parseAmount: the one-regex path for common amounts', () => {
  // The common shapes are read by a shortcut; every one must read as the general rules do.
  const general = (text: string) => parseAmount(` ${text} `); // spaces around skip the shortcut
  it.each(['0', '7', '1234', '1234,5', '1234.56', '1 234,56', '1\u00a0234,56', '1\u202f234\u202f567,89', '-12,50', '999 999 999,99', '12 345'])(
    '%j reads the same both ways',
    (text) => {
      expect(parseAmount(text)).not.toBeNull();
      expect(parseAmount(text)).toBe(general(text));
    },
  );
});

