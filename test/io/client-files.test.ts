// The client directory's files on disk: a CSV as a French tool exports it (Windows-1252,
// ";", a quoted address over two lines), a YAML list kept by hand, an .xlsx workbook, and
// every problem of every file at once — bad rows, a code given twice, a file that is none.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClientDirectory } from '../../src/io/client-files.js';
import { formatIssue } from '../../src/render/issues.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-clients-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const put = async (name: string, content: string | Buffer | Uint8Array) => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};

describe('a directory file', () => {
  it('in CSV, Windows-1252 with ";" and an address over two lines', async () => {
    const csv = 'Code client;Raison sociale;Courriel;Adresse;CP;Ville;Interlocuteur\r\nC001;Boulangerie Cœur de Blé;compta@coeurdeble.example;"4 place du Marché\r\nBâtiment B";69002;Lyon;Mme Anne Roux\r\nC002;Café des Sports;;18 av. Jean Jaurès;31000;Toulouse;\r\n';
    const path = await put('clients.csv', Buffer.from(new Uint8Array([...csv].map((c) => (c === 'œ' ? 0x9c : c.charCodeAt(0))))));
    const { directory, issues } = await readClientDirectory([path], dir);
    expect(issues).toEqual([]);
    expect(directory.size).toBe(2);
    expect(directory.match('C001', '')).toMatchObject({ kind: 'one', entry: { name: 'Boulangerie Cœur de Blé', emails: ['compta@coeurdeble.example'], address: { lines: ['4 place du Marché', 'Bâtiment B'], postcode: '69002', city: 'Lyon', country: null }, contactName: 'Mme Anne Roux', line: 2 } });
    // The quoted address took two lines: the next row is on line 4.
    expect(directory.match(null, 'cafe des sports')).toMatchObject({ kind: 'one', entry: { code: 'C002', line: 4 } });
  });

  it('in YAML: lists for e-mails, tags and address lines, or the address as a map', async () => {
    const path = await put(
      'clients.yaml',
      `clients:
  - client_code: C005
    client: Studio Benali
    email: [studio@benali.example, karim@benali.example]
    payment_terms: à réception
    address:
      lines: [9 rue Oberkampf, Bâtiment B]
      postcode: "75011"
      city: Paris
    tags: [web, fidele]
  - client: M. Julien Petit
    client_type: particulier
    address: [12 impasse des Roses, 01000 Bourg-en-Bresse]
    siret: "123"
`,
    );
    const { directory, issues } = await readClientDirectory([path], dir);
    expect(issues.map(formatIssue)).toEqual(['clients.yaml:14: warning: siret: unknown field, ignored — known fields: client_code, client, email, client_type, language, payment_terms, address, address_2, address_3, postcode, city, country, contact, tags']);
    expect(directory.match('C005', '')).toMatchObject({
      kind: 'one',
      entry: { emails: ['studio@benali.example', 'karim@benali.example'], paymentTerms: { days: 0 }, address: { lines: ['9 rue Oberkampf', 'Bâtiment B'], postcode: '75011', city: 'Paris' }, tags: ['web', 'fidele'], line: 2, lines: { email: 4, address: 7 } },
    });
    expect(directory.match(null, 'M. Julien Petit')).toMatchObject({ kind: 'one', entry: { clientType: 'b2c', address: { lines: ['12 impasse des Roses'], postcode: '01000', city: 'Bourg-en-Bresse' }, line: 11 } });
  });

  it('as an .xlsx workbook, postcodes typed as numbers', async () => {
    const bytes = await writeExcelFile([
      ['Code client', 'Nom', 'E-mail', 'Code postal', 'Ville', 'Adresse'],
      ['C003', 'Menuiserie Leroy', 'contact@menuiserie-leroy.example', 44300, 'Nantes', '7 rue du Chêne'],
      ['C008', 'Transports Morel', null, 1000, 'Bourg-en-Bresse', 'ZI Nord'],
    ]).toBuffer();
    const { directory, issues } = await readClientDirectory([await put('clients.xlsx', bytes)], dir);
    expect(issues).toEqual([]);
    expect(directory.match('C003', '')).toMatchObject({ kind: 'one', entry: { emails: ['contact@menuiserie-leroy.example'], address: { postcode: '44300', city: 'Nantes' }, line: 2 } });
    expect(directory.match('C008', '')).toMatchObject({ kind: 'one', entry: { address: { lines: ['ZI Nord'], postcode: '01000' }, line: 3 } });
  });

  it('says every problem of every file at once', async () => {
    const csv = await put('a.csv', 'Code client;Client;Email;Type client\nC1;Alpha;alpha@x.example;b2b\nC2;Beta;beta@@x;grossiste\nC1;Alpha bis;;\n;;x@y.example;\nC2;Beta bis;;\n');
    const yaml = await put('b.yaml', '- client_code: C2\n  client: [un, [deux]]\n- just a text\n');
    const pdf = await put('c.csv', '%PDF-1.7\n%âãÏÓ\n');
    const noKey = await put('d.csv', 'SIREN;Email\n123;x@y.example\n');
    const { directory, issues } = await readClientDirectory([csv, yaml, pdf, noKey, join(dir, 'absent.csv')], dir);
    expect(issues.map(formatIssue)).toEqual([
      'a.csv:3: email: "beta@@x" is not an e-mail address — write one address per recipient, separated by ";"',
      'a.csv:3: client_type: "grossiste" is not understood — use b2b (professionnel) or b2c (particulier)',
      'a.csv:4: client_code: the client code "C1" is already at a.csv:2 — one row per client: merge the two rows, or correct the code',
      'a.csv:5: client_code: neither a client code nor a client name: the row cannot be matched to any invoice — give the client code (the FEC’s CompAuxNum, e.g. C001) or the client name as the invoices write it',
      // Told even though the first C2 had problems of its own.
      'a.csv:6: client_code: the client code "C2" is already at a.csv:3 — one row per client: merge the two rows, or correct the code',
      'b.yaml:2: client: expected a single value or a list of values here — write the value on the same line as the key',
      'b.yaml:3: this entry is not a client (a map of fields) — write each client as "- client_code: …" followed by its fields, indented',
      'c.csv: this is a PDF, not a table of clients — export the invoices from your tool as CSV or Excel',
      'd.csv:1: client_code: no column for the client code or the client name (columns found: "SIREN", "Email") — name one "Code client" or "Client": the directory is keyed by either',
      'absent.csv: file not found — check the path (paths in relance.yaml are relative to it)',
    ]);
    // A row with a problem is not kept; the second C1 is refused, the first stands.
    expect(directory.match('C2', 'Beta')).toEqual({ kind: 'none' });
    expect(directory.match('C1', '')).toMatchObject({ kind: 'one', entry: { name: 'Alpha', line: 2 } });
    expect(directory.size).toBe(1);
  });
});
