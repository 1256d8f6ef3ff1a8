// `relance penalty` through the built binary, in a temp folder with no relance.yaml.
// Every expected figure is worked out by hand in the comment beside it, in cents:
// balance (c) × rate (%) × days / 365, each period rounded half-up for display, the
// exact sum rounded once. Shipped B2B rates (MRO + 10): 2024-H1 14.50 · 2024-H2 14.25 ·
// 2025-H1 13.15 · 2025-H2 12.15 · 2026-H2 12.40, the last row: 2027-H1 on carry it forward,
// provisional; legal "autres cas" 2025-H1 3.71 · 2025-H2 2.76. test/fixtures/rates/user-rates.yaml: 2026-H2 MRO 2.40
// confirmed (B2B 12.40), 2027-H1 MRO 2.15 (B2B 12.15).

import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelance, runRelanceInProcess, type RunResult } from '../helpers/run-cli.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-penalty-'));
  await cp(new URL('../fixtures/rates/', import.meta.url), dir, { recursive: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const penalty = (...args: string[]): Promise<RunResult> => runRelanceInProcess(['penalty', ...args], { cwd: dir });

async function penaltyJson(...args: string[]): Promise<{ doc: Record<string, unknown>; stderr: string }> {
  const r = await penalty(...args, '--format', 'json');
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return { doc: JSON.parse(r.stdout) as Record<string, unknown>, stderr: r.stderr };
}

/** French amounts use no-break spaces; tests read them as plain spaces. */
const plain = (text: string): string =>
  text
    .replace(/[\u00a0\u202f]/g, ' ')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');

const period = (from: string, to: string, days: number, balance: string, rate: string, interest: string, provisional = false) => ({
  from, to, days, balance, rate, interest, provisional,
});

const CARRIED_2027_H1 =
  '2027-H1 is not in the rate tables yet: its rates are carried forward from 2026-H2 (ECB rate 2.40 %, B2B rate 12.40 %, legal rate 2.75 %) and the amounts computed with them are provisional — to confirm them, run relance rates --update for the ECB main refinancing rate in force on 1 January 2027, or write 2027-H1 in a rates file (relance rates --help shows how) with it and the legal interest rates published in the Journal officiel';
const NO_NOTICE = 'no formal notice recorded: B2C interest will run from the day after a formal notice (mise en demeure, art. 1231-6 C. civ.)';

describe('relance penalty --format json', () => {
  it('prints the DESIGN.md example exactly', async () => {
    const { doc, stderr } = await penaltyJson('1000', '--due', '2025-01-31', '--paid', '2025-03-15');
    // 28 days of February + 15 of March = 43 days at 13.15 % (2025-H1):
    // 100 000 c × 13.15 % × 43 / 365 = 1 549.18 c → 15.49; + 40.00 fee; paid, so balance 0 → 55.49
    expect(doc).toEqual({
      regime: 'b2b', principal: '1000.00', due_date: '2025-01-31', end_date: '2025-03-15',
      days_late: 43, rate_mode: 'half-year', readings: { rate_mode: 'half-year', imputation: 'principal-first', floor: 'raise' },
      periods: [period('2025-02-01', '2025-03-15', 43, '1000.00', '13.15', '15.49')],
      interest: '15.49', interest_paid: '0.00', flat_fee: '40.00', balance: '0.00', principal_left: '0.00', total: '55.49',
      warnings: [],
    });
    expect(stderr).toBe('');
  });

  it.each([
    { name: 'the default B2B rate of 2025-H1', flags: [] },
    { name: 'a contractual 13.15 %, fixed', flags: ['--rate', '13.15', '--rate-mode', 'fixed'] },
  ])('reproduces LAW.md’s 10 000 € at 13.15 % over 30 days = 108.08 with $name', async ({ flags }) => {
    const { doc } = await penaltyJson('10000', '--due', '2025-03-31', '--paid', '2025-04-30', ...flags);
    // 1 000 000 c × 13.15 % × 30 / 365 = 10 808.22 c → 108.08; + 40 → 148.08
    // (13.15 % is above the contractual floor, 3 × 3.71 = 11.13 %)
    expect(doc).toMatchObject({
      days_late: 30,
      periods: [period('2025-04-01', '2025-04-30', 30, '10000.00', '13.15', '108.08')],
      interest: '108.08', flat_fee: '40.00', balance: '0.00', total: '148.08', warnings: [],
    });
  });

  it('splits a long delay at each half-year', async () => {
    const { doc } = await penaltyJson('5000', '--due', '2024-05-31', '--paid', '2025-02-28');
    // June 2024: 30 d at 14.50 → 500 000 × 14.50 % × 30 / 365 = 5 958.90 c → 59.59
    // 2024-H2: 184 d at 14.25 → 500 000 × 14.25 % × 184 / 365 = 35 917.81 c → 359.18
    // Jan–Feb 2025: 59 d at 13.15 → 500 000 × 13.15 % × 59 / 365 = 10 628.08 c → 106.28
    // exact sum 52 504.79 c → 525.05; 30 + 184 + 59 = 273 days; + 40 → 565.05
    expect(doc).toMatchObject({
      days_late: 273,
      rate_mode: 'half-year',
      periods: [
        period('2024-06-01', '2024-06-30', 30, '5000.00', '14.50', '59.59'),
        period('2024-07-01', '2024-12-31', 184, '5000.00', '14.25', '359.18'),
        period('2025-01-01', '2025-02-28', 59, '5000.00', '13.15', '106.28'),
      ],
      interest: '525.05', flat_fee: '40.00', balance: '0.00', total: '565.05', warnings: [],
    });
  });

  it('keeps the first half-year’s rate with --rate-mode fixed', async () => {
    const { doc } = await penaltyJson('5000', '--due', '2024-05-31', '--paid', '2025-02-28', '--rate-mode', 'fixed');
    // 273 d at 14.50 (2024-H1): 500 000 × 14.50 % × 273 / 365 = 54 226.03 c → 542.26; + 40 → 582.26
    expect(doc).toMatchObject({
      rate_mode: 'fixed',
      periods: [period('2024-06-01', '2025-02-28', 273, '5000.00', '14.50', '542.26')],
      interest: '542.26', total: '582.26',
    });
  });

  it('reduces the balance from each partial payment; --paid settles the rest', async () => {
    const { doc } = await penaltyJson('3000', '--due', '2025-01-31', '--payment', '2025-02-28:1000', '--payment', '31/03/2025:1000,00', '--paid', '2025-04-30');
    // February: 28 d on 3 000 → 300 000 × 13.15 % × 28 / 365 = 3 026.30 c → 30.26
    // March: 31 d on 2 000 → 200 000 × 13.15 % × 31 / 365 = 2 233.70 c → 22.34
    // April: 30 d on 1 000 (paid on the 30th) → 100 000 × 13.15 % × 30 / 365 = 1 080.82 c → 10.81
    // exact sum 6 340.82 c → 63.41; 28 + 31 + 30 = 89 days; + 40 → 103.41
    expect(doc).toEqual({
      regime: 'b2b', principal: '3000.00', due_date: '2025-01-31', end_date: '2025-04-30',
      days_late: 89, rate_mode: 'half-year', readings: { rate_mode: 'half-year', imputation: 'principal-first', floor: 'raise' },
      payments: [{ date: '2025-02-28', amount: '1000.00' }, { date: '2025-03-31', amount: '1000.00' }],
      periods: [
        period('2025-02-01', '2025-02-28', 28, '3000.00', '13.15', '30.26'),
        period('2025-03-01', '2025-03-31', 31, '2000.00', '13.15', '22.34'),
        period('2025-04-01', '2025-04-30', 30, '1000.00', '13.15', '10.81'),
      ],
      interest: '63.41', interest_paid: '0.00', flat_fee: '40.00', balance: '0.00', principal_left: '0.00', total: '103.41',
      warnings: [],
    });
  });

  it('reads "1 234,56 €" as the amount, and counts an unpaid balance to --today', async () => {
    const { doc } = await penaltyJson('1 234,56 €', '--due', '31/01/2025', '--payment', '2025-03-10:500,50', '--today', '2025-04-30');
    // 1 Feb – 10 Mar: 38 d on 1 234.56 → 123 456 × 13.15 % × 38 / 365 = 1 690.16 c → 16.90
    // 11 Mar – 30 Apr: 51 d on 734.06 → 73 406 × 13.15 % × 51 / 365 = 1 348.76 c → 13.49
    // exact sum 3 038.92 c → 30.39; still due 734.06; 734.06 + 30.39 + 40 = 804.45
    expect(doc).toMatchObject({
      principal: '1234.56', due_date: '2025-01-31', end_date: '2025-04-30', days_late: 89,
      payments: [{ date: '2025-03-10', amount: '500.50' }],
      periods: [
        period('2025-02-01', '2025-03-10', 38, '1234.56', '13.15', '16.90'),
        period('2025-03-11', '2025-04-30', 51, '734.06', '13.15', '13.49'),
      ],
      interest: '30.39', flat_fee: '40.00', balance: '734.06', total: '804.45',
    });
  });

  it('respects --today while unpaid', async () => {
    // The DESIGN.md example, not paid: same 43 days and 15.49, but 1 000 still due → 1 055.49
    const on15March = await penaltyJson('1000', '--due', '2025-01-31', '--today', '2025-03-15');
    expect(on15March.doc).toMatchObject({ end_date: '2025-03-15', days_late: 43, interest: '15.49', balance: '1000.00', total: '1055.49' });
    // 28 days of February: 100 000 × 13.15 % × 28 / 365 = 1 008.77 c → 10.09
    const on28Feb = await penaltyJson('1000', '--due', '2025-01-31', '--today', '2025-02-28');
    expect(on28Feb.doc).toMatchObject({ end_date: '2025-02-28', days_late: 28, interest: '10.09', total: '1050.09' });
  });

  it('charges a B2C debtor nothing before a formal notice, and warns', async () => {
    const r = await penalty('600', '--due', '2025-01-31', '--b2c', '--today', '2025-06-30', '--format', 'json');
    expect(r.code).toBe(0);
    // 150 days late, but no notice: no interest; no €40 between a business and a consumer
    expect(JSON.parse(r.stdout)).toEqual({
      regime: 'b2c', principal: '600.00', due_date: '2025-01-31', end_date: '2025-06-30', days_late: 150, rate_mode: 'half-year', readings: { rate_mode: 'half-year', imputation: 'principal-first', floor: 'raise' },
      periods: [], interest: '0.00', interest_paid: '0.00', flat_fee: '0.00', balance: '600.00', principal_left: '600.00', total: '600.00',
      warnings: [NO_NOTICE],
    });
    expect(r.stderr).toBe(`warning: ${NO_NOTICE}\n`);
  });

  it('charges a B2C debtor the legal rate from the day after the notice, no €40', async () => {
    const r = await penalty('600', '--due', '2025-01-31', '--b2c', '--notice', '2025-03-01', '--today', '2025-07-30', '--format', 'json');
    // 2 Mar – 30 Jun: 30 + 30 + 31 + 30 = 121 d at 3.71 → 60 000 × 3.71 % × 121 / 365 = 737.93 c → 7.38
    // 1 – 30 Jul: 30 d at 2.76 → 60 000 × 2.76 % × 30 / 365 = 136.11 c → 1.36
    // exact sum 874.04 c → 8.74; no fee; 600 + 8.74 = 608.74
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      regime: 'b2c', notice_date: '2025-03-01',
      periods: [period('2025-03-02', '2025-06-30', 121, '600.00', '3.71', '7.38'), period('2025-07-01', '2025-07-30', 30, '600.00', '2.76', '1.36')],
      interest: '8.74', flat_fee: '0.00', balance: '600.00', total: '608.74', warnings: [],
    });
    expect(r.stderr).toBe('');
  });

  it('carries the last known rate past the tables, marks the period provisional and says how to confirm it', async () => {
    const r = await penalty('1000', '--due', '2026-12-15', '--today', '2027-02-01', '--format', 'json');
    // 16–31 Dec 2026: 16 d at 12.40 (2026-H2, confirmed) → 100 000 × 12.40 % × 16 / 365 = 543.56 c → 5.44
    // 1 Jan – 1 Feb 2027: 32 d at 12.40 carried forward → 100 000 × 12.40 % × 32 / 365 = 1 087.12 c → 10.87
    // exact sum 1 630.68 c → 16.31; 1 000 + 16.31 + 40 = 1 056.31
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      periods: [period('2026-12-16', '2026-12-31', 16, '1000.00', '12.40', '5.44'), period('2027-01-01', '2027-02-01', 32, '1000.00', '12.40', '10.87', true)],
      interest: '16.31', total: '1056.31', warnings: [CARRIED_2027_H1],
    });
    expect(r.stderr).toBe(`warning: ${CARRIED_2027_H1}\n`);
  });

  it('has no provisional period in 2026-H2, now confirmed', async () => {
    const r = await penalty('2000', '--due', '2026-06-30', '--today', '2026-08-15', '--format', 'json');
    // 31 + 15 = 46 d at 12.40: 200 000 × 12.40 % × 46 / 365 = 3 125.48 c → 31.25; 2000 + 31.25 + 40 = 2071.25
    expect(JSON.parse(r.stdout)).toMatchObject({ periods: [period('2026-07-01', '2026-08-15', 46, '2000.00', '12.40', '31.25', false)], interest: '31.25', warnings: [] });
    expect(r.stderr).toBe('');
  });

  it('applies the floor to a contractual rate below 3 × the legal rate', async () => {
    const { doc } = await penaltyJson('1000', '--due', '2025-01-31', '--paid', '2025-03-15', '--rate', '5');
    // floor 3 × 3.71 = 11.13 %: 100 000 × 11.13 % × 43 / 365 = 1 311.21 c → 13.11; + 40 → 53.11
    expect(doc).toMatchObject({
      contractual_rate: '5.00',
      periods: [period('2025-02-01', '2025-03-15', 43, '1000.00', '11.13', '13.11')],
      interest: '13.11', total: '53.11',
      warnings: ['the contractual rate 5.00 % is below the floor for 2025-H1, 3 × the legal rate 3.71 % = 11.13 % (art. L441-10 C. com.): 11.13 % applied (floor: raise)'],
    });
  });
});

describe('relance penalty, the readings of the law', () => {
  // LAW.md § Finer points: 10 000 € due 31/03/2025, 4 000 € paid 15/04, the rest on 30/04.
  const example = ['10000', '--due', '2025-03-31', '--payment', '2025-04-15:4000', '--paid', '2025-04-30'];

  it.each([
    // principal first: 54.04 on 10 000 for 1–15 Apr + 32.42 on 6 000 for 16–30 Apr, exact 86.4658 → 86.47
    ['principal-first', [], '86.47', '0.00', '0.00', '6000.00', '126.47'],
    // interest first: 54.04 of the 4 000 pay interest, principal 6 054.04; 32.72 on it for 16–30 Apr,
    // exact 86.7574 → 86.76; the last 6 000 pay the 32.72 then principal: 86.76 of it is left
    ['interest-first', ['--imputation', 'interest-first'], '86.76', '86.76', '86.76', '6054.04', '126.76'],
  ])('imputes the payments %s, and says which in the JSON', async (imputation, flags, interest, interestPaid, principalLeft, secondBalance, total) => {
    const { doc } = await penaltyJson(...example, ...flags);
    expect(doc).toMatchObject({ readings: { rate_mode: 'half-year', imputation, floor: 'raise' }, interest, interest_paid: interestPaid, balance: '0.00', principal_left: principalLeft, flat_fee: '40.00', total });
    expect((doc.periods as { balance: string }[]).map((p) => p.balance)).toEqual(['10000.00', secondBalance]);
  });

  it('takes the reading from relance.yaml when no flag is given', async () => {
    const sub = await mkdtemp(join(tmpdir(), 'relance-penalty-law-'));
    try {
      await writeFile(join(sub, 'relance.yaml'), 'invoices: factures.csv\nimputation: interest-first\nfloor: void\n');
      const r = await runRelanceInProcess(['penalty', ...example, '--format', 'json'], { cwd: sub });
      expect(JSON.parse(r.stdout)).toMatchObject({ readings: { imputation: 'interest-first', floor: 'void' }, interest: '86.76' });
    } finally {
      await rm(sub, { recursive: true, force: true });
    }
  });

  it('shows what the payments paid of interest, and the principal left, in the table', async () => {
    const r = await penalty(...example, '--imputation', 'interest-first');
    const out = plain(r.stdout);
    expect(out).toMatch(/^Interest +86,76 €$/m);
    expect(out).toMatch(/^ {2}paid by the payments +86,76 € \(imputed to the interest first, art\. 1343-1 C\. civ\.\)$/m);
    expect(out).toMatch(/^Balance still due +0,00 €$/m);
    expect(out).toMatch(/^ {2}principal left +86,76 € \(what the payments did not pay of it\)$/m);
    expect(out).toMatch(/^Total claimable +126,76 €$/m);
    expect(out).toContain('partial payments imputed to the interest accrued first, then the principal (art. 1343-1 C. civ., --imputation interest-first)');
    expect(plain((await penalty(...example)).stdout)).toContain('partial payments imputed to the principal (--imputation principal-first, the default)');
  });

  it('sets a clause below the floor aside with --floor void', async () => {
    const { doc } = await penaltyJson('1000', '--due', '2025-01-31', '--paid', '2025-03-15', '--rate', '5', '--floor', 'void');
    // the default 13.15 %: 100 000 × 13.15 % × 43 / 365 = 1 549.18 c → 15.49
    expect(doc).toMatchObject({
      readings: { floor: 'void' },
      periods: [period('2025-02-01', '2025-03-15', 43, '1000.00', '13.15', '15.49')],
      interest: '15.49',
      warnings: ['the contractual rate 5.00 % is below the floor for 2025-H1, 3 × the legal rate 3.71 % = 11.13 % (art. L441-10 C. com.): the clause is treated as void and the default rate, ECB rate + 10 points = 13.15 %, applied (floor: void)'],
    });
  });

  it('computes a public buyer’s interest with --public', async () => {
    // Worked by hand in test/domain/penalty-readings.test.ts: from 1 April 2025 (2025-H1, ECB
    // rate 3.15 % on 1 January) at 11.15 % fixed, 122 days: 1 115 € × 122 / 365 = 372.68 €; + €40
    const { doc } = await penaltyJson('10000', '--due', '2025-03-31', '--paid', '2025-07-31', '--public');
    expect(doc).toMatchObject({
      regime: 'public',
      rate_mode: 'fixed',
      readings: { rate_mode: 'fixed' },
      periods: [period('2025-04-01', '2025-07-31', 122, '10000.00', '11.15', '372.68')],
      interest: '372.68', flat_fee: '40.00', total: '412.68', warnings: [],
    });
    const out = plain((await penalty('10000', '--due', '2025-03-31', '--paid', '2025-07-31', '--public')).stdout);
    expect(out.split('\n')[0]).toBe('Public-buyer penalty on 10 000,00 € due 31/03/2025, paid 31/07/2025 (122 days late)');
    expect(out).toContain('How: balance × (ECB rate in force on the first day of the half-year interest began in + 8 points) × days / 365, fixed for the whole delay, split at each payment, rounded once; €40 fee once per invoice (art. R2192-31 and D2192-35 C. commande publique).');
  });
});

describe('relance penalty, the table', () => {
  it('shows the DESIGN.md example', async () => {
    const r = await penalty('1000', '--due', '2025-01-31', '--paid', '2025-03-15');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = plain(r.stdout);
    expect(out.split('\n')[0]).toBe('B2B penalty on 1 000,00 € due 31/01/2025, paid 15/03/2025 (43 days late)');
    expect(out).toMatch(/^ *From +To +Days +Balance +Rate +Interest$/m);
    expect(out).toMatch(/^ *01\/02\/2025 +15\/03\/2025 +43 +1 000,00 € +13\.15 % +15,49 €$/m);
    expect(out).toMatch(/^Interest +15,49 €$/m);
    expect(out).toMatch(/^€40 recovery indemnity +40,00 €$/m);
    expect(out).toMatch(/^Balance still due +0,00 €$/m);
    expect(out).toMatch(/^Total claimable +55,49 €$/m);
    expect(out).toContain('balance × rate × days / 365');
    expect(out).toContain('art. L441-10 C. com.');
  });

  it('lists every period', async () => {
    const r = await penalty('10000', '--due', '2025-05-31', '--payment', '2025-09-30:4000', '--today', '2026-08-15');
    // June 2025: 30 d on 10 000 at 13.15 → 1 000 000 × 13.15 % × 30 / 365 = 10 808.22 c → 108.08
    // 1 Jul – 30 Sep: 92 d on 10 000 at 12.15 → 1 000 000 × 12.15 % × 92 / 365 = 30 624.66 c → 306.25
    // 1 Oct – 31 Dec: 92 d on 6 000 at 12.15 → 600 000 × 12.15 % × 92 / 365 = 18 374.79 c → 183.75
    // 2026-H1: 181 d on 6 000 at 12.15 → 600 000 × 12.15 % × 181 / 365 = 36 150.41 c → 361.50
    // 1 Jul – 15 Aug 2026: 46 d on 6 000 at 12.40 → 600 000 × 12.40 % × 46 / 365 = 9 376.44 c → 93.76
    // exact sum 10 808.22 + 30 624.66 + 18 374.79 + 36 150.41 + 9 376.44 = 105 334.52 c → 1 053.35,
    // while the rows as shown add up to 108.08 + 306.25 + 183.75 + 361.50 + 93.76 = 1 053.34: a warning says so.
    // 30 + 92 + 92 + 181 + 46 = 441 days; still due 6 000; 6 000 + 1 053.35 + 40 = 7 093.35
    expect(r.code).toBe(0);
    const out = plain(r.stdout);
    expect(out.split('\n')[0]).toBe('B2B penalty on 10 000,00 € due 31/05/2025, unpaid on 15/08/2026 (441 days late)');
    const rows = out.split('\n').filter((l) => /^ *\d\d\/\d\d\/\d{4} /.test(l)).map((l) => l.trim().split(/ {2,}/));
    expect(rows).toEqual([
      ['01/06/2025', '30/06/2025', '30', '10 000,00 €', '13.15 %', '108,08 €'],
      ['01/07/2025', '30/09/2025', '92', '10 000,00 €', '12.15 %', '306,25 €'],
      ['01/10/2025', '31/12/2025', '92', '6 000,00 €', '12.15 %', '183,75 €'],
      ['01/01/2026', '30/06/2026', '181', '6 000,00 €', '12.15 %', '361,50 €'],
      ['01/07/2026', '15/08/2026', '46', '6 000,00 €', '12.40 %', '93,76 €'],
    ]);
    expect(out).not.toContain('provisional');
    expect(out).toMatch(/^Interest +1 053,35 €$/m);
    expect(out).toMatch(/^Balance still due +6 000,00 €$/m);
    expect(out).toMatch(/^Total claimable +7 093,35 €$/m);
    expect(r.stderr).toBe(
      "warning: the periods' interest, each rounded to the cent, adds up to 1053.34; the interest 1053.35 is their exact sum rounded once\n",
    );
  });

  it('stars a rate carried forward and explains the star', async () => {
    const r = await penalty('1000', '--due', '2026-12-15', '--today', '2027-02-01');
    expect(r.code).toBe(0);
    const out = plain(r.stdout);
    const rows = out.split('\n').filter((l) => /^ *\d\d\/\d\d\/\d{4} /.test(l)).map((l) => l.trim().split(/ {2,}/));
    // as in JSON: 5.44 + 10.87 → 16.31
    expect(rows).toEqual([
      ['16/12/2026', '31/12/2026', '16', '1 000,00 €', '12.40 %', '5,44 €'],
      ['01/01/2027', '01/02/2027', '32', '1 000,00 €', '12.40 %*', '10,87 €'],
    ]);
    expect(out).toContain('* provisional rate: carried forward or not yet confirmed (the warning says which and how to confirm it); confirm or replace it with --rates FILE');
    expect(out).toMatch(/^Interest +16,31 €$/m);
    expect(r.stderr).toBe(`warning: ${CARRIED_2027_H1}\n`);
  });

  it('is the same in process as from the binary, and colours only a terminal', async () => {
    const args = ['penalty', '1000', '--due', '2025-01-31', '--paid', '2025-03-15'];
    const binary = await runRelance(args, { cwd: dir });
    expect(await runRelanceInProcess(args, { cwd: dir })).toEqual(binary);
    expect(binary.stdout).not.toContain('\u001b[');
    const terminal = await runRelanceInProcess(args, { cwd: dir, env: { NO_COLOR: undefined }, isTTY: true });
    expect(terminal.stdout).toContain('\u001b[1mB2B penalty on');
    const noColor = await runRelanceInProcess([...args, '--no-color'], { cwd: dir, env: { NO_COLOR: undefined }, isTTY: true });
    expect(noColor.stdout).toBe(binary.stdout);
  });

  it('says why there is no fee', async () => {
    const b2c = plain((await penalty('600', '--due', '2025-01-31', '--b2c', '--today', '2025-06-30')).stdout);
    expect(b2c).toMatch(/^€40 recovery indemnity +none — B2C$/m);
    const onTime = plain((await penalty('600', '--due', '2025-01-31', '--paid', '2025-01-20')).stdout);
    expect(onTime).toMatch(/^€40 recovery indemnity +none — paid on time$/m);
    expect(onTime).toMatch(/^Total claimable +0,00 €$/m);
  });
});

describe('relance penalty, rate tables', () => {
  it('refuses a date before the tables, naming the missing half-year', async () => {
    const r = await penalty('1000', '--due', '2014-12-15', '--today', '2015-02-01');
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: "relance: no rate for 2014-H2: relance's tables start at 2015-H1 — add 2014-H2 to a rates file (rates: in relance.yaml), or pass one with --rates FILE\n",
    });
  });

  it('uses a rates file given with --rates', async () => {
    const { doc } = await penaltyJson('1000', '--due', '2026-12-15', '--today', '2027-02-01', '--rates', 'user-rates.yaml');
    // 16–31 Dec 2026: 16 d at 12.40 (confirmed by the file) → 100 000 × 12.40 % × 16 / 365 = 543.56 c → 5.44
    // 1 Jan – 1 Feb 2027: 32 d at 12.15 (2.15 + 10) → 100 000 × 12.15 % × 32 / 365 = 1 065.21 c → 10.65
    // exact sum 1 608.77 c → 16.09; 1 000 + 16.09 + 40 = 1 056.09; no provisional warning
    expect(doc).toMatchObject({
      days_late: 48,
      periods: [period('2026-12-16', '2026-12-31', 16, '1000.00', '12.40', '5.44'), period('2027-01-01', '2027-02-01', 32, '1000.00', '12.15', '10.65')],
      interest: '16.09', total: '1056.09', warnings: [],
    });
  });

  it('uses the rates file that relance.yaml in the folder names', async () => {
    const here = await mkdtemp(join(tmpdir(), 'relance-penalty-config-'));
    try {
      await cp(new URL('../fixtures/rates/user-rates.yaml', import.meta.url), join(here, 'user-rates.yaml'));
      await writeFile(join(here, 'relance.yaml'), 'invoices: factures.csv\nrates: user-rates.yaml\n');
      const r = await runRelanceInProcess(['penalty', '1000', '--due', '2026-12-15', '--today', '2027-02-01', '--format', 'json'], { cwd: here });
      expect(r.stderr).toBe('');
      // as above: 5.44 + 10.65 → 16.09
      expect(JSON.parse(r.stdout)).toMatchObject({ interest: '16.09', total: '1056.09' });
    } finally {
      await rm(here, { recursive: true, force: true });
    }
  });

  it('reports a bad rates file with its line', async () => {
    const r = await penalty('1000', '--due', '2025-01-31', '--paid', '2025-03-15', '--rates', 'bad-rates.yaml');
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'bad-rates.yaml:3: 2027-H1.mro: "2.15 pct" is not a rate in percent — write a number such as 2.40 (for 2.40 %), with at most four decimals\n' +
        'relance: 1 error, nothing was done.\n',
    });
  });

  it('refuses a --config that does not exist', async () => {
    const r = await penalty('1000', '--due', '2025-01-31', '--config', 'nowhere.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('nowhere.yaml: no configuration file here');
  });
});

describe('relance penalty, bad flags (exit 2, nothing on stdout)', () => {
  const AMOUNT_HINT = 'write it like 1234.56, 1 234,56 or "1 234,56 €", e.g. relance penalty 1234.56 --due 2025-01-31';
  const PAYMENT_HINT = 'write the day and the amount paid, e.g. --payment 2025-02-10:500 or --payment 10/02/2025:500,50';
  it.each([
    { args: ['12x', '--due', '2025-01-31'], message: `AMOUNT "12x" is not an amount — ${AMOUNT_HINT}` },
    { args: ['1,234,5', '--due', '2025-01-31'], message: `AMOUNT "1,234,5" is not an amount — ${AMOUNT_HINT}` },
    { args: ['0', '--due', '2025-01-31'], message: `AMOUNT "0" must be more than zero — ${AMOUNT_HINT}` },
    { args: ['1000'], message: '--due is missing — give the due date of the invoice, e.g. --due 2025-01-31' },
    { args: ['1000', '--due', '31/02/2025'], message: '--due "31/02/2025" is not a date — write it as YYYY-MM-DD or dd/mm/yyyy, e.g. --due 2025-01-31' },
    { args: ['1000', '--due', '2025-01-31', '--paid', 'yesterday'], message: '--paid "yesterday" is not a date — write it as YYYY-MM-DD or dd/mm/yyyy, e.g. --paid 2025-03-15' },
    { args: ['1000', '--due', '2025-01-31', '--payment', '2025-02-10'], message: `--payment "2025-02-10" is not DATE:AMOUNT — ${PAYMENT_HINT}` },
    { args: ['1000', '--due', '2025-01-31', '--payment', '2025-02-30:500'], message: `--payment "2025-02-30:500": "2025-02-30" is not a date — ${PAYMENT_HINT}` },
    { args: ['1000', '--due', '2025-01-31', '--payment', '2025-02-10:5OO'], message: `--payment "2025-02-10:5OO": "5OO" is not an amount — ${PAYMENT_HINT}` },
    { args: ['1000', '--due', '2025-01-31', '--payment', '2025-02-10:0'], message: `--payment "2025-02-10:0": the amount must be more than zero — ${PAYMENT_HINT}` },
    {
      args: ['1000', '--due', '2025-01-31', '--paid', '2025-03-15', '--payment', '2025-04-01:500'],
      message: '--payment "2025-04-01:500" is after --paid 2025-03-15 — the invoice is paid in full on the --paid date: give earlier payments only, or a later --paid',
    },
    {
      args: ['1000', '--due', '2025-01-31', '--payment', '2025-02-10:600', '--payment', '2025-02-20:600'],
      message: '--payment: the payments add up to 1200.00, more than the amount 1000.00 — check the amounts: each --payment is one payment received',
    },
    { args: ['1000', '--due', '2025-01-31', '--rate', 'douze'], message: '--rate "douze" is not a rate in percent — write the annual rate like 12 or 12,5 (for 12.5 %), e.g. --rate 12.5' },
    {
      args: ['1000', '--due', '2025-01-31', '--rate-mode', 'start'],
      message: '--rate-mode "start" is not a rate mode — write --rate-mode half-year (each half-year’s rate, the default) or --rate-mode fixed (the rate of the half-year the delay began in)',
    },
    {
      args: ['1000', '--due', '2025-01-31', '--notice', '2025-03-01'],
      message: '--notice 2025-03-01 applies to a consumer only — add --b2c, or leave --notice out: B2B interest runs from the day after the due date without any notice',
    },
    { args: ['1000', '--due', '2025-01-31', '--today', '15/03/2025'], message: '--today "15/03/2025" is not a date — write it as YYYY-MM-DD, e.g. --today 2026-11-22' },
    {
      args: ['1000', '--due', '2025-01-31', '--imputation', 'interest'],
      message: '--imputation "interest" is not one of principal-first, interest-first — write --imputation principal-first (partial payments reduce the principal, the default) or interest-first (they pay the interest accrued first, art. 1343-1 C. civ.)',
    },
    {
      args: ['1000', '--due', '2025-01-31', '--floor', 'lower'],
      message: '--floor "lower" is not one of raise, void — write --floor raise (a contractual rate below 3 × the legal rate is raised to it, the default) or void (the clause falls and ECB + 10 applies)',
    },
    { args: ['1000', '--due', '2025-01-31', '--b2c', '--public'], message: '--b2c and --public both given — a debtor is a consumer (--b2c) or a public buyer (--public), not both' },
  ])('$message', async ({ args, message }) => {
    expect(await penalty(...args)).toEqual({ code: 2, stdout: '', stderr: `relance: ${message}\n` });
  });
});
