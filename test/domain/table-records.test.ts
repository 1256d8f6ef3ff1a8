// The shapes of real exports, whatever their container: the header found below title
// lines, totals and headings skipped, the rows of one invoice merged (line items, payments)
// or refused when they disagree. Rows go in as text, records come out as what the
// validator would read.

import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/domain/issue.js';
import type { InvoiceField } from '../../src/domain/invoice-fields.js';
import type { RecordView } from '../../src/domain/record-view.js';
import { TableRecords } from '../../src/domain/table-records.js';
import { formatIssue } from '../../src/render/issues.js';

const FIELDS: InvoiceField[] = ['number', 'client', 'amount', 'due_date', 'paid_amount', 'paid_date', 'balance', 'status'];

/** Each record as the fields it gives (and its payments), with the problems. */
function read(lines: string[]): { records: Record<string, unknown>[]; issues: string[] } {
  const issues: Issue[] = [];
  const records: Record<string, unknown>[] = [];
  const table = new TableRecords('t.csv', { hasDefaultTerms: false, separator: ';' }, issues, (view: RecordView) => {
    const record: Record<string, unknown> = { line: view.line };
    for (const f of FIELDS) if (view.text(f) !== '') record[f] = view.text(f);
    if (view.payments) record.payments = view.payments.map((p) => [p.amount?.text, p.date?.text ?? null, p.line]);
    records.push(record);
  });
  lines.forEach((line, i) => {
    if (line.trim() !== '') table.row(line.split(';'), i + 1);
  });
  table.finish();
  return { records, issues: issues.map(formatIssue) };
}

describe('the header line', () => {
  it('is the first line naming two fields: title lines, the company, a date and blank lines above are passed over', () => {
    const { records, issues } = read(['Relevé des factures clients', 'Atelier Dupont SARL', 'Au 1 décembre 2026', '', 'N° facture;Client;Montant TTC;Échéance', 'F-1;Dupont SARL;1200,00;31/10/2026']);
    expect(issues).toEqual([]);
    expect(records).toEqual([{ line: 6, number: 'F-1', client: 'Dupont SARL', amount: '1200,00', due_date: '31/10/2026' }]);
  });

  it('the TTC column wins over a bare Montant and the HT one, whatever their order; a HT column alone is read with a warning', () => {
    const both = read(['Montant HT;Montant;N°;Client;Total TTC;Échéance', '1000;1100;F-1;Dupont SARL;1200;31/10/2026']);
    expect(both.records[0]!.amount).toBe('1200');
    expect(both.issues).toEqual(['t.csv:1: warning: columns not used: "Montant HT", "Montant" — relance reads no invoice field from them; if one holds one (a paid amount, a due date…), map it under columns: in relance.yaml, e.g. columns: { "Encaissé TTC": paid_amount }']);
    const ht = read(['N°;Client;Montant HT;Échéance', 'F-1;Dupont SARL;1000;31/10/2026']);
    expect(ht.records[0]!.amount).toBe('1000');
    expect(ht.issues).toEqual(['t.csv:1: warning: amount: the amount is read from "Montant HT", before VAT: reminders claim what is due, TTC — add the TTC column to the export (Montant TTC), or map it under columns: in relance.yaml']);
  });

  it('"Montant dû" beside a total is the balance; alone, it is the amount', () => {
    expect(read(['Facture;Client;Total TTC;Montant dû;Échéance', 'F-1;Dupont SARL;1200;200;31/10/2026']).records[0]).toMatchObject({ amount: '1200', balance: '200' });
    expect(read(['Facture;Client;Montant dû;Échéance', 'F-1;Dupont SARL;200;31/10/2026']).records[0]).toMatchObject({ amount: '200' });
  });

  it('with no line naming two fields, the first line is taken, and what it lacks is said', () => {
    expect(read(['Ref;Nom', 'A;B']).issues[0]).toBe('t.csv:1: number: no column for the number (columns found: "Ref", "Nom") — name one "N° facture", "N° de facture", "Numéro", or map yours under columns: in relance.yaml');
  });
});

describe('rows that are no invoices', () => {
  it('totals, subtotals, group headings and rows with neither number nor client are skipped, counted in one note', () => {
    const { records, issues } = read([
      'N° facture;Client;Montant TTC;Échéance',
      'Client : Dupont SARL;;;',
      'F-1;Dupont SARL;1200,00;31/10/2026',
      ';Sous-total Dupont SARL;1200,00;',
      'F-2;TotalEnergies;300,00;31/10/2026',
      'Total pour Dupont SARL;;1200,00;',
      ';;1500,00;',
      'TOTAL;;1500,00;',
    ]);
    expect(records.map((r) => r.number)).toEqual(['F-1', 'F-2']);
    expect(issues).toEqual(['t.csv: warning: 5 rows skipped as totals, subtotals or group headings (lines 2, 4, 6, 7, 8) — nothing to do: such rows are no invoices']);
  });

  it('a row with a client and an amount but no number is an invoice without its number (an error later), not skipped', () => {
    expect(read(['N° facture;Client;Montant TTC;Échéance', ';Dupont SARL;1200,00;31/10/2026']).records).toEqual([{ line: 2, client: 'Dupont SARL', amount: '1200,00', due_date: '31/10/2026' }]);
  });
});

describe('the rows of one invoice', () => {
  it('one row per line item: merged, the invoice totals taken once', () => {
    const { records, issues } = read(['N° facture;Client;Montant TTC;Échéance;Payé;Désignation', 'F-1;Dupont SARL;1200;31/10/2026;200;Pose', 'F-1;Dupont SARL;1200;31/10/2026;200;Fournitures', 'F-2;Dupont SARL;50;31/10/2026;;Port']);
    expect(records).toEqual([
      { line: 2, number: 'F-1', client: 'Dupont SARL', amount: '1200', due_date: '31/10/2026', paid_amount: '200' },
      { line: 4, number: 'F-2', client: 'Dupont SARL', amount: '50', due_date: '31/10/2026' },
    ]);
    expect(issues).toEqual(['t.csv:1: warning: column not used: "Désignation" — relance reads no invoice field from it; if one holds one (a paid amount, a due date…), map it under columns: in relance.yaml, e.g. columns: { "Encaissé TTC": paid_amount }']);
  });

  it('one row per payment: each a payment with its date, the smallest balance the latest', () => {
    const { records } = read(['N° facture;Client;Montant TTC;Échéance;Montant paiement;Date paiement;Reste à payer', 'F-1;Dupont SARL;1200;31/10/2026;200;05/11/2026;1000', 'F-1;Dupont SARL;1200;31/10/2026;300;20/11/2026;700']);
    expect(records).toEqual([{ line: 2, number: 'F-1', client: 'Dupont SARL', amount: '1200', due_date: '31/10/2026', balance: '700', payments: [['200', '05/11/2026', 2], ['300', '20/11/2026', 3]] }]);
  });

  it('rows that disagree on the invoice’s own fields are an error naming both lines', () => {
    const { records, issues } = read(['N° facture;Client;Montant TTC;Échéance', 'F-1;Dupont SARL;1200;31/10/2026', 'F-1;Dupont SA;1200;31/10/2026']);
    expect(records).toEqual([]);
    expect(issues).toEqual(['t.csv:3: client: invoice "F-1" is on lines 2 and 3, which disagree on its client ("Dupont SARL" and "Dupont SA") — the rows of one invoice (one per line item or per payment) must agree on its own fields; if these are two invoices, give them two numbers']);
  });
});
