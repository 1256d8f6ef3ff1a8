// What `rates --update` takes from the ECB's history, as tables: the rate in force on a
// day (the last observation on or before it), and the plan — the half-years the tables
// lack up to today's, the rows the data contradicts, what it cannot reach. The history in
// most cases: LAW.md's changes (… 2025-06-11 2.15, 2026-06-17 2.40) and an ECB cut to 2.15
// on 2026-12-16 that the shipped tables, ending at 2026-H2 (2.40), cannot know.

import { describe, expect, it } from 'vitest';
import { formatIsoDay, halfYearKey } from '../../src/domain/dates.js';
import { formatPercent, parsePercent } from '../../src/domain/money.js';
import { mroInForce, planRatesUpdate, type MroHistory, type MroSeriesKind } from '../../src/domain/rates-update.js';
import { SHIPPED_RATES, mergeRates, type RateTable, type UserRateEntry } from '../../src/domain/rates.js';
import { day } from '../helpers/factories.js';

const rate = (text: string): number => parsePercent(text)!;

/** The change dates alone, as the B series gives them. */
const changes = (...points: [string, string][]): MroHistory => points.map(([d, r]) => ({ day: day(d), rate: rate(r) }));

/** A value every calendar day from the first change to `until`, as the D series gives it. */
function daily(until: string, ...points: [string, string][]): MroHistory {
  const out: { day: number; rate: number }[] = [];
  const steps = changes(...points);
  for (let d = steps[0]!.day, i = 0; d <= day(until); d++) {
    while (i + 1 < steps.length && steps[i + 1]!.day <= d) i++;
    out.push({ day: d, rate: steps[i]!.rate });
  }
  return out;
}

const LAW_CHANGES: [string, string][] = [['2024-12-18', '3.15'], ['2025-02-05', '2.90'], ['2025-03-12', '2.65'], ['2025-04-23', '2.40'], ['2025-06-11', '2.15'], ['2026-06-17', '2.40']];
const DECEMBER_CUT: [string, string][] = [...LAW_CHANGES, ['2026-12-16', '2.15']];

describe('mroInForce', () => {
  const b = changes(...DECEMBER_CUT);
  const d = daily('2027-01-05', ...DECEMBER_CUT);
  it.each([
    // day, rate in force, since (the change date) — the same from either series
    ['2024-12-17', null, null],
    ['2024-12-18', '3.15', '2024-12-18'],
    ['2025-01-01', '3.15', '2024-12-18'],
    ['2025-07-01', '2.15', '2025-06-11'],
    ['2026-01-01', '2.15', '2025-06-11'],
    ['2026-06-16', '2.15', '2025-06-11'],
    ['2026-06-17', '2.40', '2026-06-17'],
    ['2026-07-01', '2.40', '2026-06-17'],
    ['2026-12-16', '2.15', '2026-12-16'],
    ['2027-01-01', '2.15', '2026-12-16'],
  ])('on %s: %s since %s', (on, expected, since) => {
    for (const history of [b, d]) {
      const found = mroInForce(history, day(on));
      expect(found === null ? [null, null] : [formatPercent(found.rate), formatIsoDay(found.since)]).toEqual([expected, since]);
    }
  });

  it('after the last change date, the last rate still holds', () => {
    expect(formatPercent(mroInForce(b, day('2030-01-01'))!.rate)).toBe('2.15');
  });
});

const half = (key: string) => ({ year: Number(key.slice(0, 4)), half: Number(key.slice(6)) as 1 | 2 });
const userEntry = (key: string, mro: string, patch: Partial<UserRateEntry> = {}): UserRateEntry => ({
  halfYear: half(key), mro: rate(mro), b2b: null, legalIndividual: rate('6.84'), legalOther: rate('2.75'), provisional: false, source: 'rates.yaml:1', ...patch,
});

/** The plan in words: `+2027-H1 2.15 since 2026-12-16, b2b 12.15, legal 6.84/2.75 from 2026-H2`, `!2025-H1 shipped 3.15 ecb 3.40`, `?2027-H1 ends-before 2027-01-05`. */
function planOf(table: RateTable, history: MroHistory, kind: MroSeriesKind, today: string): string[] {
  const plan = planRatesUpdate(table, '2026-H2', history, kind, day(today));
  return [
    ...plan.additions.map(
      (a) => `+${halfYearKey(a.halfYear)} ${formatPercent(a.mro.rate)} since ${formatIsoDay(a.mro.since)}, b2b ${formatPercent(a.b2b)}, legal ${formatPercent(a.legalIndividual)}/${formatPercent(a.legalOther)} from ${a.legalFrom}`,
    ),
    ...plan.disagreements.map((x) => `!${halfYearKey(x.halfYear)} ${x.origin} ${formatPercent(x.table)} ecb ${formatPercent(x.ecb.rate)}`),
    ...plan.notCovered.map((n) => `?${halfYearKey(n.halfYear)} ${n.data} ${formatIsoDay(n.day)}`),
    ...plan.legalProvisional.map((h) => `legal provisional ${halfYearKey(h)}`),
  ];
}

describe('planRatesUpdate', () => {
  const cutDaily = daily('2027-01-05', ...DECEMBER_CUT);
  const cutChanges = changes(...DECEMBER_CUT);
  it.each<{ name: string; table?: RateTable; history: MroHistory; kind: MroSeriesKind; today: string; expected: string[] }>([
    {
      name: 'the December cut the carried-forward 2.40 got wrong, in the daily series',
      history: cutDaily, kind: 'daily', today: '2027-02-01',
      expected: ['+2027-H1 2.15 since 2026-12-16, b2b 12.15, legal 6.84/2.75 from 2026-H2'],
    },
    {
      name: 'the same from the change dates alone',
      history: cutChanges, kind: 'changes', today: '2027-02-01',
      expected: ['+2027-H1 2.15 since 2026-12-16, b2b 12.15, legal 6.84/2.75 from 2026-H2'],
    },
    {
      name: 'nothing while today is within the shipped tables',
      history: cutDaily, kind: 'daily', today: '2026-12-20',
      expected: [],
    },
    {
      name: 'every half-year up to today, none beyond',
      history: cutChanges, kind: 'changes', today: '2027-08-01',
      expected: ['+2027-H1 2.15 since 2026-12-16, b2b 12.15, legal 6.84/2.75 from 2026-H2', '+2027-H2 2.15 since 2026-12-16, b2b 12.15, legal 6.84/2.75 from 2026-H2'],
    },
    {
      name: 'a daily series that stops before 1 July says nothing of it',
      history: cutDaily, kind: 'daily', today: '2027-08-01',
      expected: ['+2027-H1 2.15 since 2026-12-16, b2b 12.15, legal 6.84/2.75 from 2026-H2', '?2027-H2 ends-before 2027-01-05'],
    },
    {
      name: 'a history that starts after the half-year',
      history: changes(['2027-03-01', '2.00']), kind: 'changes', today: '2027-04-01',
      expected: ['?2027-H1 starts-after 2027-03-01'],
    },
    {
      name: 'a user entry is never replaced, and reported when the ECB says otherwise',
      table: mergeRates(SHIPPED_RATES, [userEntry('2027-H1', '2.40')]),
      history: cutDaily, kind: 'daily', today: '2027-02-01',
      expected: ['!2027-H1 user 2.40 ecb 2.15'],
    },
    {
      name: 'a user entry that agrees, with its legal rates provisional',
      table: mergeRates(SHIPPED_RATES, [userEntry('2027-H1', '2.15', { legalProvisional: true })]),
      history: cutDaily, kind: 'daily', today: '2027-02-01',
      expected: ['legal provisional 2027-H1'],
    },
    {
      name: 'a gap the user left before their entry is filled, the legal rates from the last row before it',
      table: mergeRates(SHIPPED_RATES, [userEntry('2027-H2', '2.15', { legalIndividual: rate('6.50'), legalOther: rate('2.60') })]),
      history: cutChanges, kind: 'changes', today: '2027-08-01',
      expected: ['+2027-H1 2.15 since 2026-12-16, b2b 12.15, legal 6.84/2.75 from 2026-H2'],
    },
    {
      name: 'a shipped half-year the data contradicts is reported, not changed',
      history: changes(['2024-12-18', '3.15'], ['2024-12-30', '3.40'], ['2025-06-11', '2.15'], ['2026-06-17', '2.40']), kind: 'changes', today: '2026-12-01',
      expected: ['!2025-H1 shipped 3.15 ecb 3.40'],
    },
  ])('$name', ({ table, history, kind, today, expected }) => {
    expect(planOf(table ?? SHIPPED_RATES, history, kind, today)).toEqual(expected);
  });
});
