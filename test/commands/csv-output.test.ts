// CSV output is safe to open in Excel, through the built binary: a cell that a spreadsheet
// would run as a formula (=, +, -, @, tab, CR first) gets a leading ' (OWASP CSV
// injection), in status, log and rates; plain numbers such as -12.50 stay numbers.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelanceInProcess } from '../helpers/run-cli.js';

const TODAY = ['--today', '2026-11-22'];
const CONFIG = 'invoices: factures.csv\njournal: journal.jsonl\nrates: rates.yaml\ncreditor:\n  name: Atelier Dupont SARL\n  email: compta@atelier-dupont.example\n';
const INVOICES = [
  'number;client;amount;due_date',
  '@SUM(A1:A9);"=HYPERLINK(""http://evil.example"",""clic"")";1200;2026-10-31',
  'F-2;+33 1 23 45 67 89;100;2026-10-30',
  'F-3;-12.50;100;2026-10-29',
  'F-4;-2+3;100;2026-10-28',
  '',
].join('\n');
const JOURNAL = [
  { type: 'record', date: '2026-11-03', at: '2026-11-03T07:00:00.000Z', invoice: 'F-2', step: null, channel: null, message_id: null, subject: null, to: null, error: null, event: 'call', until: null, note: "=cmd|' /C calc'!A0", run: null },
  { type: 'record', date: '2026-11-04', at: '2026-11-04T07:00:00.000Z', invoice: 'F-3', step: null, channel: null, message_id: null, subject: null, to: null, error: null, event: 'call', until: null, note: '\tcaché', run: null },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-csv-'));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'relance.yaml'), CONFIG);
  await writeFile(join(dir, 'factures.csv'), INVOICES);
  await writeFile(join(dir, 'journal.jsonl'), `${JOURNAL.map((e) => JSON.stringify(e)).join('\n')}\n`);
  await writeFile(join(dir, 'rates.yaml'), '2026-H2: { mro: 2.40, legal_individual: 6.84, legal_other: 2.75, source: "@ECB" }\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const csvRows = (stdout: string): string[] => stdout.trimEnd().split('\n').slice(1);

describe('CSV cells that would run as formulas start with a quote', () => {
  it('status --format csv', async () => {
    const { code, stdout } = await runRelanceInProcess(['status', '--format', 'csv', ...TODAY], { cwd: dir });
    expect(code).toBe(0);
    // Worst first: number, client, status, balance…
    expect(csvRows(stdout).map((row) => row.slice(0, row.indexOf(',open,')))).toEqual([
      "F-4,'-2+3",
      'F-3,-12.50',
      "F-2,'+33 1 23 45 67 89",
      `'@SUM(A1:A9),"'=HYPERLINK(""http://evil.example"",""clic"")"`,
    ]);
  });

  it('log --format csv', async () => {
    const { code, stdout } = await runRelanceInProcess(['log', '--format', 'csv', ...TODAY], { cwd: dir });
    expect(code).toBe(0);
    const notes = csvRows(stdout).map((row) => row.split(',')[10]);
    expect(notes).toEqual(["'=cmd|' /C calc'!A0", "'\tcaché"]);
  });

  it('rates --format csv', async () => {
    const { code, stdout } = await runRelanceInProcess(['rates', '--format', 'csv', ...TODAY], { cwd: dir });
    expect(code).toBe(0);
    const row = csvRows(stdout).find((r) => r.startsWith('2026-H2,'))!;
    expect(row.split(',').slice(7, 8)).toEqual(["'@ECB"]);
  });
});
