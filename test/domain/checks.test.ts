// The per-invoice checks of `relance check`, as tables: the legal payment-terms limit read
// every way the law allows, limitation, and the missing address for e-mail steps to come.

import { describe, expect, it } from 'vitest';
import { latestLegalDueDate, missingEmailIssue, prescriptionIssue, rateTableIssues, termsBeyondLimitIssue } from '../../src/domain/checks.js';
import type { Sector } from '../../src/domain/invoice.js';
import { formatIssue } from '../../src/render/issues.js';
import { SHIPPED_RATES, mergeRates } from '../../src/domain/rates.js';
import { formatIsoDay } from '../../src/domain/dates.js';
import { emptyHistory } from '../../src/domain/history.js';
import { day, invoice } from '../helpers/factories.js';
import type { Policy } from '../../src/domain/policy.js';


describe('latestLegalDueDate: 60 days, or 45 days end of month either way (art. L441-10 I)', () => {
  it.each([
    // issue date   +60          eom(+45)     eom + 45     → the latest
    ['2026-01-01', '2026-03-17'], // 03-02, 02-28, 03-17: end of month first, then 45 days
    ['2026-01-20', '2026-03-31'], // 03-21, 03-31, 03-17: 45 days, then the end of that month
    ['2026-01-31', '2026-04-01'], // 04-01, 03-31, 03-17: 60 days
    ['2026-06-15', '2026-08-14'], // 08-14, 07-31, 08-14
    ['2024-12-31', '2025-03-01'], // 03-01, 02-28, 02-14
  ])('issued %s → due %s at the latest', (issue, latest) => {
    expect(formatIsoDay(latestLegalDueDate(day(issue)))).toBe(latest);
  });
});

describe('termsBeyondLimitIssue', () => {
  it.each([
    ['at the limit', invoice({ issue: '2026-01-20', due: '2026-03-31' }), false],
    ['a day beyond', invoice({ issue: '2026-01-20', due: '2026-04-01' }), true],
    ['no invoice date: nothing to count from', invoice({ due: '2027-01-01' }), false],
    ['a consumer: the limits are between businesses', invoice({ issue: '2026-01-20', due: '2026-06-01', clientType: 'b2c' }), false],
  ])('%s', (_, inv, warned) => {
    const issue = termsBeyondLimitIssue(inv);
    expect(issue !== null).toBe(warned);
    if (issue) expect(issue).toMatchObject({ severity: 'warning', file: 'factures.csv', line: 2, field: 'due_date' });
  });
});

describe('termsBeyondLimitIssue: the special caps (L441-10 I, L441-11 II C. com.; R2192-10, R2192-11 C. commande publique)', () => {
  const inv = (sector: Sector | null, due: string, o: { delivery?: string; clientType?: 'b2b' | 'public' } = {}) => invoice({ issue: '2026-01-10', due, sector, ...o });
  it.each([
    ['periodic, 45 days: at the limit', inv('periodic', '2026-02-24'), null],
    ['periodic, a day beyond', inv('periodic', '2026-02-25'), 'F-1 is due 46 days after its invoice date (2026-01-10 → 2026-02-25): beyond the limit for a periodic invoice, 45 days from its date (art. L441-10 I C. com.): 2026-02-24 at the latest'],
    ['road transport, 30 days from the invoice', inv('transport', '2026-02-10'), 'F-1 is due 31 days after its invoice date (2026-01-10 → 2026-02-10): beyond the limit for road transport, vehicle rental, transport commission, freight forwarding and customs brokerage, 30 days from the invoice date (art. L441-11 II 5° C. com.): 2026-02-09 at the latest'],
    ['perishable food, 30 days after delivery', inv('perishable', '2026-02-05', { delivery: '2026-01-05' }), 'F-1 is due 31 days after its delivery date (2026-01-05 → 2026-02-05): beyond the limit for perishable food, 30 days after delivery (art. L441-11 II 1° C. com.): 2026-02-04 at the latest'],
    ['perishable food without a delivery date: the invoice date stands in', inv('perishable', '2026-02-09'), null],
    ['perishable food on a periodic invoice: 30 days after the end of the ten days of delivery', inv('perishable-periodic', '2026-02-19', { delivery: '2026-01-12' }), null],
    ['… a day beyond', inv('perishable-periodic', '2026-02-20', { delivery: '2026-01-12' }), 'F-1 is due 39 days after its delivery date (2026-01-12 → 2026-02-20): beyond the limit for perishable food on a periodic invoice, 30 days after the end of the ten-day period of delivery (art. L441-11 II 1° b C. com.): 2026-02-19 at the latest'],
    ['livestock and fresh meat, 20 days after delivery', inv('livestock', '2026-01-26', { delivery: '2026-01-05' }), 'F-1 is due 21 days after its delivery date (2026-01-05 → 2026-01-26): beyond the limit for livestock for slaughter and fresh meat, 20 days after the day of delivery (art. L441-11 II 2° C. com.): 2026-01-25 at the latest'],
    ['alcoholic drinks, 30 days after the end of the month of delivery', inv('alcohol', '2026-03-02', { delivery: '2026-01-05' }), null],
    ['a public buyer, 30 days', inv(null, '2026-02-10', { clientType: 'public' }), 'F-1 is due 31 days after its invoice date (2026-01-10 → 2026-02-10): beyond 30 days from the payment request for a public buyer (art. R2192-10 C. commande publique): 2026-02-09 at the latest'],
    ['a public health establishment, 50 days', inv('public-health', '2026-03-01', { clientType: 'public' }), null],
    ['… a day beyond', inv('public-health', '2026-03-02', { clientType: 'public' }), 'F-1 is due 51 days after its invoice date (2026-01-10 → 2026-03-02): beyond 50 days from the payment request for a public buyer (a public health establishment) (art. R2192-11 C. commande publique): 2026-03-01 at the latest'],
  ])('%s', (_, i, message) => {
    expect(termsBeyondLimitIssue(i)?.message ?? null).toBe(message);
  });
});

describe('prescriptionIssue: 5 years B2B, 2 years B2C, warned 6 months ahead', () => {
  it.each([
    ['b2b' as const, '2022-03-15', '2026-09-14', null],
    ['b2b' as const, '2022-03-15', '2026-09-15', 'F-1 can be claimed in court until 2027-03-15 (5 years from the due date, art. L110-4 C. com.), 181 days from now'],
    ['b2b' as const, '2022-03-15', '2027-03-14', 'F-1 can be claimed in court until 2027-03-15 (5 years from the due date, art. L110-4 C. com.), 1 day from now'],
    ['b2b' as const, '2022-03-15', '2027-03-16', 'F-1 has been time-barred since 2027-03-16 (5 years from the due date, art. L110-4 C. com.)'],
    ['public' as const, '2022-03-15', '2026-11-22', 'F-1 can be claimed in court until 2026-12-31 (4 years from the 1 January after the year of the due date, each written claim starting them again: déchéance quadriennale, loi n° 68-1250), 39 days from now'],
    ['b2c' as const, '2025-01-31', '2026-11-22', 'F-1 can be claimed in court until 2027-01-31 (2 years from the due date, art. L218-2 C. conso.), 70 days from now'],
  ])('%s due %s, on %s', (clientType, due, today, message) => {
    expect(prescriptionIssue(invoice({ clientType, due }), day(today))?.message ?? null).toBe(message);
  });
});

describe('missingEmailIssue', () => {
  const policy: Policy = {
    steps: [
      { id: 'relance-1', day: 2, channel: 'email', template: 'relance-1', attachPrevious: false, deadlineDays: 8 },
      { id: 'appel', day: 7, channel: 'call', template: null, attachPrevious: false, deadlineDays: 8 },
      { id: 'relance-2', day: 15, channel: 'email', template: 'relance-2', attachPrevious: false, deadlineDays: 8 },
      { id: 'mise-en-demeure', day: 30, channel: 'letter', template: 'mise-en-demeure', attachPrevious: false, deadlineDays: 8 },
    ],
    minGapDays: 5,
    segments: [],
  };
  const noEmail = invoice({ emails: [], due: '2026-11-20' });
  const history = emptyHistory('F-1');

  it.each([
    ['an address: nothing to say', invoice({ due: '2026-11-20' }), '2026-11-22', null],
    ['the e-mail step is due', noEmail, '2026-11-22', 'F-1 has no e-mail address, and its e-mail step "relance-1" is due now'],
    ['the e-mail step comes later', noEmail, '2026-11-21', 'F-1 has no e-mail address, and its e-mail step "relance-1" is due on 2026-11-22'],
    ['paid: nothing will be sent', { ...noEmail, status: 'paid' as const }, '2026-11-22', null],
  ])('%s', (_, inv, today, message) => {
    expect(missingEmailIssue(inv, policy, history, day(today))?.message ?? null).toBe(message);
  });

  it('looks past a call step to the e-mail steps after it, and says nothing once only the letter is left', () => {
    const done = (step: string) => ({ step, date: day('2026-11-22'), by: 'sent' as const, channel: null, messageId: null, subject: null });
    const callNext = { ...history, done: [done('relance-1')], lastAction: day('2026-11-22') };
    expect(missingEmailIssue(noEmail, policy, callNext, day('2026-11-23'))?.message).toBe('F-1 has no e-mail address, and its e-mail step "relance-2" is still to come');
    const letterNext = { ...history, done: ['relance-1', 'appel', 'relance-2'].map(done) };
    expect(missingEmailIssue(noEmail, policy, letterNext, day('2026-12-30'))).toBeNull();
  });
});

describe('rateTableIssues: the coming half-year from 1 December / 1 June, the carried ones up to today', () => {
  const at = { file: 'relance.yaml', field: 'rates' };
  const confirm = (key: string, start: string) =>
    `run relance rates --update for the ECB main refinancing rate in force on ${start}, or write ${key} in a rates file (relance rates --help shows how) with it and the legal interest rates published in the Journal officiel`;
  const coming = (key: string, days: string, from: string, first: string, start: string) =>
    `relance.yaml: warning: rates: ${key} starts in ${days} and is not in the rate tables: from 1 ${first} its rates will be carried forward from ${from} and marked provisional — confirm them once they are published: ${confirm(key, start)}`;
  const carriedNow = (key: string, start: string) =>
    `relance.yaml: warning: rates: ${key} is not in the rate tables yet: its rates are carried forward from 2026-H2 (ECB rate 2.40 %, B2B rate 12.40 %, legal rate 2.75 %) and the amounts computed with them are provisional — to confirm them, ${confirm(key, start)}`;
  const with2027H1 = mergeRates(SHIPPED_RATES, [{ halfYear: { year: 2027, half: 1 }, mro: 21_500, b2b: null, legalIndividual: 65_000, legalOther: 26_000, provisional: false, source: 'rates.yaml:1' }]);
  it.each([
    { today: '2026-11-30', table: SHIPPED_RATES, expected: [] },
    { today: '2026-12-01', table: SHIPPED_RATES, expected: [coming('2027-H1', '31 days', '2026-H2', 'January', '1 January 2027')] },
    { today: '2026-12-31', table: SHIPPED_RATES, expected: [coming('2027-H1', '1 day', '2026-H2', 'January', '1 January 2027')] },
    // The rates file already has it: nothing to say.
    { today: '2026-12-01', table: with2027H1, expected: [] },
    { today: '2027-01-05', table: SHIPPED_RATES, expected: [carriedNow('2027-H1', '1 January 2027')] },
    { today: '2027-06-01', table: SHIPPED_RATES, expected: [carriedNow('2027-H1', '1 January 2027'), coming('2027-H2', '30 days', '2026-H2', 'July', '1 July 2027')] },
    { today: '2027-06-01', table: with2027H1, expected: [coming('2027-H2', '30 days', '2027-H1', 'July', '1 July 2027')] },
    { today: '2026-06-15', table: SHIPPED_RATES, expected: [] },
  ])('$today', ({ today, table, expected }) => {
    expect(rateTableIssues(table, day(today), [], at).map(formatIssue)).toEqual(expected);
  });

  it('adds the provisional rates the claims used, each once', () => {
    const used = ['the B2B rate for 2027-H1 (12.15 %: ECB rate 2.15 % + 10 points) is provisional: confirm the ECB rate in force on 1 January, or set 2027-H1 in a rates file'];
    expect(rateTableIssues(with2027H1, day('2027-02-01'), [...used, ...used], { file: 'rates.yaml' }).map(formatIssue)).toEqual([`rates.yaml: warning: ${used[0]}`]);
  });
});
