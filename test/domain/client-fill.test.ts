// An invoice record filled from the client directory, between reading what it says and the
// config's defaults: what it lacks is taken, what it gives is kept (a disagreement is one
// warning per client and field, naming both places), a client of two rows is an error.

import type { Invoice } from '../../src/domain/invoice.js';
import { describe, expect, it } from 'vitest';
import type { DirectoryField } from '../../src/domain/client-directory.js';
import { ClientDirectory, createClientReader } from '../../src/domain/client-directory.js';
import { DirectoryJoin } from '../../src/domain/client-fill.js';
import { formatIsoDay } from '../../src/domain/dates.js';
import type { InvoiceField } from '../../src/domain/invoice-fields.js';
import type { Issue } from '../../src/domain/issue.js';
import { DEFAULT_INVOICE_DEFAULTS, createInvoiceValidator } from '../../src/domain/invoice-record.js';
import { rawInvoiceView } from '../../src/domain/record-view.js';

const ROWS: Partial<Record<DirectoryField, string>>[] = [
  { client_code: 'C001', client: 'Boulangerie Cœur de Blé', email: 'compta@coeurdeble.example', client_type: 'b2b', language: 'en', payment_terms: '30 jours fin de mois', address: '4 place du Marché', postcode: '69002', city: 'Lyon', contact: 'Mme Anne Roux', tags: 'fidele' },
  { client: 'Mme Claire Fontaine', client_type: 'particulier', payment_terms: '15 jours', address: '3 allée des Tilleuls, 35000 Rennes' },
  { client_code: 'D1', client: 'Dupont' },
  { client_code: 'D2', client: 'Dupont' },
];

function directory(issues: Issue[]): ClientDirectory {
  const d = new ClientDirectory();
  const read = createClientReader('clients.csv', issues);
  ROWS.forEach((fields, i) => d.add(read({ line: i + 2, text: (f) => fields[f] ?? '', lineOf: () => i + 2 })!, issues));
  return d;
}

/** Invoices of factures.csv (line 2 on), each filled from the directory then completed. */
function run(records: Partial<Record<InvoiceField, string>>[]) {
  const issues: Issue[] = [];
  const join = new DirectoryJoin(directory(issues), issues);
  const validate = createInvoiceValidator('factures.csv', DEFAULT_INVOICE_DEFAULTS, issues, { between: (f) => join.fill(f) });
  const invoices = records.map((fields, i) => {
    const line = i + 2;
    return validate.read(rawInvoiceView({ line, fields: Object.fromEntries(Object.entries(fields).map(([k, text]) => [k, { text, line }])) })) as Invoice | null;
  });
  join.finish();
  return { invoices, issues, join };
}

describe('filling from the directory', () => {
  it('takes e-mail, type, language, terms, address, contact, code and tags the record lacks', () => {
    const { invoices, issues, join } = run([{ number: 'F1', client: 'Boulangerie Coeur de Blé', amount: '1200', issue_date: '2026-03-10' }]);
    expect(issues).toEqual([]);
    const f1 = invoices[0]!;
    expect({ ...f1, dueDate: formatIsoDay(f1.dueDate) }).toMatchObject({
      emails: ['compta@coeurdeble.example'],
      clientType: 'b2b',
      language: 'en',
      // 10/03 + 30 days = 09/04, then the end of that month.
      dueDate: '2026-04-30',
      clientAddress: { lines: ['4 place du Marché'], postcode: '69002', city: 'Lyon', country: null },
      contactName: 'Mme Anne Roux',
      clientCode: 'C001',
      tags: ['fidele'],
    });
    expect(join.rowsUsed).toBe(1);
  });

  it('keeps what the record gives, and adds the directory’s tags to its own', () => {
    const { invoices, issues } = run([{ number: 'F2', client: 'Mme Claire Fontaine', client_type: 'particulier', amount: '420', issue_date: '2026-10-01', due_date: '2026-10-05', tags: 'web' }]);
    expect(issues).toEqual([]);
    // A due date in the record: the directory's terms are not used (and no disagreement).
    expect(formatIsoDay(invoices[0]!.dueDate)).toBe('2026-10-05');
    expect(invoices[0]).toMatchObject({ clientType: 'b2c', emails: [], clientAddress: { postcode: '35000', city: 'Rennes' } });
  });

  it('leaves a client the directory does not know as its record says', () => {
    const { invoices, issues } = run([{ number: 'F3', client: 'Inconnu SA', amount: '100', due_date: '2026-10-05' }]);
    expect(issues).toEqual([]);
    expect(invoices[0]).toMatchObject({ emails: [], clientCode: null, clientAddress: null, contactName: null, language: 'fr' });
  });

  it('warns once per client and field when both give a value that disagrees, naming both places; the record’s wins', () => {
    const { invoices, issues } = run([
      { number: 'F4', client: 'Boulangerie Cœur de Blé', email: 'gerant@coeurdeble.example', client_type: 'b2c', amount: '100', issue_date: '2026-03-01', payment_terms: '45 jours', client_address: '1 rue Neuve, 69001 Lyon' },
      { number: 'F5', client: 'boulangerie coeur de ble', email: 'gerant@coeurdeble.example', amount: '100', issue_date: '2026-03-01', payment_terms: '30 jours fin de mois' },
      { number: 'F6', client: 'Boulangerie Cœur de Blé', email: 'COMPTA@coeurdeble.example', amount: '100', issue_date: '2026-03-01', client_code: 'C001', client_address: '4, place du marche, 69002 LYON' },
      { number: 'F7', client: 'X', client_code: 'C001', email: 'autre@x.example', amount: '100', due_date: '2026-03-01' },
    ]);
    expect(invoices.map((i) => i?.emails)).toEqual([['gerant@coeurdeble.example'], ['gerant@coeurdeble.example'], ['COMPTA@coeurdeble.example'], ['autre@x.example']]);
    expect(invoices[0]!.clientType).toBe('b2c');
    const hint = 'correct the one that is wrong: the directory fills only what an invoice leaves empty';
    expect(issues).toEqual([
      { severity: 'warning', file: 'factures.csv', line: 2, field: 'email', message: 'invoice F4 says "gerant@coeurdeble.example", the client directory (clients.csv:2) says "compta@coeurdeble.example": the invoice\'s is used (and on 2 other invoices of this client)', hint },
      { severity: 'warning', file: 'factures.csv', line: 2, field: 'client_type', message: 'invoice F4 says "b2c", the client directory (clients.csv:2) says "b2b": the invoice\'s is used', hint },
      { severity: 'warning', file: 'factures.csv', line: 2, field: 'payment_terms', message: 'invoice F4 says "45 jours", the client directory (clients.csv:2) says "30 jours fin de mois": the invoice\'s is used', hint },
      { severity: 'warning', file: 'factures.csv', line: 2, field: 'client_address', message: 'invoice F4 says "1 rue Neuve, 69001 Lyon", the client directory (clients.csv:2) says "4 place du Marché, 69002 Lyon": the invoice\'s is used', hint },
    ]);
  });

  it('refuses an invoice whose client matches two rows', () => {
    const { invoices, issues } = run([
      { number: 'F8', client: 'Dupont', amount: '100', due_date: '2026-03-01' },
      { number: 'F9', client: 'Dupont', client_code: 'D2', amount: '100', due_date: '2026-03-01' },
    ]);
    expect(invoices[0]).toBeNull();
    expect(invoices[1]).toMatchObject({ clientCode: 'D2' });
    expect(issues).toEqual([
      { severity: 'error', file: 'factures.csv', line: 2, field: 'client', message: 'the client "Dupont" of invoice F8 matches 2 rows of the client directory (clients.csv:4, clients.csv:5)', hint: 'give the invoice its client code (client_code), or give each directory row its own code' },
    ]);
  });
});
