// `relance rates` through the built binary, in a temp folder with no relance.yaml.
// The expected values are LAW.md's tables; test/fixtures/rates/user-rates.yaml confirms
// 2026-H2 (MRO 2.40, legal 6.84 / 2.75) and adds 2027-H1 (MRO 2.15, legal 6.50 / 2.60).

import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunResult, runRelanceInProcess } from '../helpers/run-cli.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-rates-'));
  await cp(new URL('../fixtures/rates/', import.meta.url), dir, { recursive: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rates = (...args: string[]): Promise<RunResult> => runRelanceInProcess(['rates', ...args], { cwd: dir });

interface JsonRow {
  half_year: string;
  mro: string;
  b2b: string;
  legal_individual: string;
  legal_other: string;
  provisional: boolean;
  origin: 'shipped' | 'user' | 'carried';
  sources: Record<string, string>;
}

async function ratesJson(...args: string[]): Promise<JsonRow[]> {
  const r = await rates(...args, '--format', 'json');
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as JsonRow[];
}

/** 2015-H1, 2015-H2, …, 2026-H2: the half-years LAW.md's tables cover. */
const SHIPPED_HALF_YEARS = Array.from({ length: 2026 - 2015 + 1 }, (_, i) => [`${2015 + i}-H1`, `${2015 + i}-H2`]).flat();

/** A table row as its cells, split on the runs of spaces between columns. */
function tableRows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((l) => /^ *\d{4}-H[12] /.test(l))
    .map((l) => l.trim().split(/ {2,}/));
}

describe('relance rates, the shipped tables', () => {
  it('lists 2015-H1 to 2026-H2, every value confirmed', async () => {
    const r = await rates('--today', '2026-11-22');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = tableRows(r.stdout);
    expect(rows.map((row) => row[0])).toEqual(SHIPPED_HALF_YEARS);
    // LAW.md: MRO, B2B = MRO + 10, legal particuliers, legal autres cas
    expect(rows[0]).toEqual(['2015-H1', '0.05', '10.05', '4.06', '0.93']);
    expect(rows.find((row) => row[0] === '2025-H1')).toEqual(['2025-H1', '3.15', '13.15', '7.21', '3.71']);
    expect(rows.find((row) => row[0] === '2025-H2')).toEqual(['2025-H2', '2.15', '12.15', '6.65', '2.76']);
    expect(rows.at(-1)).toEqual(['2026-H2', '2.40', '12.40', '6.84', '2.75']);
    expect(r.stdout).not.toContain('provisional');
    expect(r.stdout).not.toContain('(user)');
    expect(r.stdout).toMatch(/^Today \(22\/11\/2026\) falls in 2026-H2\. /m);
  });

  it('gives each half-year with its sources in JSON', async () => {
    const rows = await ratesJson('--today', '2026-11-22');
    expect(rows.map((row) => row.half_year)).toEqual(SHIPPED_HALF_YEARS);
    const h1 = rows.find((row) => row.half_year === '2025-H1')!;
    expect(h1).toMatchObject({ half_year: '2025-H1', mro: '3.15', b2b: '13.15', legal_individual: '7.21', legal_other: '3.71', provisional: false, origin: 'shipped' });
    expect(Object.keys(h1.sources)).toEqual(['mro', 'b2b', 'legal_individual', 'legal_other']);
    expect(h1.sources.mro).toContain('ECB');
    expect(h1.sources.legal_other).toContain('Journal officiel');
    expect(rows.at(-1)).toMatchObject({ half_year: '2026-H2', mro: '2.40', b2b: '12.40', provisional: false, origin: 'shipped' });
    expect(rows.at(-1)!.sources.mro).toContain('ECB decision of 11 June 2026, in force from 17 June 2026');
    expect(rows.at(-1)!.sources.legal_other).toContain('Journal officiel of 30 June 2026, relayed by service-public.fr (A15398)');
    expect(rows.filter((row) => row.provisional)).toEqual([]);
  });

  it('writes CSV with one header line and a line per half-year', async () => {
    const r = await rates('--format', 'csv', '--today', '2026-11-22');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('half_year,mro,b2b,legal_individual,legal_other,provisional,origin,mro_source,b2b_source,legal_individual_source,legal_other_source');
    expect(lines).toHaveLength(1 + SHIPPED_HALF_YEARS.length);
    expect(lines.at(-1)).toMatch(/^2026-H2,2\.40,12\.40,6\.84,2\.75,false,shipped,/);
  });

  it('carries the last known rates forward up to today, starred, and says how to confirm them', async () => {
    const r = await rates('--today', '2027-09-05');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = tableRows(r.stdout);
    expect(rows.map((row) => row[0])).toEqual([...SHIPPED_HALF_YEARS, '2027-H1', '2027-H2']);
    expect(rows.slice(-3)).toEqual([
      ['2026-H2', '2.40', '12.40', '6.84', '2.75'],
      ['2027-H1', '2.40*', '12.40*', '6.84*', '2.75*'],
      ['2027-H2', '2.40*', '12.40*', '6.84*', '2.75*'],
    ]);
    expect(r.stdout).toContain(
      '* provisional: 2027-H1, 2027-H2 are not in the tables yet: the last known rates are carried forward from 2026-H2; to confirm them, write 2027-H1, 2027-H2 in a rates file with the ECB main refinancing rate and the legal interest rates published in the Journal officiel.',
    );
    expect(r.stdout).toContain('Today (05/09/2027) falls in 2027-H2, carried forward from 2026-H2: its figures are provisional until 2027-H2 is in a rates file.');
    const json = await ratesJson('--today', '2027-01-05');
    expect(json.at(-1)).toMatchObject({ half_year: '2027-H1', mro: '2.40', b2b: '12.40', legal_individual: '6.84', legal_other: '2.75', provisional: true, origin: 'carried' });
    expect(json.at(-1)!.sources.mro).toMatch(/^carried forward from 2026-H2: 2027-H1 is not in the rate tables yet — to confirm them, run relance rates --update for the ECB main refinancing rate in force on 1 January 2027, or write 2027-H1 in a rates file/);
  });
});

describe('relance rates with a user rates file', () => {
  it('shows the replaced and added half-years as user values', async () => {
    const r = await rates('--rates', 'user-rates.yaml', '--today', '2027-02-01');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = tableRows(r.stdout);
    expect(rows.map((row) => row[0])).toEqual([...SHIPPED_HALF_YEARS, '2027-H1']);
    // Confirmed by the user: no star. 2027-H1's B2B is 2.15 + 10 = 12.15.
    expect(rows.slice(-3)).toEqual([
      ['2026-H1', '2.15', '12.15', '6.67', '2.62'],
      ['2026-H2', '2.40 (user)', '12.40 (user)', '6.84 (user)', '2.75 (user)'],
      ['2027-H1', '2.15 (user)', '12.15 (user)', '6.50 (user)', '2.60 (user)'],
    ]);
    expect(r.stdout).toContain('(user): from user-rates.yaml');
    expect(r.stdout).not.toMatch(/^\* provisional/m);
  });

  it('gives their origin and source in JSON', async () => {
    const rows = await ratesJson('--rates', 'user-rates.yaml', '--today', '2027-02-01');
    expect(rows.slice(-2)).toEqual([
      {
        half_year: '2026-H2', mro: '2.40', b2b: '12.40', legal_individual: '6.84', legal_other: '2.75', provisional: false, origin: 'user',
        sources: {
          mro: 'ECB decision of 4 June 2026',
          b2b: 'MRO + 10 points (art. L441-10 II C. com.), MRO from ECB decision of 4 June 2026',
          legal_individual: 'ECB decision of 4 June 2026',
          legal_other: 'ECB decision of 4 June 2026',
        },
      },
      {
        // No source: the file and line it was read from.
        half_year: '2027-H1', mro: '2.15', b2b: '12.15', legal_individual: '6.50', legal_other: '2.60', provisional: false, origin: 'user',
        sources: {
          mro: 'user-rates.yaml:3',
          b2b: 'MRO + 10 points (art. L441-10 II C. com.), MRO from user-rates.yaml:3',
          legal_individual: 'user-rates.yaml:3',
          legal_other: 'user-rates.yaml:3',
        },
      },
    ]);
  });

  it('carries forward from the last half-year of the file', async () => {
    const rows = tableRows((await rates('--rates', 'user-rates.yaml', '--today', '2027-07-01')).stdout);
    expect(rows.at(-1)).toEqual(['2027-H2', '2.15*', '12.15*', '6.50*', '2.60*']);
  });

  it('lets relance penalty compute in 2027-H1 with the same file', async () => {
    const r = await runRelanceInProcess(['penalty', '2000', '--due', '2027-01-31', '--paid', '2027-03-02', '--rates', 'user-rates.yaml', '--format', 'json'], { cwd: dir });
    // 28 days of February + 2 of March = 30 d at 12.15: 200 000 × 12.15 % × 30 / 365 = 1 997.26 c → 19.97; + 40 → 59.97
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({
      days_late: 30,
      periods: [{ from: '2027-02-01', to: '2027-03-02', days: 30, balance: '2000.00', rate: '12.15', interest: '19.97', provisional: false }],
      interest: '19.97', flat_fee: '40.00', total: '59.97', warnings: [],
    });
  });

  it('reads the file relance.yaml names', async () => {
    const here = await mkdtemp(join(tmpdir(), 'relance-rates-config-'));
    try {
      await cp(new URL('../fixtures/rates/user-rates.yaml', import.meta.url), join(here, 'my-rates.yaml'));
      await writeFile(join(here, 'relance.yaml'), 'invoices: factures.csv\nrates: my-rates.yaml\n');
      const r = await runRelanceInProcess(['rates', '--format', 'json', '--today', '2027-02-01'], { cwd: here });
      expect(r.code).toBe(0);
      const rows = JSON.parse(r.stdout) as JsonRow[];
      expect(rows.at(-1)).toMatchObject({ half_year: '2027-H1', origin: 'user', sources: { mro: 'my-rates.yaml:3' } });
    } finally {
      await rm(here, { recursive: true, force: true });
    }
  });

  it('refuses a bad rates file, with its line', async () => {
    expect(await rates('--rates', 'bad-rates.yaml')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'bad-rates.yaml:3: 2027-H1.mro: "2.15 pct" is not a rate in percent — write a number such as 2.40 (for 2.40 %), with at most four decimals\n' +
        'relance: 1 error, nothing was done.\n',
    });
  });

  it('refuses a rates file that does not exist', async () => {
    expect(await rates('--rates', 'missing.yaml')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'missing.yaml: file not found — check the path (paths in relance.yaml are relative to it)\nrelance: 1 error, nothing was done.\n',
    });
  });
});
