import { describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../src/domain/dates.js';
import type { Invoice } from '../../src/domain/invoice.js';
import { day, invoice } from '../helpers/factories.js';
import { emptyHistory, historiesOf, historyOf } from '../../src/domain/history.js';
import type { JournalEntry, NewEntry, RecordEvent } from '../../src/domain/journal-entry.js';
import { journalEntry } from '../../src/domain/journal-entry.js';
import type { Policy, Step } from '../../src/domain/policy.js';
import { nextStep, planActions } from '../../src/domain/plan.js';
import { holdOf } from '../../src/domain/invoice-state.js';

// ---------------------------------------------------------------- factories


function step(id: string, dayOffset: number, o: Partial<Step> = {}): Step {
  const channel = o.channel ?? 'email';
  return {
    id,
    day: dayOffset,
    channel,
    template: channel === 'email' || channel === 'letter' ? id : null,
    attachPrevious: false,
    deadlineDays: 8,
    ...o,
  };
}

/** The shipped policy (templates/policy.yaml). */
function policy(o: Partial<Policy> = {}): Policy {
  return {
    steps: [
      step('rappel', -3),
      step('relance-1', 2),
      step('appel', 7, { channel: 'call' }),
      step('relance-2', 15, { attachPrevious: true }),
      step('mise-en-demeure', 30, { channel: 'letter' }),
      step('recouvrement', 90, { channel: 'task' }),
    ],
    minGapDays: 5,
    segments: [{ match: { tags: ['fidele'], clientType: null }, templates: { 'relance-1': 'relance-1-fidele' }, steps: null }],
    ...o,
  };
}

const entry = (type: JournalEntry['type'], date: string, o: Partial<NewEntry> = {}): JournalEntry =>
  journalEntry({ type, date, at: `${date}T07:00:00.000Z`, invoice: 'F-1', ...o });
const sent = (s: string, date: string, o: Partial<NewEntry> = {}) => entry('sent', date, { step: s, channel: 'email', message_id: `<${s}@x>`, ...o });
const intent = (s: string, date: string, o: Partial<NewEntry> = {}) => entry('intent', date, { step: s, channel: 'email', ...o });
const failed = (s: string, date: string, o: Partial<NewEntry> = {}) => entry('failed', date, { step: s, channel: 'email', error: '451 try later', ...o });
const issued = (s: string, date: string, o: Partial<NewEntry> = {}) => entry('issued', date, { step: s, ...o });
const record = (event: RecordEvent, date: string, o: Partial<NewEntry> = {}) => entry('record', date, { event, ...o });

// ---------------------------------------------------------------- the daily cron

interface Simulation {
  invoices: (today: string) => Invoice[];
  policy?: Policy;
  from: string;
  to: string;
  /** Days the cron does not run. */
  down?: (today: string) => boolean;
  /** Manual records, written before that day's run. */
  records?: JournalEntry[];
  /** How SMTP answers: 'sent' (default), 'failed', 'bounced' (refused for good) or 'crash' (intent only). */
  smtp?: (today: string, invoice: string, step: string) => 'sent' | 'failed' | 'bounced' | 'crash';
}

/** Runs `send` every day and feeds what it did back as journal entries. */
function simulate(sim: Simulation): { done: string[]; journal: JournalEntry[]; uncertain: string[] } {
  const journal: JournalEntry[] = [];
  const done: string[] = [];
  const uncertain: string[] = [];
  for (let d = day(sim.from); d <= day(sim.to); d++) {
    const today = formatIsoDay(d);
    journal.push(...(sim.records ?? []).filter((r) => r.date === today));
    if (sim.down?.(today)) continue;
    const plan = planActions(sim.invoices(today), sim.policy ?? policy(), historiesOf(journal), d);
    for (const u of plan.uncertain) uncertain.push(`${today} ${u.invoice.number} ${u.uncertain.step}`);
    for (const action of plan.actions) {
      for (const inv of action.invoices) {
        const o = { invoice: inv.number, channel: action.channel };
        if (action.channel !== 'email') {
          journal.push(issued(action.step.id, today, o));
          done.push(`${today} ${inv.number} ${action.step.id}`);
          continue;
        }
        journal.push(intent(action.step.id, today, o));
        const outcome = sim.smtp?.(today, inv.number, action.step.id) ?? 'sent';
        if (outcome === 'sent') {
          journal.push(sent(action.step.id, today, o));
          done.push(`${today} ${inv.number} ${action.step.id}`);
        } else if (outcome === 'failed') {
          journal.push(failed(action.step.id, today, o));
        } else if (outcome === 'bounced') {
          journal.push(entry('bounced', today, { ...o, step: action.step.id, to: [...inv.emails], error: '550 5.1.1 no such mailbox', note: 'address refused' }));
        }
      }
    }
  }
  return { done, journal, uncertain };
}

const FULL_CYCLE = [
  '2026-10-28 F-1 rappel',
  '2026-11-02 F-1 relance-1',
  '2026-11-07 F-1 appel',
  '2026-11-15 F-1 relance-2',
  '2026-11-30 F-1 mise-en-demeure',
  '2027-01-29 F-1 recouvrement',
];

describe('the daily cron, simulated', () => {
  const one = () => [invoice()];

  it.each<{ name: string; sim: Omit<Simulation, 'from' | 'to'> & { from?: string; to?: string }; expected: string[] }>([
    { name: 'every step lands once, on its day', sim: { invoices: one }, expected: FULL_CYCLE },
    {
      name: 'missed cron days: catch-up one step per run, spaced by min_gap_days, none skipped',
      sim: { invoices: one, down: (t) => t >= '2026-10-26' && t <= '2026-12-10' },
      expected: [
        '2026-12-11 F-1 relance-1',
        '2026-12-16 F-1 appel',
        '2026-12-21 F-1 relance-2',
        '2026-12-26 F-1 mise-en-demeure',
        '2027-01-29 F-1 recouvrement',
      ],
    },
    {
      name: 'a cron down for a few days delays one step only',
      sim: { invoices: one, down: (t) => t >= '2026-11-01' && t <= '2026-11-09' },
      expected: [
        '2026-10-28 F-1 rappel',
        '2026-11-10 F-1 relance-1',
        '2026-11-15 F-1 appel',
        '2026-11-20 F-1 relance-2',
        '2026-11-30 F-1 mise-en-demeure',
        '2027-01-29 F-1 recouvrement',
      ],
    },
    {
      name: 'paid mid-cycle: the reminders stop',
      sim: {
        invoices: (t) => [invoice(t >= '2026-11-10' ? { payments: [{ date: day('2026-11-10'), amount: 120_000 }] } : {})],
      },
      expected: FULL_CYCLE.slice(0, 3),
    },
    {
      name: 'partly paid: the reminders go on for the rest',
      sim: { invoices: () => [invoice({ payments: [{ date: day('2026-11-01'), amount: 20_000 }] })] },
      expected: FULL_CYCLE,
    },
    {
      name: 'a pause with an end date: resumes the day after by itself',
      sim: { invoices: one, records: [record('pause', '2026-11-05', { until: '2026-11-20' })] },
      expected: [
        ...FULL_CYCLE.slice(0, 2),
        '2026-11-21 F-1 appel',
        '2026-11-26 F-1 relance-2',
        '2026-12-01 F-1 mise-en-demeure',
        '2027-01-29 F-1 recouvrement',
      ],
    },
    {
      name: 'a pause without end date lasts until resume',
      sim: { invoices: one, records: [record('pause', '2026-11-05'), record('resume', '2026-12-20')] },
      expected: [...FULL_CYCLE.slice(0, 2), '2026-12-20 F-1 appel', '2026-12-25 F-1 relance-2', '2026-12-30 F-1 mise-en-demeure', '2027-01-29 F-1 recouvrement'],
    },
    {
      name: 'a promise to pay with --until: nothing through that date',
      sim: { invoices: one, records: [record('promise', '2026-11-03', { until: '2026-11-12' })] },
      expected: [...FULL_CYCLE.slice(0, 2), '2026-11-13 F-1 appel', '2026-11-18 F-1 relance-2', ...FULL_CYCLE.slice(4)],
    },
    {
      name: 'a promise to pay without --until holds the next reminder min_gap_days',
      sim: { invoices: one, records: [record('promise', '2026-11-12')] },
      expected: [...FULL_CYCLE.slice(0, 3), '2026-11-17 F-1 relance-2', ...FULL_CYCLE.slice(4)],
    },
    {
      name: 'dispute then resume',
      sim: { invoices: one, records: [record('dispute', '2026-11-04'), record('resume', '2026-11-20')] },
      expected: [...FULL_CYCLE.slice(0, 2), '2026-11-20 F-1 appel', '2026-11-25 F-1 relance-2', '2026-11-30 F-1 mise-en-demeure', FULL_CYCLE[5]!],
    },
    {
      name: 'paid by hand: the reminders stop',
      sim: { invoices: one, records: [record('paid-by-hand', '2026-11-04')] },
      expected: FULL_CYCLE.slice(0, 2),
    },
    {
      name: 'a pre-due step on an invoice already late is passed over: the cycle starts at relance-1',
      sim: { invoices: one, from: '2026-11-05' },
      expected: ['2026-11-05 F-1 relance-1', '2026-11-10 F-1 appel', '2026-11-15 F-1 relance-2', ...FULL_CYCLE.slice(4)],
    },
    {
      name: 'a pre-due step that the gap would push past the due date is passed over',
      sim: { invoices: one, records: [record('call', '2026-10-27')] },
      expected: FULL_CYCLE.slice(1),
    },
    {
      name: 'min_gap_days spaces every step',
      sim: { invoices: one, policy: policy({ minGapDays: 10 }) },
      expected: ['2026-10-28 F-1 rappel', '2026-11-07 F-1 relance-1', '2026-11-17 F-1 appel', '2026-11-27 F-1 relance-2', '2026-12-07 F-1 mise-en-demeure', FULL_CYCLE[5]!],
    },
    {
      name: 'a failed send is retried the next day',
      sim: { invoices: one, smtp: (t) => (t === '2026-11-02' ? 'failed' : 'sent') },
      expected: [FULL_CYCLE[0]!, '2026-11-03 F-1 relance-1', '2026-11-08 F-1 appel', ...FULL_CYCLE.slice(3)],
    },
    {
      name: 'an uncertain intent blocks the invoice until recorded sent',
      sim: {
        invoices: one,
        smtp: (t) => (t === '2026-11-02' ? 'crash' : 'sent'),
        records: [record('sent', '2026-11-10', { step: 'relance-1' })],
      },
      expected: [FULL_CYCLE[0]!, '2026-11-15 F-1 appel', '2026-11-20 F-1 relance-2', ...FULL_CYCLE.slice(4)],
    },
    {
      name: 'an uncertain intent recorded not-sent: the step goes again',
      sim: {
        invoices: one,
        smtp: (t) => (t === '2026-11-02' ? 'crash' : 'sent'),
        records: [record('not-sent', '2026-11-10', { step: 'relance-1' })],
      },
      expected: [FULL_CYCLE[0]!, '2026-11-10 F-1 relance-1', '2026-11-15 F-1 appel', '2026-11-20 F-1 relance-2', ...FULL_CYCLE.slice(4)],
    },
    {
      name: 'a step recorded as sent by hand is not sent again',
      sim: { invoices: one, records: [record('sent', '2026-11-01', { step: 'relance-1' })] },
      expected: [FULL_CYCLE[0]!, '2026-11-07 F-1 appel', ...FULL_CYCLE.slice(3)],
    },
    {
      name: 'an address refused for good: its e-mail steps are passed over, the call, the letter and the task come on their days',
      sim: { invoices: one, smtp: (t) => (t === '2026-11-02' ? 'bounced' : 'sent') },
      expected: [FULL_CYCLE[0]!, FULL_CYCLE[2]!, ...FULL_CYCLE.slice(4)],
    },
    {
      name: 'a new address in the file after the call: the e-mail steps after the call come back, the one before stays passed over',
      sim: {
        invoices: (t) => [invoice(t >= '2026-11-10' ? { emails: ['paiements@martin.example'] } : {})],
        smtp: (t) => (t === '2026-11-02' ? 'bounced' : 'sent'),
      },
      expected: [FULL_CYCLE[0]!, FULL_CYCLE[2]!, ...FULL_CYCLE.slice(3)],
    },
    {
      name: 'the same address with "record retry": the same',
      sim: { invoices: one, smtp: (t) => (t === '2026-11-02' ? 'bounced' : 'sent'), records: [record('retry', '2026-11-10')] },
      expected: [FULL_CYCLE[0]!, FULL_CYCLE[2]!, ...FULL_CYCLE.slice(3)],
    },
    {
      name: 'fixed before any other step was done: the refused step itself goes again',
      sim: { invoices: one, smtp: (t) => (t === '2026-11-02' ? 'bounced' : 'sent'), records: [record('retry', '2026-11-04')] },
      expected: [FULL_CYCLE[0]!, '2026-11-04 F-1 relance-1', '2026-11-09 F-1 appel', ...FULL_CYCLE.slice(3)],
    },
    {
      name: 'fixed after the formal notice: no reminder goes back before it',
      sim: { invoices: one, smtp: (t) => (t === '2026-11-02' ? 'bounced' : 'sent'), records: [record('retry', '2026-12-05')] },
      expected: [FULL_CYCLE[0]!, FULL_CYCLE[2]!, ...FULL_CYCLE.slice(4)],
    },
    {
      name: 'invoice paused in its file until a date',
      sim: { invoices: () => [invoice({ pausedUntil: '2026-11-10' })] },
      // Paused from the start: the pre-due reminder would come after the due date.
      expected: ['2026-11-11 F-1 relance-1', '2026-11-16 F-1 appel', '2026-11-21 F-1 relance-2', ...FULL_CYCLE.slice(4)],
    },
  ])('$name', ({ sim, expected }) => {
    const { done } = simulate({ from: '2026-10-01', to: '2027-03-01', ...sim });
    expect(done).toEqual(expected);
  });

  it('reports the uncertain invoice every run until it is recorded', () => {
    const { uncertain } = simulate({
      invoices: () => [invoice()],
      from: '2026-10-01',
      to: '2026-11-12',
      smtp: (t) => (t === '2026-11-02' ? 'crash' : 'sent'),
      records: [record('sent', '2026-11-05', { step: 'relance-1' })],
    });
    expect(uncertain).toEqual(['2026-11-03 F-1 relance-1', '2026-11-04 F-1 relance-1']);
  });

  it.each([
    ['paid', 'paid'],
    ['disputed', 'disputed'],
    ['cancelled', 'cancelled'],
    ['insolvency', 'insolvency'],
    ['paused without a date', 'paused'],
  ] as const)('an invoice %s in its file gets nothing', (_, status) => {
    expect(simulate({ invoices: () => [invoice({ status })], from: '2026-10-01', to: '2027-03-01' }).done).toEqual([]);
  });

  it('never does two steps for one invoice on one day, even with min_gap_days: 0 and two runs', () => {
    const p = policy({ minGapDays: 0 });
    const journal: JournalEntry[] = [];
    const today = day('2026-12-31');
    for (let run = 0; run < 2; run++) {
      for (const a of planActions([invoice()], p, historiesOf(journal), today).actions) journal.push(sent(a.step.id, '2026-12-31'));
    }
    expect(journal.map((e) => e.step)).toEqual(['relance-1']);
  });
});

// ---------------------------------------------------------------- grouping

describe('planActions: grouping and order', () => {
  const at = (iso: string, invoices: Invoice[], p: Policy = policy(), journal: JournalEntry[] = []) =>
    planActions(invoices, p, historiesOf(journal), day(iso));
  const summary = (plan: ReturnType<typeof planActions>) =>
    plan.actions.map((a) => `${a.client} ${a.step.id} ${a.template} [${a.invoices.map((i) => i.number).join(' ')}] ${a.emails.join(',')}`);

  // On 2 November relance-1 is due for an invoice due on 31 October.
  it.each<{ name: string; invoices: Invoice[]; journal?: JournalEntry[]; expected: string[] }>([
    {
      name: 'two invoices of one client at one step: one action, two invoices',
      invoices: [invoice({ number: 'F-10' }), invoice({ number: 'F-9' })],
      expected: ['Atelier Martin relance-1 relance-1 [F-9 F-10] compta@martin.example'],
    },
    {
      name: 'two clients: two actions, sorted by client',
      invoices: [invoice({ number: 'F-2', client: 'Zinc & Co', emails: ['z@zinc.example'] }), invoice({ number: 'F-1' })],
      expected: ['Atelier Martin relance-1 relance-1 [F-1] compta@martin.example', 'Zinc & Co relance-1 relance-1 [F-2] z@zinc.example'],
    },
    {
      name: 'one client, two recipient lists: two messages',
      invoices: [invoice({ number: 'F-1' }), invoice({ number: 'F-2', emails: ['dg@martin.example'] })],
      expected: ['Atelier Martin relance-1 relance-1 [F-1] compta@martin.example', 'Atelier Martin relance-1 relance-1 [F-2] dg@martin.example'],
    },
    {
      name: 'one client, two languages: two messages',
      invoices: [invoice({ number: 'F-1' }), invoice({ number: 'F-2', language: 'en' })],
      expected: ['Atelier Martin relance-1 relance-1 [F-1] compta@martin.example', 'Atelier Martin relance-1 relance-1 [F-2] compta@martin.example'],
    },
    {
      name: 'one client billed as a business and as a consumer: two messages (the law they quote differs)',
      invoices: [invoice({ number: 'F-1' }), invoice({ number: 'F-2', clientType: 'b2c' })],
      expected: ['Atelier Martin relance-1 relance-1 [F-1] compta@martin.example', 'Atelier Martin relance-1 relance-1 [F-2] compta@martin.example'],
    },
    {
      name: 'one client, two steps: sorted in step order',
      invoices: [invoice({ number: 'F-1', due: '2026-10-15' }), invoice({ number: 'F-2' })],
      journal: [sent('relance-1', '2026-10-17'), issued('appel', '2026-10-22')],
      expected: ['Atelier Martin relance-1 relance-1 [F-2] compta@martin.example', 'Atelier Martin relance-2 relance-2 [F-1] compta@martin.example'],
    },
    {
      name: 'a segment changes the template: fidele gets relance-1-fidele, apart',
      invoices: [invoice({ number: 'F-1' }), invoice({ number: 'F-2', tags: ['fidele', 'vip'] })],
      expected: ['Atelier Martin relance-1 relance-1 [F-1] compta@martin.example', 'Atelier Martin relance-1 relance-1-fidele [F-2] compta@martin.example'],
    },
    {
      name: 'an invoice not yet due, or with nothing left to pay, gets nothing',
      invoices: [invoice({ number: 'F-1', due: '2026-12-31' }), invoice({ number: 'F-2', payments: [{ date: null, amount: 120_000 }] })],
      expected: [],
    },
    {
      name: 'an email step for an invoice with no address is still planned: send refuses it, naming the file and line',
      invoices: [invoice({ emails: [] })],
      expected: ['Atelier Martin relance-1 relance-1 [F-1] '],
    },
  ])('$name', ({ invoices, journal, expected }) => {
    expect(summary(at('2026-11-02', invoices, policy(), journal))).toEqual(expected);
  });

  it('an action carries the step, channel, template, client, recipients and language', () => {
    const [action] = at('2026-11-07', [invoice({ language: 'en' })], policy(), [sent('relance-1', '2026-11-02')]).actions;
    expect(action).toEqual({
      step: step('appel', 7, { channel: 'call' }),
      channel: 'call',
      template: null,
      client: 'Atelier Martin',
      emails: ['compta@martin.example'],
      language: 'en',
      invoices: [invoice({ language: 'en' })],
    });
  });

  it('a segment with its own steps replaces the step list for matching invoices', () => {
    const b2c = policy({
      segments: [
        {
          match: { tags: [], clientType: 'b2c' },
          templates: { 'mise-en-demeure': 'mise-en-demeure-particulier' },
          steps: [step('relance-1', 3), step('mise-en-demeure', 20, { channel: 'letter' })],
        },
      ],
    });
    const { done } = simulate({ invoices: () => [invoice({ clientType: 'b2c' })], policy: b2c, from: '2026-10-01', to: '2027-03-01' });
    expect(done).toEqual(['2026-11-03 F-1 relance-1', '2026-11-20 F-1 mise-en-demeure']);
    const plan = at('2026-11-20', [invoice({ clientType: 'b2c' })], b2c, [sent('relance-1', '2026-11-03')]);
    expect(plan.actions.map((a) => [a.step.id, a.channel, a.template])).toEqual([['mise-en-demeure', 'letter', 'mise-en-demeure-particulier']]);
  });

  it('segments are tried in order: the first match applies', () => {
    const p = policy({
      segments: [
        { match: { tags: ['fidele'], clientType: 'b2c' }, templates: { 'relance-1': 'a' }, steps: null },
        { match: { tags: ['fidele'], clientType: null }, templates: { 'relance-1': 'b' }, steps: null },
        { match: { tags: [], clientType: null }, templates: { 'relance-1': 'c' }, steps: null },
      ],
    });
    const invoices = [
      invoice({ number: 'F-1', tags: ['fidele'], clientType: 'b2c' }),
      invoice({ number: 'F-2', tags: ['fidele'] }),
      invoice({ number: 'F-3', tags: ['autre'] }),
    ];
    expect(at('2026-11-02', invoices, p).actions.map((a) => `${a.invoices[0]!.number} ${a.template}`)).toEqual(['F-1 a', 'F-2 b', 'F-3 c']);
  });

  it('lists held and uncertain invoices apart', () => {
    const invoices = [
      invoice({ number: 'F-1' }),
      invoice({ number: 'F-2' }),
      invoice({ number: 'F-3' }),
      invoice({ number: 'F-4', pausedUntil: '2026-11-30' }),
    ];
    const journal = [intent('relance-1', '2026-11-01', { invoice: 'F-1', message_id: '<m@x>' }), record('dispute', '2026-10-20', { invoice: 'F-2' })];
    const plan = at('2026-11-02', invoices, policy(), journal);
    const histories = historiesOf(journal);
    expect(plan.actions.map((a) => a.invoices.map((i) => i.number))).toEqual([['F-3']]);
    expect(plan.uncertain.map((u) => [u.invoice.number, u.uncertain.step, formatIsoDay(u.uncertain.date), u.uncertain.messageId])).toEqual([
      ['F-1', 'relance-1', '2026-11-01', '<m@x>'],
    ]);
    // The held ones get nothing, and the state table says why.
    const held = invoices.filter((i) => i.number === 'F-2' || i.number === 'F-4').map((i) => {
      const hold = holdOf(i, histories.get(i.number) ?? emptyHistory(i.number), day('2026-11-02'));
      return [i.number, hold?.reason ?? null, hold?.until == null ? null : formatIsoDay(hold.until)];
    });
    expect(held).toEqual([
      ['F-2', 'disputed', null],
      ['F-4', 'paused', '2026-11-30'],
    ]);
  });
});

// ---------------------------------------------------------------- nextStep, for status

describe('nextStep', () => {
  const p = policy();
  it.each<{ name: string; inv?: Invoice; journal: JournalEntry[]; today: string; expected: [string, string, string] | null }>([
    { name: 'before anything: the pre-due reminder', journal: [], today: '2026-10-01', expected: ['rappel', '2026-10-28', 'schedule'] },
    { name: 'late, nothing done: relance-1, the pre-due one passed over', journal: [], today: '2026-11-20', expected: ['relance-1', '2026-11-02', 'schedule'] },
    { name: 'after relance-1 (DESIGN example)', journal: [sent('relance-1', '2026-11-02')], today: '2026-11-22', expected: ['appel', '2026-11-07', 'schedule'] },
    { name: 'held by the gap', journal: [sent('relance-1', '2026-11-05')], today: '2026-11-06', expected: ['appel', '2026-11-10', 'min_gap'] },
    {
      name: 'held by a pause',
      journal: [sent('relance-1', '2026-11-02'), record('pause', '2026-11-03', { until: '2026-11-15' })],
      today: '2026-11-06',
      expected: ['appel', '2026-11-16', 'pause'],
    },
    { name: 'paused in the file', inv: invoice({ pausedUntil: '2026-11-08' }), journal: [], today: '2026-11-06', expected: ['relance-1', '2026-11-09', 'pause'] },
    { name: 'paused in the file without a date', inv: invoice({ status: 'paused' }), journal: [], today: '2026-11-06', expected: null },
    { name: 'paused without end in the journal', journal: [record('pause', '2026-11-01')], today: '2026-11-06', expected: null },
    { name: 'disputed', journal: [record('dispute', '2026-11-01')], today: '2026-11-06', expected: null },
    { name: 'paid by hand', journal: [record('paid-by-hand', '2026-11-01')], today: '2026-11-06', expected: null },
    { name: 'every step done', journal: FULL_CYCLE.map((l) => issued(l.split(' ')[2]!, l.split(' ')[0]!)), today: '2027-06-01', expected: null },
    { name: 'uncertain', journal: [intent('relance-1', '2026-11-02')], today: '2026-11-06', expected: ['relance-1', '2026-11-02', 'uncertain'] },
    {
      // DESIGN.md § Planning: the first step of the policy, in order, not yet done.
      name: 'a later step done by hand: the first step not yet done still comes, after the gap',
      journal: [record('sent', '2026-11-03', { step: 'relance-2' })],
      today: '2026-11-06',
      expected: ['relance-1', '2026-11-08', 'min_gap'],
    },
    { name: 'cancelled', inv: invoice({ status: 'cancelled' }), journal: [], today: '2026-11-06', expected: null },
    { name: 'fully paid', inv: invoice({ payments: [{ date: day('2026-11-01'), amount: 120_000 }] }), journal: [], today: '2026-11-06', expected: null },
  ])('$name', ({ inv, journal, today, expected }) => {
    const i = inv ?? invoice();
    const next = nextStep(i, p, historyOf(i.number, journal), day(today));
    expect(next === null ? null : [next.step.id, formatIsoDay(next.date), next.reason]).toEqual(expected);
  });

  it('gives the step with its segment template', () => {
    const next = nextStep(invoice({ tags: ['fidele'] }), p, emptyHistory('F-1'), day('2026-11-01'));
    expect(next?.step).toEqual(step('relance-1', 2, { template: 'relance-1-fidele' }));
  });
});
