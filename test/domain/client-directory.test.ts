// The client directory as tables: its header names, each row read into a client (every
// problem at once, with its field), the index by code and name, and what an invoice's
// client finds there. Addresses given as one text are read into their parts.

import { describe, expect, it } from 'vitest';
import { parseAddressText } from '../../src/domain/client-address.js';
import type { ClientEntry, DirectoryField, DirectoryRow } from '../../src/domain/client-directory.js';
import { ClientDirectory, createClientReader, directoryFieldForHeader, matchDirectoryHeader } from '../../src/domain/client-directory.js';
import type { Issue } from '../../src/domain/issue.js';

/** A row of clients.csv on line `line`, its fields by name. */
function row(fields: Partial<Record<DirectoryField, string>>, line = 2): DirectoryRow {
  return { line, text: (f) => fields[f] ?? '', lineOf: () => line };
}

function read(fields: Partial<Record<DirectoryField, string>>, line = 2): { entry: ClientEntry | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const entry = createClientReader('clients.csv', issues)(row(fields, line));
  return { entry, issues };
}

describe('directory headers', () => {
  it.each([
    ['Code client', 'client_code'],
    ['CompAuxNum', null],
    ['N° client', 'client_code'],
    ['Compte', 'client_code'],
    ['Raison sociale', 'client'],
    ['E-mail', 'email'],
    ['Type de client', 'client_type'],
    ['Conditions de règlement', 'payment_terms'],
    ['Adresse', 'address'],
    ["Complément d'adresse", 'address_2'],
    ['CP', 'postcode'],
    ['Code postal', 'postcode'],
    ['Ville', 'city'],
    ['Pays', 'country'],
    ['Interlocuteur', 'contact'],
    ['Contact email', 'email'],
    ['Langue', 'language'],
    ['Étiquettes', 'tags'],
    ['SIREN', null],
  ])('%s → %s', (header, field) => {
    expect(directoryFieldForHeader(header)).toBe(field);
  });

  it('needs a code or a name column, and says what it found', () => {
    const issues: Issue[] = [];
    expect(matchDirectoryHeader(['SIREN', 'Email', 'Ville'], 'clients.csv', 1, issues)).toBeNull();
    expect(issues).toEqual([
      { severity: 'error', file: 'clients.csv', line: 1, field: 'client_code', message: 'no column for the client code or the client name (columns found: "SIREN", "Email", "Ville")', hint: 'name one "Code client" or "Client": the directory is keyed by either' },
    ]);
    expect(matchDirectoryHeader(['Client', 'Courriel', 'Mail'], 'clients.csv', 1, issues)).toEqual({ client: 0, email: 1 });
    expect(issues[1]!.message).toBe('the columns "Courriel" and "Mail" both read as email: "Mail" is ignored');
  });
});

describe('a row of the directory', () => {
  it('gives every field read', () => {
    const { entry, issues } = read({
      client_code: 'C001',
      client: 'Boulangerie Cœur de Blé',
      email: 'compta@coeurdeble.example, gerant@coeurdeble.example',
      client_type: 'professionnel',
      language: 'Français',
      payment_terms: '30 jours fin de mois',
      address: '4 place du Marché',
      address_2: 'Bâtiment B',
      postcode: '69002',
      city: 'Lyon',
      contact: 'Mme Anne Roux',
      tags: 'Fidèle; bio',
    });
    expect(issues).toEqual([]);
    expect(entry).toEqual({
      code: 'C001',
      name: 'Boulangerie Cœur de Blé',
      emails: ['compta@coeurdeble.example', 'gerant@coeurdeble.example'],
      clientType: 'b2b',
      language: 'fr',
      paymentTerms: { days: 30, endOfMonth: true, endOfMonthFirst: false },
      address: { lines: ['4 place du Marché', 'Bâtiment B'], postcode: '69002', city: 'Lyon', country: null },
      contactName: 'Mme Anne Roux',
      tags: ['fidèle', 'bio'],
      file: 'clients.csv',
      line: 2,
      lines: { client_code: 2, client: 2, email: 2, client_type: 2, language: 2, payment_terms: 2, address: 2, address_2: 2, postcode: 2, city: 2, contact: 2, tags: 2 },
    });
  });

  it.each<[string, Partial<Record<DirectoryField, string>>, Partial<ClientEntry>]>([
    ['a name alone', { client: 'Café des Sports' }, { code: null, name: 'Café des Sports', emails: [], clientType: null, address: null }],
    ['a code alone', { client_code: '411LAMBERT' }, { code: '411LAMBERT', name: null }],
    ['the whole address in one column', { client: 'A', address: '5 rue Victor Hugo, 21000 Dijon' }, { address: { lines: ['5 rue Victor Hugo'], postcode: '21000', city: 'Dijon', country: null } }],
    ['an address abroad', { client: 'K', address: '10 Downing Street', postcode: 'SW1A 2AA', city: 'London', country: 'United Kingdom' }, { address: { lines: ['10 Downing Street'], postcode: 'SW1A 2AA', city: 'London', country: 'United Kingdom' } }],
    ['France as the country is no country line', { client: 'A', address: '1 rue A', postcode: '75001', city: 'Paris', country: 'France' }, { address: { lines: ['1 rue A'], postcode: '75001', city: 'Paris', country: null } }],
    ['a postcode a spreadsheet read as a number', { client: 'A', address: '1 rue A', postcode: '1000', city: 'Bourg-en-Bresse' }, { address: { lines: ['1 rue A'], postcode: '01000', city: 'Bourg-en-Bresse', country: null } }],
    ['street lines over several lines of one cell', { client: 'A', address: '9 rue Oberkampf\nBâtiment B', postcode: '75011', city: 'Paris' }, { address: { lines: ['9 rue Oberkampf', 'Bâtiment B'], postcode: '75011', city: 'Paris', country: null } }],
    ['a consumer, in English', { client: 'M. Petit', client_type: 'particulier', language: 'anglais', payment_terms: 'à réception' }, { clientType: 'b2c', language: 'en', paymentTerms: { days: 0, endOfMonth: false, endOfMonthFirst: false } }],
  ])('%s', (_name, fields, expected) => {
    const { entry, issues } = read(fields);
    expect(issues).toEqual([]);
    expect(entry).toMatchObject(expected);
  });

  it('reports every problem of a row at once, each with its field', () => {
    const { entry, issues } = read({ client_code: 'C\u001b1', email: 'compta@@x', client_type: 'grossiste', language: 'de', payment_terms: 'quand il peut', city: 'Ly\u2028on' }, 7);
    expect(entry).toBeNull();
    expect(issues.map((i) => [i.line, i.field, i.message, i.hint])).toEqual([
      [7, 'client_code', '"C\\u001b1" contains an escape character (ESC)', 'remove it: a client code is one line of plain text'],
      [7, 'email', '"compta@@x" is not an e-mail address', 'write one address per recipient, separated by ";"'],
      [7, 'client_type', '"grossiste" is not understood', 'use b2b (professionnel) or b2c (particulier)'],
      [7, 'language', '"de" is not understood', 'use fr or en'],
      [7, 'payment_terms', '"quand il peut" is not payment terms relance understands', 'write e.g. 30 jours, 45 jours fin de mois, 60 jours, à réception'],
      [7, 'city', '"Ly\u2028on" contains a line separator (U+2028)', 'remove it: each part of an address is plain text'],
    ]);
  });

  it('needs a code or a name', () => {
    const { entry, issues } = read({ email: 'x@y.example' }, 4);
    expect(entry).toBeNull();
    expect(issues).toEqual([
      { severity: 'error', file: 'clients.csv', line: 4, field: 'client_code', message: 'neither a client code nor a client name: the row cannot be matched to any invoice', hint: 'give the client code (the FEC’s CompAuxNum, e.g. C001) or the client name as the invoices write it' },
    ]);
  });
});

describe('the directory index', () => {
  const entries: ClientEntry[] = [];
  const issues: Issue[] = [];
  const directory = new ClientDirectory();
  const add = (fields: Partial<Record<DirectoryField, string>>, line: number) => {
    const entry = createClientReader('clients.csv', issues)(row(fields, line))!;
    entries[line] = entry;
    directory.add(entry, issues);
  };
  add({ client_code: 'C001', client: 'Boulangerie Cœur de Blé' }, 2);
  add({ client_code: 'C-002', client: 'Dupont' }, 3);
  add({ client_code: 'C003', client: 'Dupont' }, 4);
  add({ client: 'Garage Petit' }, 5);
  add({ client: 'Martin' }, 6);
  add({ client: 'MARTIN ' }, 7);
  add({ client_code: 'c001', client: 'Autre' }, 8);

  it('refuses a code given twice, naming the first row', () => {
    expect(issues).toEqual([
      { severity: 'error', file: 'clients.csv', line: 8, field: 'client_code', message: 'the client code "c001" is already at clients.csv:2', hint: 'one row per client: merge the two rows, or correct the code' },
    ]);
    expect(directory.size).toBe(6);
  });

  it.each<[string, string | null, string, string | number[] | null]>([
    ['by code, whatever the name', 'C001', 'Boulangerie Coeur de Ble SARL', 'code:2'],
    ['by code, case and punctuation aside', 'c002', 'Dupont', 'code:3'],
    ['by name, case, accents and spaces aside', null, 'boulangerie coeur de ble', 'name:2'],
    ['by name when the invoice’s code is in no row, among rows without a code', 'C777', 'garage  PETIT', 'name:5'],
    ['not a row that has another code', 'C777', 'Dupont', null],
    ['no row at all', null, 'Inconnu SA', null],
    ['two rows of one name, no code to choose', null, 'Dupont', [3, 4]],
    ['two rows without codes', null, 'Martin', [6, 7]],
  ])('%s', (_name, code, name, expected) => {
    const match = directory.match(code, name);
    if (expected === null) expect(match).toEqual({ kind: 'none' });
    else if (Array.isArray(expected)) expect(match).toEqual({ kind: 'several', entries: expected.map((l) => entries[l]) });
    else {
      const [by, line] = expected.split(':');
      expect(match).toEqual({ kind: 'one', entry: entries[Number(line)], by });
    }
  });
});

describe('an address written as one text', () => {
  it.each([
    ['12 rue des Lilas, 75011 Paris', { lines: ['12 rue des Lilas'], postcode: '75011', city: 'Paris', country: null }],
    ['12 rue des Lilas\nBât. B\n75011 PARIS CEDEX 11', { lines: ['12 rue des Lilas', 'Bât. B'], postcode: '75011', city: 'PARIS CEDEX 11', country: null }],
    ['12 rue des Lilas, 75011 Paris, France', { lines: ['12 rue des Lilas'], postcode: '75011', city: 'Paris', country: null }],
    ['Rue Neuve 1, 1000 Bruxelles, Belgique', { lines: ['Rue Neuve 1'], postcode: '1000', city: 'Bruxelles', country: 'Belgique' }],
    ['10 Downing Street, SW1A 2AA London, United Kingdom', { lines: ['10 Downing Street'], postcode: 'SW1A 2AA', city: 'London', country: 'United Kingdom' }],
    ['Lieu-dit Les Granges', { lines: ['Lieu-dit Les Granges'], postcode: '', city: '', country: null }],
    ['  ', null],
  ])('%j', (text, expected) => {
    expect(parseAddressText(text)).toEqual(expected);
  });
});
