// `relance report` through the built binary, on test/fixtures/report: eleven invoices and a
// journal for which every figure has been worked out by hand below.

import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRelanceInProcess } from '../helpers/run-cli.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/report');
const TODAY = ['--today', '2026-11-30'];
const PERIOD = ['--from', '2026-09-01'];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-report-'));
  await cp(FIXTURE, dir, { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const here = () => ({ cwd: dir });
/** Amounts on the page keep their digits together with no-break spaces: read them as spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const act = (date: string, invoice: string, action: string, step: string | null = null, channel: string | null = null, until: string | null = null) => ({ date, invoice, action, step, channel, until });

// The fixture on 30/11/2026, period 01/09/2026 – 30/11/2026 (91 days: 30 + 31 + 30):
//   F-01 Atelier Martin     1 000 € issued 01/09 due 01/10 unpaid            60 d late  31–60
//   F-02 Atelier Martin       500 € issued 01/11 due 01/12 unpaid            not due
//   F-03 Garage Rousseau    2 000 € issued 01/06 due 01/07 unpaid           152 d late  > 90
//   F-04 Garage Rousseau    1 200 € issued 15/09 due 15/10 paid 20/10        (relance-1 on 17/10)
//   F-05 Boulangerie Leroy    800 € issued 01/08 due 31/08 300 € paid 10/10  91 d late  > 90
//   F-06 Transports Girard  3 000 € issued 01/10 due 31/10 disputed          30 d late  1–30
//   F-07 Cabinet Morel      1 500 € issued 15/10 due 14/11 paid by hand 20/11 (relance-1 on 16/11)
//   F-08 Cabinet Morel        700 € issued 10/11 due 25/11 unpaid             5 d late  1–30
//   F-09 Studio Nova          400 € cancelled: in no figure
//   F-10 Menuiserie Blanc     600 € no issue date, "Payée" with no payment date
//   F-11 Atelier Martin       900 € issued 05/12, after today: left out
// Interest at the 2026-H2 B2B rate, 12.40 %, balance × 0.124 × days / 365:
//   F-01 1 000 × 60 → 20,38 · F-03 2 000 × 152 → 103,28 · F-06 3 000 × 30 → 30,58 · F-08 700 × 5 → 1,19
//   F-05 800 × 40 days (01/09–10/10) + 500 × 51 days (11/10–30/11) = 10,871 + 8,663 → 19,53
//   total 174,96 €; 5 overdue invoices × 40 € = 200 €.
// Receivables: 1 000 + 500 + 2 000 + 500 + 3 000 + 700 = 7 700 € (6 invoices).
// Sales of the period (issued 01/09–30/11, not cancelled): F-01, F-02, F-04, F-06, F-07, F-08
//   = 1 000 + 500 + 1 200 + 3 000 + 1 500 + 700 = 7 900 € (6 invoices).
// DSO = 7 700 × 91 / 7 900 = 700 700 / 7 900 = 88,696… → 88,7 days.
// relance-1 in the period: F-05 (02/09, unpaid), F-04 (17/10, paid 20/10: within 15 days), F-06
//   (02/11, unpaid), F-07 (16/11, paid 20/11: within), F-08 (27/11, unpaid, 27/11 + 15 ≥ 30/11: waiting).
// appel in the period: F-03 (10/09, unpaid). relance-1 and relance-2 of F-03 were in July: left out.
// Paid in the period: F-04 5 days after its due date, F-07 6 days after: median 5,5.
const EXPECTED = {
  today: '2026-11-30',
  from: '2026-09-01',
  language: 'fr',
  creditor: 'Atelier Dupont SARL',
  headline: { due: '7700.00', due_count: 6, overdue: '7200.00', overdue_count: 5, interest: '174.96', flat_fees: '200.00', claimable: '374.96', provisional: false },
  dso: { days: '88.7', receivables: '7700.00', sales: '7900.00', sales_count: 6, period_days: 91, from: '2026-09-01', to: '2026-11-30', without_issue_date: 1 },
  aging: {
    not_due: { amount: '500.00', count: 1 },
    '1-30': { amount: '3700.00', count: 2 },
    '31-60': { amount: '1000.00', count: 1 },
    '61-90': { amount: '0.00', count: 0 },
    '90+': { amount: '2500.00', count: 2 },
  },
  top_debtors: [
    { client: 'Transports Girard', balance: '3000.00', overdue: '3000.00', invoices: 1, oldest: { number: 'F-06', due_date: '2026-10-31', days_late: 30 }, last_action: act('2026-11-05', 'F-06', 'dispute') },
    { client: 'Garage Rousseau', balance: '2000.00', overdue: '2000.00', invoices: 1, oldest: { number: 'F-03', due_date: '2026-07-01', days_late: 152 }, last_action: act('2026-10-17', 'F-04', 'sent', 'relance-1', 'email') },
    { client: 'Atelier Martin', balance: '1500.00', overdue: '1000.00', invoices: 2, oldest: { number: 'F-01', due_date: '2026-10-01', days_late: 60 }, last_action: null },
    { client: 'Cabinet Morel', balance: '700.00', overdue: '700.00', invoices: 1, oldest: { number: 'F-08', due_date: '2026-11-25', days_late: 5 }, last_action: act('2026-11-27', 'F-08', 'sent', 'relance-1', 'email') },
    { client: 'Boulangerie Leroy', balance: '500.00', overdue: '500.00', invoices: 1, oldest: { number: 'F-05', due_date: '2026-08-31', days_late: 91 }, last_action: act('2026-11-10', 'F-05', 'promise', null, null, '2026-11-25') },
  ],
  effectiveness: {
    window_days: 15,
    steps: [
      { step: 'relance-1', channel: 'email', invoices: 5, paid_within: 2, waiting: 1 },
      { step: 'appel', channel: 'call', invoices: 1, paid_within: 0, waiting: 0 },
    ],
    paid_in_period: 2,
    median_days_due_to_payment: 5.5,
    paid_without_date: 1,
  },
  clients: [
    {
      client: 'Transports Girard', invoices: 1, balance: '3000.00', overdue: '3000.00', interest: '30.58', flat_fees: '40.00',
      oldest: { number: 'F-06', due_date: '2026-10-31', days_late: 30 }, last_action: act('2026-11-05', 'F-06', 'dispute'),
      actions_count: 2, actions: [act('2026-11-02', 'F-06', 'sent', 'relance-1', 'email'), act('2026-11-05', 'F-06', 'dispute')],
    },
    {
      client: 'Garage Rousseau', invoices: 1, balance: '2000.00', overdue: '2000.00', interest: '103.28', flat_fees: '40.00',
      oldest: { number: 'F-03', due_date: '2026-07-01', days_late: 152 }, last_action: act('2026-10-17', 'F-04', 'sent', 'relance-1', 'email'),
      actions_count: 4,
      actions: [act('2026-07-03', 'F-03', 'sent', 'relance-1', 'email'), act('2026-07-16', 'F-03', 'sent', 'relance-2', 'email'), act('2026-09-10', 'F-03', 'issued', 'appel', 'call'), act('2026-10-17', 'F-04', 'sent', 'relance-1', 'email')],
    },
    {
      client: 'Atelier Martin', invoices: 2, balance: '1500.00', overdue: '1000.00', interest: '20.38', flat_fees: '40.00',
      oldest: { number: 'F-01', due_date: '2026-10-01', days_late: 60 }, last_action: null, actions_count: 0, actions: [],
    },
    {
      client: 'Cabinet Morel', invoices: 1, balance: '700.00', overdue: '700.00', interest: '1.19', flat_fees: '40.00',
      oldest: { number: 'F-08', due_date: '2026-11-25', days_late: 5 }, last_action: act('2026-11-27', 'F-08', 'sent', 'relance-1', 'email'),
      actions_count: 3, actions: [act('2026-11-16', 'F-07', 'sent', 'relance-1', 'email'), act('2026-11-20', 'F-07', 'paid-by-hand'), act('2026-11-27', 'F-08', 'sent', 'relance-1', 'email')],
    },
    {
      client: 'Boulangerie Leroy', invoices: 1, balance: '500.00', overdue: '500.00', interest: '19.53', flat_fees: '40.00',
      oldest: { number: 'F-05', due_date: '2026-08-31', days_late: 91 }, last_action: act('2026-11-10', 'F-05', 'promise', null, null, '2026-11-25'),
      actions_count: 2, actions: [act('2026-09-02', 'F-05', 'sent', 'relance-1', 'email'), act('2026-11-10', 'F-05', 'promise', null, null, '2026-11-25')],
    },
  ],
  clients_more: { count: 0, balance: '0.00' },
  issued_after_today: 1,
  previous: null,
};

/** The figures a page carries in its <script id="relance-data">. */
function embedded(html: string): unknown {
  const m = /<script type="application\/json" id="relance-data">([^<]*)<\/script>/.exec(html);
  if (!m) throw new Error('no relance-data in the page');
  return JSON.parse(m[1]!);
}

describe('relance report --format json', () => {
  it('prints every figure of the fixture, as worked out by hand, and writes nothing', async () => {
    const { code, stdout, stderr } = await runRelanceInProcess(['report', '--format', 'json', ...TODAY, ...PERIOD], here());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(EXPECTED);
    expect((await readdir(dir)).filter((f) => f.endsWith('.html'))).toEqual([]);
  });

  it('agrees with relance status on the overdue balance, interest and fees', async () => {
    const status = JSON.parse((await runRelanceInProcess(['status', '--format', 'json', ...TODAY], here())).stdout) as { totals: { balance: string; interest: string; flat_fee: string } };
    expect(status.totals).toMatchObject({ balance: EXPECTED.headline.overdue, interest: EXPECTED.headline.interest, flat_fee: EXPECTED.headline.flat_fees });
  });

  it('takes the 90 days ending today as the period by default', async () => {
    // 02/09 – 30/11: F-01, issued 01/09, is no longer a sale of the period: 6 900 € of sales;
    // F-05's relance-1 of 02/09 still is. DSO = 7 700 × 90 / 6 900 = 100,434… → 100,4.
    const doc = JSON.parse((await runRelanceInProcess(['report', '--format', 'json', ...TODAY], here())).stdout) as typeof EXPECTED;
    expect(doc.from).toBe('2026-09-02');
    expect(doc.dso).toEqual({ ...EXPECTED.dso, days: '100.4', sales: '6900.00', sales_count: 5, period_days: 90, from: '2026-09-02' });
    expect(doc.effectiveness.steps[0]).toEqual(EXPECTED.effectiveness.steps[0]);
  });

  it('lists the worst --limit clients and sums up the others', async () => {
    const doc = JSON.parse((await runRelanceInProcess(['report', '--format', 'json', '--limit', '2', ...TODAY, ...PERIOD], here())).stdout) as typeof EXPECTED;
    expect(doc.clients.map((c) => c.client)).toEqual(['Transports Girard', 'Garage Rousseau']);
    // Atelier Martin 1 500 + Cabinet Morel 700 + Boulangerie Leroy 500
    expect(doc.clients_more).toEqual({ count: 3, balance: '2700.00' });
    expect(doc.top_debtors).toHaveLength(5);
  });
});

describe('relance report writes the page', () => {
  it('names it after the day, in the current folder, and says what it holds', async () => {
    const { code, stdout, stderr } = await runRelanceInProcess(['report', ...TODAY, ...PERIOD], here());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const html = await readFile(join(dir, 'relance-report-2026-11-30.html'), 'utf8');
    const kb = Math.round(Buffer.byteLength(html) / 1024);
    expect(stdout).toBe(`Wrote relance-report-2026-11-30.html (${kb} KB): total due 7 700,00 €, overdue 7 200,00 €, interest and fees 374,96 €, DSO 88.7 days over 2026-09-01 – 2026-11-30\n`);
    expect(embedded(html)).toEqual(EXPECTED);
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    // Nothing is fetched at view time: no URL to load anything from, and a policy that forbids it.
    expect(html).not.toMatch(/\b(src|href)=|@import|url\(/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
  });

  it('shows the change of each headline figure since the previous report beside it', async () => {
    await mkdir(join(dir, 'reports'));
    // An earlier page with known figures, a later one, and a page that is not one of ours.
    const page = (today: string, due: string, overdue: string, claimable: string, dso: string) =>
      `<!doctype html><script type="application/json" id="relance-data">${JSON.stringify({ today, headline: { due, overdue, claimable }, dso: { days: dso } })}</script>`;
    await writeFile(join(dir, 'reports/relance-report-2026-11-15.html'), page('2026-11-15', '9000.00', '7000.00', '300.00', '90.2'));
    await writeFile(join(dir, 'reports/relance-report-2026-11-01.html'), page('2026-11-01', '1.00', '1.00', '1.00', '1.0'));
    await writeFile(join(dir, 'reports/relance-report-2026-12-31.html'), page('2026-12-31', '2.00', '2.00', '2.00', '2.0'));
    await writeFile(join(dir, 'reports/relance-report-notes.html'), '<p>not a report</p>');

    const { code, stdout } = await runRelanceInProcess(['report', ...TODAY, ...PERIOD, '--out', 'reports/relance-report-2026-11-30.html'], here());
    expect(code).toBe(0);
    expect(stdout).toMatch(/; compared with relance-report-2026-11-15\.html \(2026-11-15\)\n$/);
    const html = await readFile(join(dir, 'reports/relance-report-2026-11-30.html'), 'utf8');
    expect((embedded(html) as { previous: unknown }).previous).toEqual({ file: 'relance-report-2026-11-15.html', today: '2026-11-15', due: '9000.00', overdue: '7000.00', claimable: '300.00', dso: '90.2' });
    const card = (id: string) => plain(new RegExp(`<div class="card" id="${id}">.*?</div></div>`).exec(html)![0].replace(/<[^>]+>/g, '|'));
    // 7 700 − 9 000; 7 200 − 7 000; 374,96 − 300; 88,7 − 90,2
    expect(card('fig-due')).toContain('|▼ −1 300,00 € depuis le 15/11/2026|');
    expect(card('fig-overdue')).toContain('|▲ +200,00 € depuis le 15/11/2026|');
    expect(card('fig-claimable')).toContain('|▲ +74,96 € depuis le 15/11/2026|');
    expect(card('fig-dso')).toContain('|▼ −1,5 depuis le 15/11/2026|');
  });

  it('reads back the figures of a page it wrote, for the next report', async () => {
    expect((await runRelanceInProcess(['report', '--today', '2026-11-20', '--out', 'relance-report-2026-11-20.html'], here())).code).toBe(0);
    const before = embedded(await readFile(join(dir, 'relance-report-2026-11-20.html'), 'utf8')) as typeof EXPECTED;
    const doc = JSON.parse((await runRelanceInProcess(['report', '--format', 'json', ...TODAY, ...PERIOD], here())).stdout) as typeof EXPECTED;
    expect(doc.previous).toEqual({ file: 'relance-report-2026-11-20.html', today: '2026-11-20', due: before.headline.due, overdue: before.headline.overdue, claimable: before.headline.claimable, dso: before.dso.days });
  });

  it('writes the page in English when the config says language: en', async () => {
    await writeFile(join(dir, 'relance.yaml'), 'invoices: factures.csv\njournal: journal.jsonl\nlanguage: en\n');
    const { code } = await runRelanceInProcess(['report', ...TODAY, ...PERIOD, '--out', 'r.html'], here());
    expect(code).toBe(0);
    const html = await readFile(join(dir, 'r.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<div class="label">Total due</div><div class="value">€7,700.00</div>');
    expect(html).toContain('88.7\u00a0days');
  });
});

describe('relance report refuses what it cannot do, and says why', () => {
  it.each([
    { args: ['--from', '2026-13-01'], message: 'relance: --from "2026-13-01" is not a date — write it as YYYY-MM-DD, e.g. --from 2026-09-01\n' },
    { args: ['--from', '2026-12-01'], message: 'relance: --from 2026-12-01 is after today (2026-11-30) — the period runs from --from to today: give an earlier date\n' },
    { args: ['--limit', 'all'], message: 'relance: --limit "all" is not a number of clients — give a whole number, e.g. --limit 500\n' },
    { args: ['--out', 'nowhere/r.html'], message: 'relance: cannot write nowhere/r.html: its folder does not exist — give --out a file in a folder you can write to\n' },
  ])('$args', async ({ args, message }) => {
    const { code, stdout, stderr } = await runRelanceInProcess(['report', ...TODAY, ...args], here());
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('stops on a bad invoice file, with its line, and writes no page', async () => {
    const csv = await readFile(join(dir, 'factures.csv'), 'utf8');
    await writeFile(join(dir, 'factures.csv'), csv.replace('3 000,00', 'trois mille'));
    const { code, stderr } = await runRelanceInProcess(['report', ...TODAY], here());
    expect(code).toBe(2);
    expect(stderr).toBe('factures.csv:7: amount: "trois mille" is not an amount — write it like 1234.56, 1 234,56 or 1.234,56 €\nrelance: 1 error, nothing was done.\n');
    expect((await readdir(dir)).filter((f) => f.endsWith('.html'))).toEqual([]);
  });

  it('says the default period in its help', async () => {
    const { stdout } = await runRelanceInProcess(['report', '--help']);
    expect(stdout.replace(/\s+/g, ' ')).toContain('first day of the period for DSO and reminder effectiveness (default: the 90 days ending today)');
  });
});
