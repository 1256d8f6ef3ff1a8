import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/domain/issue.js';
import { formatPercent } from '../../src/domain/money.js';
import { SHIPPED_RATES, mergeRates, rateTableSpan, ratesFor, validateRatesFile, type UserRateEntry } from '../../src/domain/rates.js';

// LAW.md's tables, row by row: half-year, MRO, B2B (MRO + 10), legal "particuliers", legal "autres".
const LAW_TABLE = [
  ['2015-H1', '0.05', '10.05', '4.06', '0.93'],
  ['2015-H2', '0.05', '10.05', '4.29', '0.99'],
  ['2016-H1', '0.05', '10.05', '4.54', '1.01'],
  ['2016-H2', '0.00', '10.00', '4.35', '0.93'],
  ['2017-H1', '0.00', '10.00', '4.16', '0.90'],
  ['2017-H2', '0.00', '10.00', '3.94', '0.90'],
  ['2018-H1', '0.00', '10.00', '3.73', '0.89'],
  ['2018-H2', '0.00', '10.00', '3.60', '0.88'],
  ['2019-H1', '0.00', '10.00', '3.40', '0.86'],
  ['2019-H2', '0.00', '10.00', '3.26', '0.87'],
  ['2020-H1', '0.00', '10.00', '3.15', '0.87'],
  ['2020-H2', '0.00', '10.00', '3.11', '0.84'],
  ['2021-H1', '0.00', '10.00', '3.14', '0.79'],
  ['2021-H2', '0.00', '10.00', '3.12', '0.76'],
  ['2022-H1', '0.00', '10.00', '3.13', '0.76'],
  ['2022-H2', '0.00', '10.00', '3.15', '0.77'],
  ['2023-H1', '2.50', '12.50', '4.47', '2.06'],
  ['2023-H2', '4.00', '14.00', '6.82', '4.22'],
  ['2024-H1', '4.50', '14.50', '8.01', '5.07'],
  ['2024-H2', '4.25', '14.25', '8.16', '4.92'],
  ['2025-H1', '3.15', '13.15', '7.21', '3.71'],
  ['2025-H2', '2.15', '12.15', '6.65', '2.76'],
  ['2026-H1', '2.15', '12.15', '6.67', '2.62'],
  ['2026-H2', '2.40', '12.40', '6.84', '2.75'],
] as const;

const half = (key: string) => {
  const [year, h] = key.split('-H');
  return { year: Number(year), half: Number(h) as 1 | 2 };
};

describe('SHIPPED_RATES', () => {
  it('covers 2015-H1 to 2026-H2, every half-year once', () => {
    expect([...SHIPPED_RATES.keys()]).toEqual(LAW_TABLE.map(([key]) => key));
    expect(rateTableSpan(SHIPPED_RATES)).toEqual({ first: '2015-H1', last: '2026-H2' });
  });

  it.each(LAW_TABLE)('%s: MRO %s, B2B %s, legal %s / %s', (key, mro, b2b, individual, other) => {
    const rates = ratesFor(SHIPPED_RATES, half(key))!;
    expect([rates.mro, rates.b2b, rates.legalIndividual, rates.legalOther].map((v) => formatPercent(v.rate))).toEqual([mro, b2b, individual, other]);
    const values = [rates.mro, rates.b2b, rates.legalIndividual, rates.legalOther];
    expect(values.every((v) => v.origin === 'shipped')).toBe(true);
    // Every shipped value is confirmed (2026-H2 too, since the decision and the arrêté of June 2026).
    expect(values.every((v) => !v.provisional)).toBe(true);
  });

  it('names its sources', () => {
    const rates = ratesFor(SHIPPED_RATES, half('2025-H1'))!;
    expect(rates.mro.source).toContain('ECB');
    expect(rates.b2b.source).toContain('L441-10');
    expect(rates.legalOther.source).toContain('Journal officiel');
    expect(rates.legalOther.source).toContain('Banque de France');
    const h2 = ratesFor(SHIPPED_RATES, half('2026-H2'))!;
    expect(h2.mro.source).toContain('ECB decision of 11 June 2026, in force from 17 June 2026');
    expect(h2.legalOther.source).toContain('Journal officiel of 30 June 2026');
    expect(h2.legalOther.source).toContain('A15398');
  });

  it.each(['2014-H2', '2027-H1'])('has nothing for %s', (key) => {
    expect(ratesFor(SHIPPED_RATES, half(key))).toBeNull();
  });
});

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

describe('mergeRates', () => {
  it('replaces a shipped half-year and adds a new one, in order', () => {
    const merged = mergeRates(SHIPPED_RATES, [userEntry('2027-H1', { mro: 21_500 }), userEntry('2026-H2', { mro: 26_500 })]);
    expect(rateTableSpan(merged)).toEqual({ first: '2015-H1', last: '2027-H1' });
    expect([...merged.keys()].slice(-3)).toEqual(['2026-H1', '2026-H2', '2027-H1']);
    const h2 = ratesFor(merged, half('2026-H2'))!;
    // 2.65 + 10 = 12.65, a user value, confirmed
    expect(formatPercent(h2.b2b.rate)).toBe('12.65');
    expect([h2.mro, h2.b2b, h2.legalIndividual, h2.legalOther].every((v) => v.origin === 'user' && !v.provisional)).toBe(true);
    expect(h2.mro.source).toBe('rates.yaml:2');
    expect(formatPercent(ratesFor(merged, half('2027-H1'))!.b2b.rate)).toBe('12.15');
    // The shipped table is untouched.
    expect(ratesFor(SHIPPED_RATES, half('2026-H2'))!.mro.rate).toBe(24_000);
    expect(ratesFor(SHIPPED_RATES, half('2027-H1'))).toBeNull();
  });

  it('marks the legal rates alone provisional with legalProvisional, each part with its source', () => {
    const merged = mergeRates(SHIPPED_RATES, [userEntry('2027-H1', { mro: 21_500, legalProvisional: true, source: 'ECB Data Portal', legalSource: 'carried forward from 2026-H2' })]);
    const rates = ratesFor(merged, half('2027-H1'))!;
    expect([rates.mro, rates.b2b, rates.legalIndividual, rates.legalOther].map((v) => [formatPercent(v.rate), v.provisional, v.source])).toEqual([
      ['2.15', false, 'ECB Data Portal'],
      ['12.15', false, 'MRO + 10 points (art. L441-10 II C. com.), MRO from ECB Data Portal'],
      ['6.84', true, 'carried forward from 2026-H2'],
      ['2.75', true, 'carried forward from 2026-H2'],
    ]);
    // provisional: true still marks every value, whatever legal_provisional says.
    const all = ratesFor(mergeRates(SHIPPED_RATES, [userEntry('2027-H1', { provisional: true })]), half('2027-H1'))!;
    expect([all.mro, all.b2b, all.legalIndividual, all.legalOther].every((v) => v.provisional)).toBe(true);
  });

  it('keeps an explicit b2b rate and a provisional mark', () => {
    const merged = mergeRates(SHIPPED_RATES, [userEntry('2027-H1', { b2b: 130_000, provisional: true })]);
    const rates = ratesFor(merged, half('2027-H1'))!;
    expect(formatPercent(rates.b2b.rate)).toBe('13.00');
    expect(rates.b2b.provisional).toBe(true);
  });
});

// Each half-year on its own line: 2026-H2 on line 2, 2027-H1 on line 3, the document on line 1.
const LINES: Record<string, number> = { '2026-H2': 2, '2027-H1': 3, '2026-H3': 4, '2027-01': 4 };
const lineOf = (path: (string | number)[]): number | undefined => (path.length === 0 ? 1 : LINES[String(path[0])]);
const GOOD = { mro: 2.15, legal_individual: 6.5, legal_other: 2.6 };

describe('validateRatesFile', () => {
  it('reads the documented shape', () => {
    const { value, issues } = validateRatesFile(
      {
        '2026-H2': { mro: 2.4, legal_individual: 6.84, legal_other: 2.75, source: 'ECB decision of 4 June 2026' },
        '2027-H1': { mro: '2,15 %', b2b: 12.5, legal_individual: '6.50', legal_other: 2.6, provisional: true },
      },
      'rates.yaml',
      lineOf,
    );
    expect(issues).toEqual([]);
    expect(value).toEqual([
      { halfYear: { year: 2026, half: 2 }, mro: 24_000, b2b: null, legalIndividual: 68_400, legalOther: 27_500, provisional: false, source: 'ECB decision of 4 June 2026' },
      { halfYear: { year: 2027, half: 1 }, mro: 21_500, b2b: 125_000, legalIndividual: 65_000, legalOther: 26_000, provisional: true, source: 'rates.yaml:3' },
    ]);
  });

  it('reads legal_provisional and legal_source', () => {
    const { value, issues } = validateRatesFile(
      { '2027-H1': { ...GOOD, legal_provisional: true, source: 'ECB Data Portal', legal_source: ' carried forward from 2026-H2 ' } },
      'rates.yaml',
      lineOf,
    );
    expect(issues).toEqual([]);
    expect(value).toEqual([
      {
        halfYear: { year: 2027, half: 1 }, mro: 21_500, b2b: null, legalIndividual: 65_000, legalOther: 26_000,
        provisional: false, legalProvisional: true, source: 'ECB Data Portal', legalSource: 'carried forward from 2026-H2',
      },
    ]);
  });

  it('warns about an empty file', () => {
    expect(validateRatesFile(null, 'rates.yaml', lineOf)).toEqual({
      value: [],
      issues: [
        {
          severity: 'warning', file: 'rates.yaml', line: 1, field: undefined, message: 'the rates file is empty',
          hint: 'write one line per half-year, e.g. 2027-H1: { mro: 2.15, legal_individual: 6.50, legal_other: 2.60 }',
        },
      ],
    });
  });

  const RATE_HINT = 'write a number such as 2.40 (for 2.40 %), with at most four decimals';
  it.each<{ name: string; raw: unknown; issues: Partial<Issue>[] }>([
    {
      name: 'a list instead of a mapping',
      raw: [GOOD],
      issues: [{ line: 1, field: undefined, message: 'the rates file must map half-years to rates, found a list', hint: 'write one line per half-year, e.g. 2027-H1: { mro: 2.15, legal_individual: 6.50, legal_other: 2.60 }' }],
    },
    {
      name: 'a bad half-year',
      raw: { '2026-H3': GOOD },
      issues: [{ line: 4, field: undefined, message: '"2026-H3" is not a half-year', hint: 'name it like 2027-H1 (1 January – 30 June) or 2027-H2 (1 July – 31 December)' }],
    },
    {
      name: 'a month instead of a half-year',
      raw: { '2027-01': GOOD },
      issues: [{ line: 4, message: '"2027-01" is not a half-year' }],
    },
    {
      name: 'a bare number instead of the rates',
      raw: { '2026-H2': 2.4 },
      issues: [{ line: 2, field: '2026-H2', message: 'expected the rates of 2026-H2, found "2.4"', hint: 'write them as a mapping, e.g. 2027-H1: { mro: 2.15, legal_individual: 6.50, legal_other: 2.60 }' }],
    },
    {
      name: 'a missing MRO',
      raw: { '2026-H2': { legal_individual: 6.84, legal_other: 2.75 } },
      issues: [{ line: 2, field: '2026-H2.mro', message: 'mro is missing', hint: 'give the ECB main refinancing rate in force on 1 January (H1) or 1 July (H2), e.g. mro: 2.15' }],
    },
    {
      name: 'text instead of a rate',
      raw: { '2026-H2': { ...GOOD, mro: 'abc' } },
      issues: [{ line: 2, field: '2026-H2.mro', message: '"abc" is not a rate in percent', hint: RATE_HINT }],
    },
    {
      name: 'a negative rate',
      raw: { '2026-H2': { ...GOOD, legal_other: -1 } },
      issues: [{ line: 2, field: '2026-H2.legal_other', message: '"-1" is not a rate in percent', hint: RATE_HINT }],
    },
    {
      name: 'too many decimals',
      raw: { '2026-H2': { ...GOOD, b2b: 12.123456 } },
      issues: [{ line: 2, field: '2026-H2.b2b', message: '"12.123456" is not a rate in percent', hint: RATE_HINT }],
    },
    {
      name: 'a misspelt field, so a missing one',
      raw: { '2026-H2': { mro: 2.4, legal_individual: 6.84, legal_others: 2.75 } },
      issues: [
        { line: 2, field: '2026-H2.legal_others', message: 'unknown field "legal_others"', hint: 'the fields are mro, b2b, legal_individual, legal_other, provisional, legal_provisional, source, legal_source' },
        { line: 2, field: '2026-H2.legal_other', message: 'legal_other is missing', hint: 'give the legal interest rate for "tous les autres cas" from the Journal officiel, e.g. legal_other: 2.62' },
      ],
    },
    {
      name: 'provisional not a boolean',
      raw: { '2026-H2': { ...GOOD, provisional: 'yes' } },
      issues: [{ line: 2, field: '2026-H2.provisional', message: '"yes" is not true or false', hint: 'write provisional: true while the rates are not confirmed, or leave it out' }],
    },
    {
      name: 'legal_provisional not a boolean',
      raw: { '2026-H2': { ...GOOD, legal_provisional: 'oui' } },
      issues: [{ line: 2, field: '2026-H2.legal_provisional', message: '"oui" is not true or false', hint: 'write legal_provisional: true while the legal rates are not confirmed by the Journal officiel, or leave it out' }],
    },
    {
      name: 'an empty legal_source',
      raw: { '2026-H2': { ...GOOD, legal_source: ' ' } },
      issues: [{ line: 2, field: '2026-H2.legal_source', message: '" " is not a source', hint: 'write where the rates come from as text, e.g. legal_source: "arrêté, Journal officiel of 30 June 2026"' }],
    },
    {
      name: 'a source that is not text',
      raw: { '2026-H2': { ...GOOD, source: 42 } },
      issues: [{ line: 2, field: '2026-H2.source', message: '"42" is not a source', hint: 'write where the rates come from as text, e.g. source: "ECB decision of 4 June 2026"' }],
    },
    {
      name: 'every problem at once',
      raw: { '2026-H2': { ...GOOD, mro: 'x' }, '2027-H1': { ...GOOD, legal_individual: [] } },
      issues: [
        { line: 2, field: '2026-H2.mro', message: '"x" is not a rate in percent' },
        { line: 3, field: '2027-H1.legal_individual', message: 'a list is not a rate in percent' },
      ],
    },
  ])('reports $name', ({ raw, issues }) => {
    const result = validateRatesFile(raw, 'rates.yaml', lineOf);
    expect(result.value).toEqual([]);
    expect(result.issues).toHaveLength(issues.length);
    result.issues.forEach((issue, i) => expect(issue).toMatchObject({ severity: 'error', file: 'rates.yaml', ...issues[i] }));
  });

  it('keeps the good entries beside the bad ones', () => {
    const { value, issues } = validateRatesFile({ '2026-H2': { ...GOOD, mro: 'x' }, '2027-H1': GOOD }, 'rates.yaml', lineOf);
    expect(issues).toHaveLength(1);
    expect(value.map((e) => e.halfYear)).toEqual([{ year: 2027, half: 1 }]);
  });

  it('works without line numbers', () => {
    const { value, issues } = validateRatesFile({ '2027-H1': GOOD, '2027-H3': GOOD }, 'rates.yaml');
    expect(value[0]!.source).toBe('rates.yaml');
    expect(issues[0]).toMatchObject({ line: undefined, message: '"2027-H3" is not a half-year' });
  });
});
