import { describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay, type Day } from '../../src/domain/dates.js';
import type { DueDateSource } from '../../src/domain/invoice.js';
import { limitationRule, prescriptionOf } from '../../src/domain/prescription.js';

const day = (text: string): Day => parseIsoDay(text)!;

describe('prescriptionOf: agreed terms, from the due date', () => {
  it.each([
    // B2B, 5 years (L110-4 C. com.): due 2025-01-31 → limit 2030-01-31; near from 2029-07-31
    { regime: 'b2b', due: '2025-01-31', today: '2025-03-01', limit: '2030-01-31', state: 'ok' },
    { regime: 'b2b', due: '2025-01-31', today: '2029-07-30', limit: '2030-01-31', state: 'ok' },
    { regime: 'b2b', due: '2025-01-31', today: '2029-07-31', limit: '2030-01-31', state: 'near' },
    { regime: 'b2b', due: '2025-01-31', today: '2030-01-31', limit: '2030-01-31', state: 'near' },
    { regime: 'b2b', due: '2025-01-31', today: '2030-02-01', limit: '2030-01-31', state: 'past' },
    // B2C, 2 years (L218-2 C. conso.): due 2025-01-31 → limit 2027-01-31; near from 2026-07-31
    { regime: 'b2c', due: '2025-01-31', today: '2026-07-30', limit: '2027-01-31', state: 'ok' },
    { regime: 'b2c', due: '2025-01-31', today: '2026-07-31', limit: '2027-01-31', state: 'near' },
    { regime: 'b2c', due: '2025-01-31', today: '2027-01-31', limit: '2027-01-31', state: 'near' },
    { regime: 'b2c', due: '2025-01-31', today: '2027-02-01', limit: '2027-01-31', state: 'past' },
    // 29 February + 5 years has no same day: the last day of February (art. 641 CPC)
    { regime: 'b2b', due: '2024-02-29', today: '2029-02-28', limit: '2029-02-28', state: 'near' },
    { regime: 'b2b', due: '2024-02-29', today: '2029-03-01', limit: '2029-02-28', state: 'past' },
    // 31 August − 6 months = 28 February (clamped): near from there
    { regime: 'b2c', due: '2025-08-31', today: '2027-02-27', limit: '2027-08-31', state: 'ok' },
    { regime: 'b2c', due: '2025-08-31', today: '2027-02-28', limit: '2027-08-31', state: 'near' },
    // A public buyer: 4 years from the 1 January after the due date's year (loi 68-1250):
    // due 2025-03-31 → 1 Jan 2026 + 4 years → the last day is 2029-12-31
    { regime: 'public', due: '2025-03-31', today: '2029-06-30', limit: '2029-12-31', state: 'near' },
    { regime: 'public', due: '2025-12-31', today: '2030-01-01', limit: '2029-12-31', state: 'past' },
  ] as const)('$regime due $due, today $today → $state', ({ regime, due, today, limit, state }) => {
    const p = prescriptionOf({ clientType: regime, dueDate: day(due), dueDateSource: 'file' }, day(today));
    expect({ limit: formatIsoDay(p.limit), state: p.state, from: p.from }).toEqual({ limit, state, from: 'due-date' });
  });
});

describe('prescriptionOf: no term agreed in the file, from the delivery (the earlier plausible date)', () => {
  it.each<[string, DueDateSource, string | null, string | null, string, string, string]>([
    // source          delivery       issue          due            → start         from
    ['legal term, delivery given', 'legal-term', '2025-01-10', '2025-01-15', '2025-02-09', '2025-01-10', 'delivery-date'],
    ['legal term, no delivery: the invoice date stands in', 'legal-term', null, '2025-01-15', '2025-02-14', '2025-01-15', 'invoice-date'],
    ['an invoice dated before the delivery: the earlier one', 'legal-term', '2025-01-20', '2025-01-15', '2025-02-19', '2025-01-15', 'invoice-date'],
    ['the config’s terms are not agreed in the file', 'config-terms', '2025-01-05', '2025-01-15', '2025-02-14', '2025-01-05', 'delivery-date'],
    ['a consumer, nothing agreed', 'on-performance', null, '2025-01-15', '2025-01-15', '2025-01-15', 'invoice-date'],
    ['terms in the file: the due date', 'file-terms', '2025-01-05', '2025-01-15', '2025-02-14', '2025-02-14', 'due-date'],
    ['no date at all but the due date', 'legal-term', null, null, '2025-02-14', '2025-02-14', 'due-date'],
  ])('%s', (_, dueDateSource, delivery, issue, due, start, from) => {
    const p = prescriptionOf({ clientType: 'b2b', dueDate: day(due), dueDateSource, deliveryDate: delivery === null ? null : day(delivery), issueDate: issue === null ? null : day(issue) }, day('2026-01-01'));
    expect({ start: formatIsoDay(p.start), from: p.from }).toEqual({ start, from });
  });

  it('counts 5 years from the delivery and says why', () => {
    const p = prescriptionOf({ clientType: 'b2b', dueDate: day('2021-04-09'), dueDateSource: 'legal-term', deliveryDate: day('2021-03-10'), issueDate: day('2021-03-12') }, day('2026-03-11'));
    expect({ limit: formatIsoDay(p.limit), state: p.state }).toEqual({ limit: '2026-03-10', state: 'past' });
    expect(limitationRule('b2b', p)).toBe('5 years from the delivery date 2021-03-10, no payment term being agreed in the file, art. L110-4 C. com.');
  });
});

describe('prescriptionOf: a written claim to a public buyer starts its 4 years again (art. 2, loi 68-1250)', () => {
  const due = { clientType: 'public' as const, dueDate: day('2025-03-31') };
  it.each([
    ['no claim: 31 Dec 2029', [], '2029-12-31'],
    ['a reminder in 2025: 4 years from 1 Jan 2026 again, still 2029-12-31', ['2025-04-02'], '2029-12-31'],
    ['a letter in 2027: 2031-12-31', ['2025-04-02', '2027-05-02'], '2031-12-31'],
    ['a claim after the limit revives nothing', ['2030-02-01'], '2029-12-31'],
  ])('%s', (_, claims, limit) => {
    expect(formatIsoDay(prescriptionOf(due, day('2026-01-01'), claims.map(day)).limit)).toBe(limit);
  });

  it('says the rule', () => {
    expect(limitationRule('public', prescriptionOf(due, day('2026-01-01')))).toBe('4 years from the 1 January after the year of the due date, each written claim starting them again: déchéance quadriennale, loi n° 68-1250');
  });
});
