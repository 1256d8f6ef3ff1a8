// The loaders on exports as people have them: hand-written fixtures in each encoding and
// style (test/fixtures/invoices), and small files written to a temp folder.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay } from '../../src/domain/dates.js';
import type { Invoice } from '../../src/domain/invoice.js';
import { DEFAULT_INVOICE_DEFAULTS as NOTHING_SET } from '../../src/domain/invoice-record.js';
import { parsePaymentTerms } from '../../src/domain/payment-terms.js';
import { loadInvoices } from '../../src/io/invoices.js';
import { formatIssue, sortIssues } from '../../src/render/issues.js';

// As the CLI shows them: errors first, in file and line order.
const shown = (issues: Parameters<typeof sortIssues>[0]) => sortIssues(issues).map(formatIssue);

const FIXTURES = join(import.meta.dirname, '../fixtures/invoices');
// These files are about reading: their clients are businesses, as `client_type: b2b` says
// (a client's name deciding its type is tested in test/domain/client-type-guess.test.ts).
const DEFAULT_INVOICE_DEFAULTS = { ...NOTHING_SET, clientType: 'b2b' as const };
const cwd = FIXTURES;

async function load(file: string, defaults = DEFAULT_INVOICE_DEFAULTS, columns?: Map<string, never>) {
  const { invoices, issues } = await loadInvoices({ files: [join(FIXTURES, file)], cwd, defaults, columns });
  return { invoices, issues: shown(issues), byNumber: new Map(invoices.map((i) => [i.number, i])) };
}

const day = (iso: string) => parseIsoDay(iso)!;
const payments = (invoice: Invoice | undefined) => invoice?.payments.map((p) => [p.date === null ? null : formatIsoDay(p.date), p.amount]);

describe('CSV exports', () => {
  it('reads a Windows-1252 export from Excel: ";", CRLF, no-break spaces, French headers', async () => {
    const { invoices, issues, byNumber } = await load('excel-windows-1252.csv');
    // Columns relance does not read are named once, so that one it should read is seen.
    expect(issues).toEqual(['excel-windows-1252.csv:1: warning: columns not used: "Montant HT", "TVA" — relance reads no invoice field from them; if one holds one (a paid amount, a due date…), map it under columns: in relance.yaml, e.g. columns: { "Encaissé TTC": paid_amount }']);
    expect(invoices.map((i) => i.number)).toEqual(['FA-1001', 'FA-1002', 'FA-1003']);
    const first = byNumber.get('FA-1001')!;
    expect(first.client).toBe('Société Générale des Eaux'); // é decoded from 0xE9
    expect(first.amount).toBe(120000); // "Montant TTC", not "Montant HT"
    expect(first.dueDate).toBe(day('2026-10-05'));
    expect(first.emails).toEqual(['compta@sge.example']);
    expect(first.source).toEqual({ file: 'excel-windows-1252.csv', line: 2 });
    expect(byNumber.get('FA-1002')!.client).toBe('Crêperie Ker Breizh');
    expect(payments(byNumber.get('FA-1002'))).toEqual([['2026-10-20', 100000]]);
    expect(byNumber.get('FA-1002')!.status).toBe('open');
    expect(byNumber.get('FA-1003')!.status).toBe('paid');
    expect(payments(byNumber.get('FA-1003'))).toEqual([['2026-10-28', 60000]]);
  });

  it('reads UTF-8 with a BOM, narrow no-break spaces, € signs, dotted dates and a multi-line quoted note', async () => {
    const { invoices, issues, byNumber } = await load('pennylane-utf8-bom.csv');
    expect(issues).toEqual(['pennylane-utf8-bom.csv:1: warning: column not used: "Commentaire" — relance reads no invoice field from it; if one holds one (a paid amount, a due date…), map it under columns: in relance.yaml, e.g. columns: { "Encaissé TTC": paid_amount }']);
    expect(invoices).toHaveLength(3);
    const big = byNumber.get('2026-041')!; // the BOM did not stick to the first header
    expect(big.amount).toBe(1248000);
    expect(big.issueDate).toBe(day('2026-09-01'));
    expect(big.payments).toEqual([]); // "Reste à payer" equal to the amount: nothing paid
    const partly = byNumber.get('2026-042')!;
    expect(partly.amount).toBe(123456); // 1.234,56 €
    expect(partly.emails).toEqual(['dufour@cabinet.example', 'secretariat@cabinet.example']);
    expect(payments(partly)).toEqual([[null, 100000]]); // balance 234,56: 1000,00 paid, date unknown
    expect(partly.dueDate).toBe(day('2026-10-15'));
    const paid = byNumber.get('2026-043')!;
    expect(paid.status).toBe('paid');
    expect(paid.source.line).toBe(5); // the quoted note took lines 3 and 4
  });

  it('reads an English export: "," separators, quoted amounts with thousands commas, ISO dates', async () => {
    const { issues, byNumber } = await load('english-comma.csv');
    expect(issues).toEqual([]);
    expect(byNumber.get('INV-0007')!.amount).toBe(123456);
    expect(byNumber.get('INV-0007')!.language).toBe('en');
    const smith = byNumber.get('INV-0008')!;
    expect(smith.client).toBe('Smith, Jones & Co');
    expect(smith.amount).toBe(200000);
    expect(payments(smith)).toEqual([['2026-10-20', 50000]]);
    expect(byNumber.get('INV-0009')!.clientType).toBe('b2c');
  });

  it('computes due dates from payment terms in a tab-separated file', async () => {
    const { issues, byNumber } = await load('terms-tab.csv');
    expect(issues).toEqual([]);
    const due = (n: string) => formatIsoDay(byNumber.get(n)!.dueDate);
    expect(due('T-1')).toBe('2026-09-09'); // 10/08 + 30 days
    expect(due('T-2')).toBe('2026-09-30'); // 10/08 + 45 days = 24/09, then end of month
    expect(due('T-3')).toBe('2026-08-10'); // à réception
    expect(due('T-4')).toBe('2026-10-30'); // 31/08 + 60 days
    expect(due('T-5')).toBe('2026-09-09'); // 30 days
  });

  it('reads "45 jours fin de mois" the other way when the config says so', async () => {
    const { byNumber } = await load('terms-tab.csv', { ...DEFAULT_INVOICE_DEFAULTS, endOfMonthRule: 'eom-then-days' });
    expect(formatIsoDay(byNumber.get('T-2')!.dueDate)).toBe('2026-10-15'); // 31/08 + 45 days
  });

  it('reports every bad row at once, each with file, line, field and a hint', async () => {
    const { invoices, issues } = await load('errors.csv');
    expect(invoices).toEqual([]);
    expect(issues).toEqual([
      'errors.csv:2: due_date: "31/02/2026" is not a real date — write dd/mm/yyyy or yyyy-mm-dd, e.g. 31/01/2026',
      'errors.csv:3: amount: "12,3,4" is not an amount — write it like 1234.56, 1 234,56 or 1.234,56 €',
      'errors.csv:4: email: "trois@@trois.example" is not an e-mail address — write one address per recipient, separated by ";"',
      'errors.csv:5: number: invoice "E-1" appears twice (first at errors.csv:2) — the rows of one invoice (one per line item or per payment) must follow each other; if these are two invoices, give them two numbers',
      'errors.csv:6: client: empty: every invoice needs a client — fill it in, or remove the line if it is not an invoice',
      'errors.csv:7: status: "bof" is not a status — use open, paid, disputed, paused, cancelled or insolvency (à régler, payée, payée en partie, litige, annulée, avoir, brouillon… work too), or name its state in relance.yaml: statuses: { "bof": open }',
      'errors.csv:8: email: "sept@sept.example\\nBcc: spy@evil.example" contains a line break — write one address per recipient, separated by ";"',
      'errors.csv:10: this line has 5 fields where the header has 6 — check for a ";" inside a value that is not in quotes',
    ]);
  });
});

describe('YAML invoices', () => {
  it('reads French keys, a payments list and tags', async () => {
    const { issues, byNumber } = await load('hand-kept.yaml');
    expect(issues).toEqual([]);
    const y1 = byNumber.get('Y-1')!;
    expect(y1.amount).toBe(150000);
    expect(payments(y1)).toEqual([
      ['2026-10-10', 50000],
      ['2026-10-20', 25050],
    ]);
    expect(y1.tags).toEqual(['fidele', 'grand-compte']);
    expect(y1.source.line).toBe(2);
    const y2 = byNumber.get('Y-2')!;
    expect(y2.clientType).toBe('b2c');
    expect(y2.language).toBe('en');
    expect(formatIsoDay(y2.dueDate)).toBe('2026-10-15'); // 15/09 + 30 jours
    expect(y2.noticeDate).toBe(day('2026-11-02'));
    expect(y2.source.line).toBe(13);
  });
});

describe('small files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'relance-loaders-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function loadText(name: string, text: string | Buffer, extra: Partial<typeof DEFAULT_INVOICE_DEFAULTS> = {}) {
    await writeFile(join(dir, name), text);
    const { invoices, issues } = await loadInvoices({ files: [join(dir, name)], cwd: dir, defaults: { ...DEFAULT_INVOICE_DEFAULTS, ...extra } });
    return { invoices, issues: shown(issues) };
  }

  it('names the columns it lacks, and the ones it found', async () => {
    const { issues } = await loadText('missing.csv', 'Ref;Nom;Somme\nA;B;1\n');
    expect(issues).toEqual([
      'missing.csv:1: number: no column for the number (columns found: "Ref", "Nom", "Somme") — name one "N° facture", "N° de facture", "Numéro", or map yours under columns: in relance.yaml',
      'missing.csv:1: client: no column for the client (columns found: "Ref", "Nom", "Somme") — name one "Client", "Nom du client", "Nom client", or map yours under columns: in relance.yaml',
      'missing.csv:1: amount: no column for the amount (columns found: "Ref", "Nom", "Somme") — name one "Montant TTC", "Total TTC", "TTC", or map yours under columns: in relance.yaml',
      'missing.csv:1: due_date: no column for the due date (columns found: "Ref", "Nom", "Somme") — name one "Échéance", "Date d\'échéance", "Date échéance", or map yours under columns: in relance.yaml',
    ]);
  });

  it('maps any header through the config\'s columns:', async () => {
    await writeFile(join(dir, 'mapped.csv'), 'Ref;Nom;Somme;Limite\nA-1;Bob;12,50;01/12/2026\n');
    const columns = new Map([['ref', 'number'], ['nom', 'client'], ['somme', 'amount'], ['limite', 'due_date']] as const);
    const { invoices, issues } = await loadInvoices({ files: [join(dir, 'mapped.csv')], cwd: dir, defaults: DEFAULT_INVOICE_DEFAULTS, columns });
    expect(issues).toEqual([]);
    expect(invoices[0]).toMatchObject({ number: 'A-1', client: 'Bob', amount: 1250, dueDate: day('2026-12-01') });
  });

  it('uses the config\'s payment terms when a row has no due date', async () => {
    const { invoices, issues } = await loadText('noterms.csv', 'Facture;Client;Date;Montant\nN-1;Zeta;01/10/2026;100\n', { paymentTerms: parsePaymentTerms('30 jours') });
    expect(issues).toEqual([]);
    expect(formatIsoDay(invoices[0]!.dueDate)).toBe('2026-10-31');
  });

  it('counts the legal 30 days from the delivery when nothing was agreed (L441-10 I), the invoice date standing in', async () => {
    const { invoices, issues } = await loadText(
      'nodue.csv',
      'Facture;Client;Type client;Date;Date de livraison;Échéance;Montant\nN-1;Zeta;pro;01/10/2026;;;100\nN-2;Zeta;pro;01/10/2026;15/09/2026;;100\nN-3;Mairie;collectivité;01/10/2026;15/10/2026;;100\nN-4;Zeta;pro;;;;100\n',
    );
    expect(invoices.map((i) => [i.number, formatIsoDay(i.dueDate), i.dueDateSource])).toEqual([
      ['N-1', '2026-10-31', 'legal-term'],
      ['N-2', '2026-10-15', 'legal-term'],
      // a public buyer: 30 days from the payment request, or from the delivery when it came later (R2192-12, R2192-13)
      ['N-3', '2026-11-14', 'legal-term'],
    ]);
    expect(issues).toEqual([
      'nodue.csv:5: due_date: no due date, no payment terms, and no delivery or invoice date to count the legal term from — add a due date (Échéance), payment terms (30 jours), payment_terms: in relance.yaml, or the delivery date (the legal 30 days run from it, art. L441-10 I C. com.)',
    ]);
  });

  it('takes the invoice date as a consumer\'s due date when nothing was agreed, and says so', async () => {
    const { invoices, issues } = await loadText('conso.csv', 'Facture;Client;Type client;Date;Delivery date;Due date;Amount\nP-1;Jeanne;particulier;01/10/2026;20/09/2026;;100\n');
    expect(invoices.map((i) => [formatIsoDay(i.dueDate), i.dueDateSource, formatIsoDay(i.deliveryDate!)])).toEqual([['2026-10-01', 'on-performance', '2026-09-20']]);
    expect(issues).toEqual([
      'conso.csv:2: warning: due_date: P-1: no due date and no payment terms for a consumer, and no legal term applies (the price is due on performance unless agreed): the invoice date 2026-10-01 is taken as the due date — add the due date or the terms agreed with the client',
    ]);
  });

  it('reads Excel\'s "sep=" line and keeps line numbers right', async () => {
    const { invoices, issues } = await loadText('sep.csv', 'sep=;\r\nFacture;Client;Échéance;Montant\r\nS-1;Un;01/10/2026;1,5\r\nS-2;Deux;32/10/2026;2\r\n');
    expect(invoices.map((i) => i.amount)).toEqual([150]);
    expect(issues).toEqual(['sep.csv:4: due_date: "32/10/2026" is not a real date — write dd/mm/yyyy or yyyy-mm-dd, e.g. 31/01/2026']);
  });

  it('counts lines right with a BOM, CRLF and a quoted value over three lines', async () => {
    const text = '\ufeffFacture;Client;Note;Échéance;Montant\r\nL-1;Un;"ligne 1\r\nligne 2\r\nligne 3";01/10/2026;1\r\n\r\nL-2;Deux;;01/10/2026;zéro\r\n';
    const { invoices, issues } = await loadText('crlf.csv', Buffer.from(text, 'utf8'));
    expect(invoices.map((i) => [i.number, i.source.line])).toEqual([['L-1', 2]]);
    expect(issues).toEqual([
      'crlf.csv:6: amount: "zéro" is not an amount — write it like 1234.56, 1 234,56 or 1.234,56 €',
      'crlf.csv:1: warning: column not used: "Note" — relance reads no invoice field from it; if one holds one (a paid amount, a due date…), map it under columns: in relance.yaml, e.g. columns: { "Encaissé TTC": paid_amount }',
    ]);
  });

  it('reads a character split across two read chunks', async () => {
    // "é" (2 bytes in UTF-8) lands across the 256 KiB chunk boundary of the reader.
    const head = 'Facture;Client;Échéance;Montant\n';
    // Rows up to just before the boundary, so the client's name stays a name (under 10 000 characters).
    let filler = '';
    let bytes = Buffer.byteLength(head);
    for (let i = 0; 256 * 1024 - bytes > 200; i++) {
      const row = `X-${i};Client ${i};01/10/2026;1\n`;
      filler += row;
      bytes += Buffer.byteLength(row);
    }
    const pad = 'a'.repeat(256 * 1024 - Buffer.byteLength(head + filler) - 'Y-1;'.length - 1);
    const text = `${head}${filler}Y-1;${pad}é;01/10/2026;2\n`;
    const { invoices, issues } = await loadText('split.csv', text);
    expect(issues).toEqual([]);
    expect(invoices.at(-1)!.client).toBe(`${pad}é`);
  });

  it('skips empty lines and lines of empty fields, keeping line numbers', async () => {
    const { issues } = await loadText('blank.csv', 'Facture;Client;Échéance;Montant\n\n;;;\nB-1;Un;01/10/2026;abc\n');
    expect(issues).toEqual(['blank.csv:4: amount: "abc" is not an amount — write it like 1234.56, 1 234,56 or 1.234,56 €']);
  });

  it('a credit note is never chased; with no invoice of its client to reduce, it is an unallocated credit, said once', async () => {
    const { invoices, issues } = await loadText('avoir.csv', 'Facture;Client;Échéance;Montant\nAV-1;Un;01/10/2026;-120,00\n');
    expect(invoices).toEqual([]);
    expect(issues).toEqual(['avoir.csv:2: warning: amount: Un has 120,00 € of credit notes (AV-1) left over, with no open invoice to reduce: an unallocated credit, deducted in their reminders — refund it, or name the invoice it is for in a credit_for column (Facture d’origine)']);
  });

  it('refuses a payment larger than the invoice', async () => {
    const { issues } = await loadText('over.csv', 'Facture;Client;Échéance;Montant;Payé\nO-1;Un;01/10/2026;100;150\n');
    expect(issues).toEqual(['over.csv:2: paid_amount: 150,00 € paid on an invoice of 100,00 € — check the amounts; an overpayment or a credit note belongs on its own line']);
  });

  it('reads rows that end with an extra ";" (empty fields past the header)', async () => {
    const { invoices, issues } = await loadText('trailing.csv', 'Facture;Client;Échéance;Montant\nT-1;Un;01/10/2026;10;\nT-2;Deux;01/10/2026;20;;\n');
    expect(issues).toEqual([]);
    expect(invoices.map((i) => i.amount)).toEqual([1000, 2000]);
  });

  it('refuses a balance larger than the invoice', async () => {
    const { issues } = await loadText('balance.csv', 'Facture;Client;Échéance;Montant;Reste à payer\nB-1;Un;01/10/2026;100;150\n');
    expect(issues).toEqual(['balance.csv:2: balance: 150,00 € left to pay on an invoice of 100,00 € — check the two amounts: what is left cannot be more than the invoice']);
  });

  it('reads the client code and the postal address an export gives (CSV ", " or YAML lines)', async () => {
    const csv = await loadText('adresses.csv', 'Facture;Client;Code client;Adresse de facturation;Échéance;Montant\nA-1;Un;C009;"12 rue des Lilas, Bât. B, 75011 Paris";01/10/2026;1\n');
    expect(csv.issues).toEqual([]);
    expect(csv.invoices[0]).toMatchObject({ clientCode: 'C009', clientAddress: { lines: ['12 rue des Lilas', 'Bât. B'], postcode: '75011', city: 'Paris', country: null }, contactName: null });
    const yaml = await loadText('adresses.yaml', '- number: A-2\n  client: Deux\n  client_code: "411DEUX"\n  client_address: |\n    Rue Neuve 1\n    1000 Bruxelles\n    Belgique\n  due_date: 2026-10-01\n  amount: 1\n');
    expect(yaml.invoices[0]).toMatchObject({ clientCode: '411DEUX', clientAddress: { lines: ['Rue Neuve 1'], postcode: '1000', city: 'Bruxelles', country: 'Belgique' } });
  });

  it('finds duplicates across two files', async () => {
    await writeFile(join(dir, 'a.csv'), 'Facture;Client;Échéance;Montant\nD-1;Un;01/10/2026;1\n');
    await writeFile(join(dir, 'b.yaml'), '- { number: D-1, client: Deux, due_date: 2026-10-01, amount: 2 }\n');
    const { issues } = await loadInvoices({ files: [join(dir, 'a.csv'), join(dir, 'b.yaml')], cwd: dir, defaults: DEFAULT_INVOICE_DEFAULTS });
    expect(shown(issues)).toEqual(['b.yaml:1: number: invoice "D-1" appears twice (first at a.csv:2) — each invoice number must be unique across the invoice files']);
  });

  it('reports a file that is not there', async () => {
    const { issues } = await loadText('x.csv', 'Facture;Client;Échéance;Montant\n').then(async () =>
      loadInvoices({ files: [join(dir, 'absent.csv')], cwd: dir, defaults: DEFAULT_INVOICE_DEFAULTS }),
    );
    expect(shown(issues)).toEqual(['absent.csv: file not found — check the path (paths in relance.yaml are relative to it)']);
  });

  it('reports YAML that does not parse, and unknown keys with the closest field', async () => {
    const broken = await loadText('broken.yaml', '- number: X\n  client: [unclosed\n');
    expect(broken.issues[0]).toMatch(/^broken\.yaml:\d+: not valid YAML: /);
    const typo = await loadText('typo.yaml', '- number: X-1\n  client: Un\n  due_dte: 2026-10-01\n  amount: 1\n');
    expect(typo.issues).toEqual([
      'typo.yaml:1: due_date: no due date, no payment terms, and no delivery or invoice date to count the legal term from — add a due date (Échéance), payment terms (30 jours), payment_terms: in relance.yaml, or the delivery date (the legal 30 days run from it, art. L441-10 I C. com.)',
      'typo.yaml:3: warning: due_dte: unknown field, ignored — did you mean \"due_date\"?',
    ]);
  });
});
