// What a user meets when relance reads a real export, through the built binary: the status
// words and the `statuses:` map, workbooks and the files refused, a balance nobody knows,
// credit notes, clients that look like consumers, rows of one invoice that disagree, the
// configured time zone. Each behaviour in a few runs; the decisions behind them are tables
// in test/domain.

import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelanceInProcess } from '../helpers/run-cli.js';

const NOT_TABLES = join(import.meta.dirname, '../fixtures/not-tables');
const TODAY = ['--today', '2026-12-01'];
const CREDITOR = 'creditor:\n  name: Atelier Dupont SARL\n  email: compta@atelier-dupont.example\n';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'relance-loaders-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function folder(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) await writeFile(join(dir, file), content);
  return dir;
}

type Row = { number: string; client: string; status: string; balance: string; due_date: string; days_late: number; interest: string; flat_fee: string };
const rows = (stdout: string): Row[] => (JSON.parse(stdout) as { invoices: Row[] }).invoices;
const warnings = (stdout: string): string[] => (JSON.parse(stdout) as { warnings: string[] }).warnings;

describe('status words', () => {
  it('an unknown word is an error whose hint is the statuses: map that fixes it; with that map, the word is read', async () => {
    const csv = 'N° facture;Client;Montant TTC;Échéance;Statut\nF-1;Dupont SARL;1 200,00;31/10/2026;À facturer\nF-2;Dupont SARL;600,00;31/10/2026;Payée\n';
    const alone = await folder('statuses-alone', { 'factures.csv': csv });
    const refused = await runRelanceInProcess(['status', '--invoices', 'factures.csv', ...TODAY], { cwd: alone });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'factures.csv:2: status: "À facturer" is not a status — use open, paid, disputed, paused, cancelled or insolvency (à régler, payée, payée en partie, litige, annulée, avoir, brouillon… work too), or name its state in relance.yaml: statuses: { "À facturer": open }\nrelance: 1 error, nothing was done.\n',
    );
    const mapped = await folder('statuses-mapped', { 'factures.csv': csv, 'relance.yaml': `invoices: factures.csv\nstatuses: { "À facturer": open }\n${CREDITOR}` });
    const read = await runRelanceInProcess(['status', '--all', '--format', 'json', ...TODAY], { cwd: mapped });
    expect(read.code).toBe(0);
    expect(rows(read.stdout).map((r) => [r.number, r.status, r.balance])).toEqual([['F-1', 'open', '1200.00'], ['F-2', 'paid', '0.00']]);
    const typo = await folder('statuses-typo', { 'factures.csv': csv, 'relance.yaml': `invoices: factures.csv\nstatuses: { "À facturer": opne }\n${CREDITOR}` });
    expect((await runRelanceInProcess(['status', ...TODAY], { cwd: typo })).stderr).toBe('relance.yaml:2: statuses.À facturer: "opne" is not a state — did you mean "open"?\nrelance: 1 error, nothing was done.\n');
  });
});

describe('workbooks, and the files that are no table of invoices', () => {
  it('an .xlsx written without date formats: serial numbers in date columns are days, numbers are amounts, `sheet:` picks the sheet', async () => {
    const bytes = await writeExcelFile([
      { sheet: 'Notes', data: [['Rien à voir'], ['x']] },
      {
        sheet: 'Factures 2026',
        data: [
          ['Export Axonaut — factures clients'],
          [],
          ['Numéro', 'Société', 'Date', "Date d'échéance", 'Montant TTC', 'Montant payé', 'Statut'],
          // 46296 and 46326: 1 October and 31 October 2026 as Excel counts days, no date format.
          ['FX-1', 'Dupont SARL', 46296, 46326, 1200, 200.5, 'En retard'],
          ['FX-2', 'Dupont SARL', 46296, 46326, 99.99, 0, 'Payée'],
          ['Total', null, null, null, 1299.99, 200.5, null],
        ],
      },
    ]).toBuffer();
    const dir = await folder('xlsx', { 'factures.xlsx': bytes, 'relance.yaml': `invoices: factures.xlsx\nsheet: factures 2026\n${CREDITOR}` });
    const { code, stdout, stderr } = await runRelanceInProcess(['status', '--all', '--format', 'json', ...TODAY], { cwd: dir });
    expect(stderr).toBe('factures.xlsx: warning: 1 row skipped as totals, subtotals or group headings (line 6) — nothing to do: such rows are no invoices\n');
    expect(code).toBe(0);
    expect(rows(stdout).map((r) => [r.number, r.status, r.balance, r.due_date, r.days_late])).toEqual([
      ['FX-1', 'open', '999.50', '2026-10-31', 31],
      ['FX-2', 'paid', '0.00', '2026-10-31', 0],
    ]);
    const unknown = await folder('xlsx-sheet', { 'factures.xlsx': bytes, 'relance.yaml': `invoices: factures.xlsx\nsheet: Relances\n${CREDITOR}` });
    expect((await runRelanceInProcess(['status', ...TODAY], { cwd: unknown })).stderr).toBe(
      'factures.xlsx: sheet: no sheet named "Relances" in this workbook (sheets: "Notes", "Factures 2026") — name one of them under sheet: in relance.yaml\nrelance: 1 error, nothing was done.\n',
    );
  });

  it('an Excel 97 file, a web page saved as .xls, a PDF, a binary: one sentence each, exit 2, never their bytes', async () => {
    const dir = join(root, 'refused');
    await mkdir(dir, { recursive: true });
    await cp(join(NOT_TABLES, 'factures-excel97.xls'), join(dir, 'factures-excel97.xls'));
    await cp(join(NOT_TABLES, 'factures-web.xls'), join(dir, 'factures-web.xls'));
    await writeFile(join(dir, 'facture.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x8f)]));
    await writeFile(join(dir, 'photo.csv'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000, 7)]));
    const said: string[] = [];
    for (const file of ['factures-excel97.xls', 'factures-web.xls', 'facture.pdf', 'photo.csv']) {
      const { code, stdout, stderr } = await runRelanceInProcess(['status', '--invoices', file, ...TODAY], { cwd: dir });
      expect([code, stdout]).toEqual([2, '']);
      said.push(stderr);
    }
    expect(said).toEqual([
      'factures-excel97.xls: this is an Excel 97–2003 file (.xls) — save it as .xlsx or as CSV (séparateur point-virgule)\nrelance: 1 error, nothing was done.\n',
      'factures-web.xls: this is a web page (HTML) saved with an .xls name — open it in Excel and save it as .xlsx or CSV\nrelance: 1 error, nothing was done.\n',
      'facture.pdf: this is a PDF, not a table of invoices — export the invoices from your tool as CSV or Excel\nrelance: 1 error, nothing was done.\n',
      'photo.csv: this is an image (PNG), not a table of invoices — export the invoices from your tool as CSV or Excel\nrelance: 1 error, nothing was done.\n',
    ]);
  });
});

describe('what the file does not say is never guessed', () => {
  const CSV = 'N° facture;Client;Email;Montant TTC;Échéance;Statut;Montant encaissé;Commentaire\nF-1;Dupont SARL;compta@dupont.example;1 000,00;01/11/2026;Payée en partie;;appel du 12/11\nF-2;Dupont SARL;compta@dupont.example;500,00;01/11/2026;Partiellement payée;200,00;\n';

  it('partly paid with no amount: listed as balance-unknown, named in a warning, no reminder — until paid-by-hand --amount says how much', async () => {
    const dir = await folder('unknown', { 'factures.csv': CSV, 'relance.yaml': `invoices: factures.csv\njournal: journal.jsonl\n${CREDITOR}` });
    const status = await runRelanceInProcess(['status', '--all', '--format', 'json', ...TODAY], { cwd: dir });
    expect(status.code).toBe(0);
    expect(rows(status.stdout).map((r) => [r.number, r.status, r.balance, r.days_late, r.interest, r.flat_fee])).toEqual([
      ['F-1', 'balance-unknown', '1000.00', 30, '0.00', '0.00'],
      ['F-2', 'open', '300.00', 30, '3.06', '40.00'],
    ]);
    expect(warnings(status.stdout)).toEqual([
      'factures.csv:1: warning: column not used: "Commentaire" — relance reads no invoice field from it; if one holds one (a paid amount, a due date…), map it under columns: in relance.yaml, e.g. columns: { "Encaissé TTC": paid_amount }',
      'factures.csv:2: warning: status: 1 invoice (F-1, line 2) is marked partly paid, and the file gives no paid amount or balance: listed as "balance-unknown", with no interest or fee, and not reminded until the balance is known — export the paid amount or the balance ("Montant encaissé", "Reste à payer"), or record what was paid: relance record F-1 paid-by-hand --amount 500',
    ]);
    // check lists the unused column too.
    expect((await runRelanceInProcess(['check', ...TODAY], { cwd: dir })).stdout).toContain('factures.csv:1: warning: column not used: "Commentaire"');
    const before = await runRelanceInProcess(['send', '--dry-run', '--format', 'json', ...TODAY], { cwd: dir });
    expect(JSON.parse(before.stdout).actions.map((a: { invoices: string[] }) => a.invoices)).toEqual([['F-2']]);

    const recorded = await runRelanceInProcess(['record', 'F-1', 'paid-by-hand', '--amount', '400', '--date', '2026-11-20', ...TODAY], { cwd: dir });
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toMatch(/^F-1: payment by hand of 400,00 € recorded on 20\/11\/2026 — 600,00 € left to pay \("relance record F-1 resume" undoes it\); next step /);
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).toContain('"event":"paid-by-hand","until":null,"note":null,"run":null,"amount":"400.00"}');
    const after = await runRelanceInProcess(['status', '--all', '--format', 'json', ...TODAY], { cwd: dir });
    expect(rows(after.stdout).find((r) => r.number === 'F-1')).toMatchObject({ status: 'open', balance: '600.00', days_late: 30, flat_fee: '40.00' });
    const sent = await runRelanceInProcess(['send', '--dry-run', '--format', 'json', ...TODAY], { cwd: dir });
    expect(JSON.parse(sent.stdout).actions.flatMap((a: { invoices: string[] }) => a.invoices)).toEqual(['F-1', 'F-2']);
    const tooMuch = await runRelanceInProcess(['record', 'F-2', 'paid-by-hand', '--amount', '350', ...TODAY], { cwd: dir });
    expect([tooMuch.code, tooMuch.stderr]).toEqual([2, 'relance: --amount 350,00 € is more than the 300,00 € left to pay on F-2 — a payment of the whole balance is "paid-by-hand" without --amount\nrelance: 1 error, nothing was recorded.\n']);
  });
});

describe('credit notes', () => {
  it('a credit note reduces the invoice it names; what is left is an unallocated credit, under the totals and deducted in the reminder', async () => {
    const csv = [
      'N° facture;Client;Email;Date;Échéance;Montant TTC;Statut;Facture d’origine',
      'F-1;Dupont SARL;compta@dupont.example;01/10/2026;31/10/2026;1 000,00;En retard;',
      'AV-1;Dupont SARL;compta@dupont.example;15/10/2026;;-300,00;Avoir;F-1',
      'AV-2;Dupont SARL;compta@dupont.example;20/10/2026;;50,00;Avoir;F-9',
      'F-3;Dupont SARL;compta@dupont.example;01/11/2026;01/12/2026;200,00;Émise;',
      'AV-3;Dupont SARL;compta@dupont.example;25/11/2026;;-300,00;Avoir;F-3',
    ].join('\n');
    const dir = await folder('credits', { 'factures.csv': csv, 'relance.yaml': `invoices: factures.csv\n${CREDITOR}` });
    const table = await runRelanceInProcess(['status', ...TODAY], { cwd: dir });
    expect(table.code).toBe(0);
    const plain = table.stdout.replace(/[\u00a0\u202f]/g, ' ');
    // F-1: 1 000,00 less AV-1 (300,00) and AV-2 (50,00, for an invoice not in the file: the oldest open one) = 650,00.
    expect(plain).toMatch(/F-1\s+Dupont SARL\s+open\s+31\/10\/2026\s+31 d\s+650,00 €/);
    expect(plain).toContain('Unallocated credits: 100,00 € (Dupont SARL 100,00 €) — deducted in those clients\' reminders');
    expect(table.stderr).toContain('factures.csv:6: warning: amount: Dupont SARL has 100,00 € of credit notes (AV-3) left over, with no open invoice to reduce: an unallocated credit, deducted in their reminders');
    expect(table.stderr).toContain('factures.csv:4: warning: credit_for: credit note AV-2 is for invoice "F-9", which is not in the files: it goes to Dupont SARL\'s oldest open invoices');
    const send = await runRelanceInProcess(['send', '--dry-run', ...TODAY], { cwd: dir });
    expect(send.code).toBe(0);
    expect(send.stdout.replace(/[\u00a0\u202f]/g, ' ')).toContain('Avoir en votre faveur (AV-3) : 100,00 €, à déduire de ce montant.');
  });
});

describe('clients that look like consumers', () => {
  const csv = 'N° facture;Client;Email;Montant TTC;Échéance\nF-1;M. Jean Petit;jp@mail.example;1 000,00;31/10/2026\nF-2;Lucie Bernard;lucie.bernard@mail.example;1 000,00;31/10/2026\nF-3;Dupont SARL;compta@dupont.example;1 000,00;31/10/2026\n';

  it('no €40 and no B2B rate claimed from them, said in one warning; client_type: b2b in relance.yaml claims them', async () => {
    const alone = await folder('consumers', { 'factures.csv': csv });
    const guessed = await runRelanceInProcess(['status', '--invoices', 'factures.csv', '--all', '--format', 'json', ...TODAY], { cwd: alone });
    expect(rows(guessed.stdout).map((r) => [r.number, r.interest, r.flat_fee])).toEqual([['F-3', '10.53', '40.00'], ['F-1', '0.00', '0.00'], ['F-2', '0.00', '0.00']]);
    expect(warnings(guessed.stdout)[0]).toBe(
      'factures.csv: warning: client_type: 2 clients look like consumers (M. Jean Petit, Lucie Bernard): nothing gives their client type, and their names carry a title (M., Mme…) or no company form (SARL, SAS, association…) and no SIREN — they are treated as consumers (b2c): no €40 fee and no B2B rate are claimed from them — if they are businesses, add a "Type client" column (b2b) or a SIREN column, or set client_type: b2b in relance.yaml',
    );
    const said = await folder('consumers-b2b', { 'factures.csv': csv, 'relance.yaml': `invoices: factures.csv\nclient_type: b2b\n${CREDITOR}` });
    const claimed = await runRelanceInProcess(['status', '--all', '--format', 'json', ...TODAY], { cwd: said });
    expect(rows(claimed.stdout).map((r) => r.flat_fee)).toEqual(['40.00', '40.00', '40.00']);
    expect(claimed.stderr).toBe('');
  });
});

describe('the rows of one invoice, and the time zone', () => {
  it('rows of one number that disagree are an error naming both lines; a repeat away from its rows is "appears twice"', async () => {
    const csv = 'N° facture;Client;Montant TTC;Échéance\nF-1;Dupont SARL;1 200,00;31/10/2026\nF-1;Dupont SA;1 200,00;31/10/2026\nF-2;Dupont SARL;10,00;31/10/2026\nF-2;Dupont SARL;10,00;31/10/2026\nF-3;Dupont SARL;10,00;31/10/2026\nF-2;Dupont SARL;10,00;31/10/2026\n';
    const dir = await folder('merge', { 'factures.csv': csv });
    const { code, stderr } = await runRelanceInProcess(['status', '--invoices', 'factures.csv', ...TODAY], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe(
      [
        'factures.csv:3: client: invoice "F-1" is on lines 2 and 3, which disagree on its client ("Dupont SARL" and "Dupont SA") — the rows of one invoice (one per line item or per payment) must agree on its own fields; if these are two invoices, give them two numbers',
        'factures.csv:7: number: invoice "F-2" appears twice (first at factures.csv:4) — the rows of one invoice (one per line item or per payment) must follow each other; if these are two invoices, give them two numbers',
        'relance: 2 errors, nothing was done.',
        '',
      ].join('\n'),
    );
  });

  it('a timestamp with a zone falls on its day in the configured time zone', async () => {
    const csv = 'N° facture;Client;Montant TTC;Échéance\nF-1;Dupont SARL;100,00;2026-10-31T23:30:00Z\n';
    const paris = await folder('zone-paris', { 'factures.csv': csv, 'relance.yaml': `invoices: factures.csv\n${CREDITOR}` });
    const martinique = await folder('zone-martinique', { 'factures.csv': csv, 'relance.yaml': `invoices: factures.csv\ntimezone: America/Martinique\n${CREDITOR}` });
    const due = async (dir: string) => rows((await runRelanceInProcess(['status', '--all', '--format', 'json', ...TODAY], { cwd: dir })).stdout)[0]!.due_date;
    expect([await due(paris), await due(martinique)]).toEqual(['2026-11-01', '2026-10-31']);
  });
});
