// `relance status` through the built binary, as a user runs it: on the shipped examples,
// on a file alone, and on bad input.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelanceInProcess } from '../helpers/run-cli.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const FIXTURES = join(import.meta.dirname, '../fixtures/invoices');
const TODAY = ['--today', '2026-11-22'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-status-'));
  await cp(EXAMPLES, join(dir, 'examples'), { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const inExamples = () => ({ cwd: join(dir, 'examples') });
/** The table writes French amounts with no-break spaces (1 200,00 €): read them as spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('relance status on the examples', () => {
  it('prints the overdue invoices worst first as a table, with totals and aging below', async () => {
    const { code, stdout: raw } = await runRelanceInProcess(['status', ...TODAY], inExamples());
    expect(code).toBe(0);
    const stdout = plain(raw);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Overdue invoices on 22/11/2026');
    const rows = lines.filter((l) => /^ [FP]-\d{4}-\d{3} /.test(l)).map((l) => l.trim().split(/\s{2,}/)[0]);
    // Worst first: the most days late at the top; paid and not-yet-due ones are left out.
    expect(rows).toEqual(['F-2022-007', 'F-2025-088', 'F-2026-003', 'F-2026-009', 'P-2026-004', 'F-2026-017', 'P-2026-006', 'F-2026-014', 'P-2026-007', 'F-2026-019', 'F-2026-021', 'F-2026-020', 'F-2026-023']);
    const martin = lines.find((l) => l.includes('F-2026-014'))!;
    // 1 200,00 € at 12.40 % for 22 days = 120000 × 0.124 × 22 / 365 = 896.9 cents → 8,97 €
    expect(martin).toMatch(/Atelier Martin\s+open\s+31\/10\/2026\s+22 d\s+1 200,00 €\s+8,97 €\s+40,00 €\s+1 248,97 €\s+relance-2 15\/11\s+mise-en-demeure 30\/11/);
    expect(stdout).toContain('13 overdue invoices · balance 24 730,00 € ·');
    expect(stdout).toMatch(/Aging of unpaid balances: not yet due 1 980,00 € · 1–30 days 7 570,00 € · 31–60 3 610,00 € · 61–90 2 450,00 € · > 90 11 100,00 €/);
  });

  it('lists every invoice with its state with --all', async () => {
    const { code, stdout: raw } = await runRelanceInProcess(['status', '--all', ...TODAY], inExamples());
    expect(code).toBe(0);
    const stdout = plain(raw);
    expect(stdout.split('\n')[0]).toBe('All invoices on 22/11/2026');
    // Paid late: 640,00 € due 30/09, paid 12/10: 12 days at 12.40 % = 64000 × 0.124 × 12 / 365 = 260.9 → 2,61 €, plus the 40 €.
    expect(stdout).toMatch(/F-2026-011\s+Librairie Page\s+paid\s+30\/09\/2026\s+12 d\s+0,00 €\s+2,61 €\s+40,00 €\s+42,61 €/);
    expect(stdout).toMatch(/P-2026-002\s+Mme Sophie Marchal\s+paid/); // paid before the due date: nothing to claim
    expect(stdout).toMatch(/F-2026-025\s+Studio Nova\s+open\s+10\/12\/2026\s+–/);
    expect(stdout).toContain('16 invoices ·'); // 12 in factures.csv, 4 in particuliers.yaml
  });

  it('shows the worst --limit rows and says how many more there are', async () => {
    const { stdout } = await runRelanceInProcess(['status', '--limit', '3', ...TODAY], inExamples());
    expect(stdout.split('\n').filter((l) => /^ [FP]-/.test(l))).toHaveLength(3);
    expect(stdout).toContain('… and 10 more invoices (show them with --limit 13, or list every one with --format csv)');
    expect(stdout).toContain('13 overdue invoices'); // the totals still count them all
  });

  it('writes the JSON document of DESIGN.md, money as strings, every invoice listed', async () => {
    const { code, stdout, stderr } = await runRelanceInProcess(['status', '--format', 'json', ...TODAY], inExamples());
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual(['today', 'readings', 'invoices', 'totals', 'aging', 'warnings']);
    // The reading applied for each rule of LAW.md that has two (§ Finer points), here every default.
    expect(doc.readings).toEqual({ rate_mode: 'half-year', imputation: 'principal-first', floor: 'raise', end_of_month: 'days-then-eom' });
    expect(doc.today).toBe('2026-11-22');
    expect(doc.invoices).toHaveLength(13);
    expect(doc.invoices.find((i: { number: string }) => i.number === 'F-2026-014')).toEqual({
      number: 'F-2026-014',
      client: 'Atelier Martin',
      status: 'open',
      balance: '1200.00',
      due_date: '2026-10-31',
      days_late: 22,
      interest: '8.97',
      flat_fee: '40.00',
      total: '1248.97',
      last_step: 'relance-2',
      last_date: '2026-11-15',
      next_step: 'mise-en-demeure',
      next_date: '2026-11-30',
      limitation_date: '2031-10-31',
      provisional: false,
      interest_paid: '0.00',
      principal_left: '1200.00',
    });
    // As the table's total line says: 24 730.00 + 1 464.22 + 400.00.
    expect(doc.totals).toEqual({ count: 13, balance: '24730.00', interest: '1464.22', flat_fee: '400.00', total: '26594.22', provisional: false });
    expect(doc.aging).toEqual({ not_due: '1980.00', '1-30': '7570.00', '31-60': '3610.00', '61-90': '2450.00', '90+': '11100.00' });
    expect(doc.warnings).toContain('F-2022-007: the claim is time-barred after 2027-03-15 (5 years from the due date, art. L110-4 C. com.), in 113 days — a reminder does not interrupt it: act before then');
    // The document is alone on stdout; the warnings also go to stderr for a person.
    expect(stderr).toContain('warning: F-2022-007: the claim is time-barred');
  });

  it('shows a B2C invoice\'s interest from the day after the formal notice recorded in the journal', async () => {
    const { stdout } = await runRelanceInProcess(['status', '--format', 'json', ...TODAY], inExamples());
    const petit = JSON.parse(stdout).invoices.find((i: { number: string }) => i.number === 'P-2026-004');
    // Letter recorded on 31/10: 1/11 → 22/11 = 22 days at 2.75 %: 85000 × 0.0275 × 22 / 365 = 140.9 cents → 1.41; no €40 for a consumer.
    expect(petit).toMatchObject({ interest: '1.41', flat_fee: '0.00', total: '851.41' });
  });

  it('writes CSV with one header line and every invoice', async () => {
    const { code, stdout } = await runRelanceInProcess(['status', '--format', 'csv', '--all', ...TODAY], inExamples());
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('number,client,status,balance,due_date,days_late,interest,flat_fee,total,last_step,last_date,next_step,next_date,limitation_date,provisional,interest_paid,principal_left');
    expect(lines).toHaveLength(17); // the header and 16 invoices
    expect(lines).toContain('F-2026-014,Atelier Martin,open,1200.00,2026-10-31,22,8.97,40.00,1248.97,relance-2,2026-11-15,mise-en-demeure,2026-11-30,2031-10-31,false,0.00,1200.00');
  });

  it('colours by age only when asked to and never with NO_COLOR', async () => {
    const coloured = await runRelanceInProcess(['status', ...TODAY], { ...inExamples(), env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(coloured.stdout).toMatch(/\u001b\[/);
    const plain = await runRelanceInProcess(['status', ...TODAY], { ...inExamples(), env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    const flag = await runRelanceInProcess(['status', '--no-color', ...TODAY], { ...inExamples(), env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(flag.stdout).not.toMatch(/\u001b\[/);
  });

  it('takes its options before the command too (relance --today D status)', async () => {
    const before = await runRelanceInProcess(['--today', '2026-11-22', '--format', 'json', 'status'], inExamples());
    const after = await runRelanceInProcess(['status', '--today', '2026-11-22', '--format', 'json'], inExamples());
    expect(before.code).toBe(0);
    expect(before.stdout).toBe(after.stdout);
  });

  it('is quiet with --quiet: no warnings on stderr', async () => {
    const { stderr } = await runRelanceInProcess(['status', '--quiet', ...TODAY], inExamples());
    expect(stderr).toBe('');
  });
});

describe('relance status past the rate tables (LAW.md § Beyond the tables)', () => {
  const CARRIED =
    '2027-H1 is not in the rate tables yet: its rates are carried forward from 2026-H2 (ECB rate 2.40 %, B2B rate 12.40 %, legal rate 2.75 %) and the amounts computed with them are provisional — to confirm them, run relance rates --update for the ECB main refinancing rate in force on 1 January 2027, or write 2027-H1 in a rates file (relance rates --help shows how) with it and the legal interest rates published in the Journal officiel';

  it('carries the last known rates forward, stars the provisional figures and says so once (exit 0)', async () => {
    const { code, stdout: raw, stderr } = await runRelanceInProcess(['status', '--config', 'examples/relance.yaml', '--today', '2027-01-05'], { cwd: dir });
    expect(code).toBe(0);
    const stdout = plain(raw);
    const martin = stdout.split('\n').find((l) => l.includes('F-2026-014'))!;
    // 1 Nov – 31 Dec: 61 d at 12.40 (2026-H2) → 120 000 × 12.40 % × 61 / 365 = 2 486.79 c;
    // 1–5 Jan 2027: 5 d at 12.40 carried → 203.84 c; exact 2 690.63 → 26.91; 1 200 + 26.91 + 40 = 1 266.91
    expect(martin).toMatch(/Atelier Martin\s+open\s+31\/10\/2026\s+66 d\s+1 200,00 €\s+26,91 €\*\s+40,00 €\s+1 266,91 €\*\s/);
    // A consumer without a formal notice owes no interest yet: nothing provisional to star.
    expect(stdout.split('\n').find((l) => l.includes('P-2026-006'))).toMatch(/220,00 €\s+0,00 € \s+0,00 €\s+220,00 € \s/);
    expect(stdout).toMatch(/ · interest [\d ]+,\d\d €\* · fees [\d ]+,\d\d € · total claimable [\d ]+,\d\d €\*\n/);
    expect(stdout).toContain('* provisional: the interest uses rates not confirmed yet (carried forward past the rate tables, or marked provisional) — the warning says which and how to confirm them');
    expect(stderr.split('\n').filter((l) => l.includes('2027-H1'))).toEqual([`warning: ${CARRIED}`]);
  });

  it('says which figures are provisional in JSON, per invoice and in the totals', async () => {
    const { code, stdout } = await runRelanceInProcess(['status', '--config', 'examples/relance.yaml', '--today', '2027-01-05', '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const byNumber = (n: string) => doc.invoices.find((i: { number: string }) => i.number === n);
    expect(byNumber('F-2026-014')).toMatchObject({ interest: '26.91', total: '1266.91', provisional: true });
    expect(byNumber('P-2026-006')).toMatchObject({ interest: '0.00', provisional: false });
    expect(doc.totals.provisional).toBe(true);
    expect(doc.warnings).toContain(CARRIED);
  });

  it('carries forward from the last half-year of a rates file that extends the tables', async () => {
    await writeFile(join(dir, 'examples', 'rates-2027.yaml'), '2027-H1: { mro: 2.15, legal_individual: 6.50, legal_other: 2.60 }\n');
    const config = (await readFile(join(dir, 'examples', 'relance.yaml'), 'utf8')) + 'rates: rates-2027.yaml\n';
    await writeFile(join(dir, 'examples', 'with-rates.yaml'), config);
    const h1 = await runRelanceInProcess(['status', '--config', 'with-rates.yaml', '--today', '2027-06-30', '--format', 'json'], inExamples());
    expect(h1.code).toBe(0);
    expect(JSON.parse(h1.stdout).totals.provisional).toBe(false);
    const h2 = await runRelanceInProcess(['status', '--config', 'with-rates.yaml', '--today', '2027-07-05', '--format', 'json'], inExamples());
    expect(h2.code).toBe(0);
    const doc = JSON.parse(h2.stdout);
    expect(doc.totals.provisional).toBe(true);
    expect(doc.warnings).toContain(
      '2027-H2 is not in the rate tables yet: its rates are carried forward from 2027-H1 (ECB rate 2.15 %, B2B rate 12.15 %, legal rate 2.60 %) and the amounts computed with them are provisional — to confirm them, run relance rates --update for the ECB main refinancing rate in force on 1 July 2027, or write 2027-H2 in a rates file (relance rates --help shows how) with it and the legal interest rates published in the Journal officiel',
    );
  });
});

describe('relance status on a file alone', () => {
  it('runs on --invoices FILE without any relance.yaml', async () => {
    const { code, stdout } = await runRelanceInProcess(['status', '--invoices', join(FIXTURES, 'excel-windows-1252.csv'), '--format', 'json', ...TODAY], { cwd: dir });
    expect(code).toBe(0);
    const numbers = JSON.parse(stdout).invoices.map((i: { number: string }) => i.number);
    expect(numbers).toEqual(['FA-1001', 'FA-1002']); // FA-1003 was paid
  });

  it('says what to do when there is no relance.yaml', async () => {
    const { code, stdout, stderr } = await runRelanceInProcess(['status', ...TODAY], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'relance.yaml: no configuration file here — run "relance init" to create one, pass --config FILE, or run on a file alone with --invoices FILE\nrelance: 1 error, nothing was done.\n',
    );
  });
});

describe('relance status on bad input', () => {
  it('lists every problem with file, line and field, exits 2 and prints no table', async () => {
    const { code, stdout, stderr } = await runRelanceInProcess(['status', '--invoices', 'errors.csv', ...TODAY], { cwd: FIXTURES });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      'errors.csv:2: due_date: "31/02/2026" is not a real date — write dd/mm/yyyy or yyyy-mm-dd, e.g. 31/01/2026',
      'errors.csv:3: amount: "12,3,4" is not an amount — write it like 1234.56, 1 234,56 or 1.234,56 €',
      'errors.csv:4: email: "trois@@trois.example" is not an e-mail address — write one address per recipient, separated by ";"',
      'errors.csv:5: number: invoice "E-1" appears twice (first at errors.csv:2) — the rows of one invoice (one per line item or per payment) must follow each other; if these are two invoices, give them two numbers',
      'errors.csv:6: client: empty: every invoice needs a client — fill it in, or remove the line if it is not an invoice',
      'errors.csv:7: status: "bof" is not a status — use open, paid, disputed, paused, cancelled or insolvency (à régler, payée, payée en partie, litige, annulée, avoir, brouillon… work too), or name its state in relance.yaml: statuses: { "bof": open }',
      'errors.csv:8: email: "sept@sept.example\\nBcc: spy@evil.example" contains a line break — write one address per recipient, separated by ";"',
      'errors.csv:10: this line has 5 fields where the header has 6 — check for a ";" inside a value that is not in quotes',
      'errors.csv: warning: client_type: 1 client looks like a consumer (Client Quatre): nothing gives their client type, and their names carry a title (M., Mme…) or no company form (SARL, SAS, association…) and no SIREN — they are treated as consumers (b2c): no €40 fee and no B2B rate are claimed from them — if they are businesses, add a "Type client" column (b2b) or a SIREN column, or set client_type: b2b in relance.yaml',
      'relance: 8 errors, nothing was done.',
      '',
    ]);
  });

  it('names the config line of a bad setting', async () => {
    await writeFile(join(dir, 'bad.yaml'), 'invoices: examples/factures.csv\nrate_mode: monthly\ncreditor:\n  nmae: X\n');
    const { code, stderr } = await runRelanceInProcess(['status', '--config', 'bad.yaml', ...TODAY], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe(
      [
        'bad.yaml:2: rate_mode: "monthly" is not one of half-year, fixed — write one of: half-year, fixed',
        'bad.yaml:4: warning: nmae: unknown setting, ignored — did you mean "name"?',
        'relance: 1 error, nothing was done.',
        '',
      ].join('\n'),
    );
  });

  it('says which environment variable is missing, and does not stop for one a command does not need', async () => {
    await writeFile(join(dir, 'env.yaml'), 'invoices: ${RELANCE_TEST_INVOICES}\n');
    const { code, stderr } = await runRelanceInProcess(['status', '--config', 'env.yaml', ...TODAY], { cwd: dir, env: { RELANCE_TEST_INVOICES: undefined } });
    expect(code).toBe(2);
    expect(stderr.split('\n').slice(0, 2)).toEqual([
      'env.yaml:1: invoices: no invoices file named — add "invoices: factures.csv" (a CSV, .xlsx or YAML file, or a list of them)',
      'env.yaml:1: warning: invoices: ${RELANCE_TEST_INVOICES} is not set in the environment: the setting is left out — export RELANCE_TEST_INVOICES=… before running relance, or write the value itself',
    ]);
    const ok = await runRelanceInProcess(['status', '--config', 'env.yaml', ...TODAY], { cwd: dir, env: { RELANCE_TEST_INVOICES: 'examples/factures.csv' } });
    expect(ok.code).toBe(0);
    // An SMTP URL exported only for cron: status in a shell goes on, with a warning.
    await writeFile(join(dir, 'env2.yaml'), 'invoices: examples/factures.csv\nmail:\n  smtp: ${RELANCE_TEST_SMTP}\n');
    const shell = await runRelanceInProcess(['status', '--config', 'env2.yaml', ...TODAY], { cwd: dir, env: { RELANCE_TEST_SMTP: undefined } });
    expect(shell.code).toBe(0);
    expect(shell.stderr).toContain('env2.yaml:3: warning: mail.smtp: ${RELANCE_TEST_SMTP} is not set in the environment: the setting is left out');
  });

  it('refuses a date it cannot read in --today', async () => {
    const { code, stderr } = await runRelanceInProcess(['status', '--today', '22/11/2026'], inExamples());
    expect(code).toBe(2);
    expect(stderr).toBe('relance: --today "22/11/2026" is not a date — write it as YYYY-MM-DD, e.g. --today 2026-11-22\n');
  });

  it('refuses to guess a rate before the tables start', async () => {
    await writeFile(join(dir, 'old.csv'), ['Facture;Client;Échéance;Montant', 'O-1;Ancien SARL;15/11/2014;100,00', 'O-2;Ancien SARL;01/12/2014;200,00'].join('\n'));
    const { code, stdout, stderr } = await runRelanceInProcess(['status', '--invoices', 'old.csv', '--today', '2015-02-01'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    // Said once, at the first invoice that needs it, with a count of the others.
    expect(stderr).toBe("old.csv:2: due_date: O-1: no rate for 2014-H2: relance's tables start at 2015-H1 (and 1 other invoice) — add 2014-H2 to a rates file (rates: in relance.yaml)\nrelance: 1 error, nothing was done.\n");
  });
});

describe('relance status in a pipe', () => {
  it('stops quietly when the reader closes the pipe early (| head)', async () => {
    const { spawnSync } = await import('node:child_process');
    const bin = join(import.meta.dirname, '../../bin/relance');
    // Enough rows that the output overflows the pipe's buffer after head has gone.
    const rows = Array.from({ length: 20_000 }, (_, i) => `P-${i};Client ${i % 50};15/10/2026;1 000,00`);
    await writeFile(join(dir, 'many.csv'), ['Facture;Client;Échéance;Montant', ...rows].join('\n'));
    const r = spawnSync('bash', ['-c', `node "${bin}" status --invoices many.csv --format csv --quiet --today 2026-11-22 | head -1; echo "exit \${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toBe('number,client,status,balance,due_date,days_late,interest,flat_fee,total,last_step,last_date,next_step,next_date,limitation_date,provisional,interest_paid,principal_left\nexit 0\n');
    expect(r.stderr).toBe('');
  });
});

describe('relance status on an export with history and odd rows', () => {
  it('is not stopped by an old paid invoice beyond the rate tables, and says what it cannot compute', async () => {
    await writeFile(
      join(dir, 'history.csv'),
      ['Facture;Client;Échéance;Montant;Payé;Date de paiement;Statut', 'H-1;Ancien SARL;01/06/2014;100,00;100,00;15/06/2014;Payée', 'H-2;Récent SARL;15/10/2026;200,00;;;'].join('\n'),
    );
    const overdue = await runRelanceInProcess(['status', '--invoices', 'history.csv', '--format', 'json', ...TODAY], { cwd: dir });
    expect(overdue.code).toBe(0);
    expect(JSON.parse(overdue.stdout).invoices.map((i: { number: string }) => i.number)).toEqual(['H-2']);
    const all = await runRelanceInProcess(['status', '--all', '--invoices', 'history.csv', '--format', 'json', ...TODAY], { cwd: dir });
    expect(all.code).toBe(0);
    const doc = JSON.parse(all.stdout);
    expect(doc.invoices.find((i: { number: string }) => i.number === 'H-1')).toMatchObject({ status: 'paid', interest: '0.00', flat_fee: '0.00' });
    expect(doc.warnings).toContain('H-1: paid, but its interest for paying late is not computed: no rate for 2014-H1 in the tables — add it in a rates file to see it');
  });

  it('treats an invoice with a judgment date as in a collective proceeding, and leaves out other currencies', async () => {
    await writeFile(
      join(dir, 'odd.csv'),
      ['Facture;Client;Email;Échéance;Montant;Date du jugement;Date BODACC;Devise', 'J-1;Liquidée SARL;j@x.example;31/10/2026;1000,00;10/11/2026;15/11/2026;', 'U-1;Boston Inc;u@x.example;31/10/2026;500,00;;;USD'].join('\n'),
    );
    const { code, stdout, stderr } = await runRelanceInProcess(['status', '--invoices', 'odd.csv', '--format', 'json', ...TODAY], { cwd: dir });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.invoices.map((i: { number: string; status: string }) => [i.number, i.status])).toEqual([['J-1', 'insolvency']]);
    // Interest stops at the judgment: 1 to 9 November, 9 days on 1 000,00 € at 12.40 % = 100000 × 0.124 × 9 / 365 = 305.8 → 3,06 €.
    expect(doc.invoices[0]).toMatchObject({ interest: '3.06', next_step: null });
    expect(doc.warnings).toContain('J-1: collective proceeding — declare the claim to the court-appointed representative by 2027-01-15 (2 months from the BODACC publication, art. R622-24 C. com.)');
    expect(stderr).toContain('odd.csv:3: warning: currency: invoice U-1 is in USD: relance chases invoices in euros only (French penalties, the €40 fee, euro totals), so it is left out — chase it by hand, or remove the line to silence this');
  });
});

describe('relance status after an interrupted send', () => {
  it('shows the step whose outcome is unknown as uncertain, not as due', async () => {
    const copy = join(dir, 'interrupted');
    await cp(EXAMPLES, copy, { recursive: true });
    const intent = { type: 'intent', date: '2026-11-22', at: '2026-11-22T07:00:00.000Z', invoice: 'F-2026-019', step: 'relance-2', channel: 'email', message_id: '<relance.x@atelier-dupont.example>', subject: 'Reminder', to: ['accounts@northwind.example'], error: null, event: null, until: null, note: null, run: 'r' };
    await writeFile(join(copy, 'journal.jsonl'), `${await readFile(join(copy, 'journal.jsonl'), 'utf8')}${JSON.stringify(intent)}\n`);
    const { code, stdout } = await runRelanceInProcess(['status', ...TODAY], { cwd: copy });
    expect(code).toBe(0);
    expect(stdout).toMatch(/F-2026-019 .* relance-2 \(uncertain\)/);
  });
});
