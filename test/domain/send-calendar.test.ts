// send_days: business — nothing goes out on a Saturday, a Sunday or a French public
// holiday (Alsace-Moselle's two more with region: alsace-moselle): the step moves to the
// next business day, and the planner says it moved. And a time-barred claim leaves the cycle.
// 2026: 3 April is Good Friday, 6 April Easter Monday; 14–15 November a weekend; 11 November a Wednesday.

import { describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../src/domain/dates.js';
import { emptyHistory } from '../../src/domain/history.js';
import { timeBarredSince, statusToday } from '../../src/domain/invoice-state.js';
import type { Policy, Step } from '../../src/domain/policy.js';
import { nextStep, planActions } from '../../src/domain/plan.js';
import type { SendCalendar } from '../../src/domain/send-calendar.js';
import { EVERY_DAY, dayOffName, sendingDay } from '../../src/domain/send-calendar.js';
import { day, invoice } from '../helpers/factories.js';

const FRANCE: SendCalendar = { days: 'business', region: 'france' };
const ALSACE: SendCalendar = { days: 'business', region: 'alsace-moselle' };

function step(id: string, offset: number, channel: Step['channel'] = 'email'): Step {
  return { id, day: offset, channel, template: channel === 'email' || channel === 'letter' ? id : null, attachPrevious: false, deadlineDays: 8 };
}
const policy: Policy = { steps: [step('rappel', -1), step('relance-1', 2), step('appel', 7, 'call')], minGapDays: 5, segments: [] };

describe('sendingDay', () => {
  it.each([
    // due         today         calendar → goes out    moved from
    ['2026-11-13', '2026-11-10', FRANCE, '2026-11-13', null], // a Friday: as is
    ['2026-11-14', '2026-11-10', FRANCE, '2026-11-16', '2026-11-14'], // Saturday → Monday
    ['2026-11-11', '2026-11-10', FRANCE, '2026-11-12', '2026-11-11'], // Armistice → Thursday
    ['2026-04-03', '2026-03-30', FRANCE, '2026-04-03', null], // Good Friday works in most of France…
    ['2026-04-03', '2026-03-30', ALSACE, '2026-04-07', '2026-04-03'], // …not in Alsace-Moselle, and Monday is Easter Monday
    ['2026-11-13', '2026-11-14', FRANCE, '2026-11-16', '2026-11-13'], // due Friday, the cron runs on Saturday: it waits for Monday
    ['2026-11-13', '2026-11-16', FRANCE, '2026-11-13', null], // due Friday, seen on Monday: due now
    ['2026-11-14', '2026-11-18', FRANCE, '2026-11-16', '2026-11-14'], // fell on Saturday, long past
    ['2026-11-14', '2026-11-10', EVERY_DAY, '2026-11-14', null], // send_days: any
  ] as const)('due %s, today %s', (due, today, calendar, date, movedFrom) => {
    const s = sendingDay(day(due), day(today), calendar);
    expect({ date: formatIsoDay(s.date), movedFrom: s.movedFrom === null ? null : formatIsoDay(s.movedFrom) }).toEqual({ date, movedFrom });
  });

  it('names the day off', () => {
    expect([dayOffName(day('2026-11-14'), 'france'), dayOffName(day('2026-11-11'), 'france'), dayOffName(day('2026-04-03'), 'alsace-moselle'), dayOffName(day('2026-04-03'), 'france')]).toEqual([
      'Saturday',
      'Wednesday, Armistice 1918',
      'Friday, Vendredi saint',
      null,
    ]);
  });
});

describe('the planner with send_days: business', () => {
  const history = emptyHistory('F-1');

  it('moves a step due on a Saturday to Monday, and says why', () => {
    // due Thursday 12/11 → relance-1 on Saturday 14/11
    const next = nextStep(invoice({ due: '2026-11-12' }), policy, { ...history, done: [{ step: 'rappel', date: day('2026-11-11'), channel: 'email', messageId: null, subject: null, by: 'sent' }] }, day('2026-11-12'), FRANCE);
    expect({ step: next?.step.id, date: formatIsoDay(next!.date), reason: next?.reason, from: formatIsoDay(next!.movedFrom!) }).toEqual({ step: 'relance-1', date: '2026-11-16', reason: 'business-day', from: '2026-11-14' });
  });

  it('sends nothing on a Saturday, lists what waits, and sends it on Monday saying it moved', () => {
    // due Wednesday 11/11 (rappel passed over): relance-1 due Friday 13/11, the cron missed Friday
    const invoices = [invoice({ due: '2026-11-11' })];
    const histories = new Map([['F-1', history]]);
    const saturday = planActions(invoices, policy, histories, day('2026-11-14'), FRANCE);
    expect(saturday.actions).toEqual([]);
    expect(saturday.moved.map((m) => [m.invoice, m.step, formatIsoDay(m.from), formatIsoDay(m.to)])).toEqual([['F-1', 'relance-1', '2026-11-13', '2026-11-16']]);
    const monday = planActions(invoices, policy, histories, day('2026-11-16'), FRANCE);
    expect(monday.actions.map((a) => a.step.id)).toEqual(['relance-1']);
    expect(planActions(invoices, policy, histories, day('2026-11-14'), EVERY_DAY).actions.map((a) => a.step.id)).toEqual(['relance-1']);
  });

  it('passes over a step before the due date once moving it would put it after', () => {
    // due Sunday 15/11: rappel (day −1) on Saturday 14/11 would go out Monday 16/11, after the due date
    const next = nextStep(invoice({ due: '2026-11-15' }), policy, history, day('2026-11-10'), FRANCE);
    expect({ step: next?.step.id, date: formatIsoDay(next!.date) }).toEqual({ step: 'relance-1', date: '2026-11-17' });
  });
});

describe('a time-barred claim leaves the reminder cycle', () => {
  const history = emptyHistory('F-1');
  // B2B due 31/01/2020: time-barred after 31/01/2025
  const old = invoice({ due: '2020-01-31' });

  it('from the day after the limit: owed, not chased', () => {
    expect(timeBarredSince(old, history, day('2025-01-31'))).toBeNull();
    expect(formatIsoDay(timeBarredSince(old, history, day('2025-02-01'))!)).toBe('2025-02-01');
    expect(statusToday(old, history, old.amount, day('2025-02-01'))).toBe('time-barred');
    expect(nextStep(old, policy, history, day('2025-02-01'))).toBeNull();
    expect(planActions([old], policy, new Map(), day('2025-02-01')).actions).toEqual([]);
  });

  it('paid or cancelled stays so', () => {
    expect(statusToday(old, history, 0, day('2026-01-01'))).toBe('paid');
    expect(statusToday({ ...old, status: 'cancelled' }, history, old.amount, day('2026-01-01'))).toBe('cancelled');
  });

  it('a public buyer reminded in writing is not time-barred (art. 2, loi 68-1250)', () => {
    // due 31/01/2020: 4 years from 1/1/2021 → the last day 31/12/2024; a letter of 10/06/2023,
    // in time, starts them again from 1/1/2024 → 31/12/2027.
    const publicOld = invoice({ due: '2020-01-31', clientType: 'public' });
    const reminded = { ...history, done: [{ step: 'mise-en-demeure', date: day('2023-06-10'), channel: 'letter' as const, messageId: null, subject: null, by: 'record' as const }] };
    expect(formatIsoDay(timeBarredSince(publicOld, history, day('2026-01-01'))!)).toBe('2025-01-01');
    expect(timeBarredSince(publicOld, reminded, day('2026-01-01'))).toBeNull();
  });

  it('counts from the delivery when no term was agreed', () => {
    // legal term: delivered 10/12/2020, due 9/01/2021; the 5 years run from the delivery: barred from 11/12/2025
    const legal = invoice({ due: '2021-01-09', delivery: '2020-12-10', dueDateSource: 'legal-term' });
    expect(formatIsoDay(timeBarredSince(legal, history, day('2025-12-11'))!)).toBe('2025-12-11');
    expect(timeBarredSince({ ...legal, dueDateSource: 'file' }, history, day('2025-12-11'))).toBeNull();
  });
});
