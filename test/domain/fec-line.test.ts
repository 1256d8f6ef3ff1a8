// Reading one FEC line: the header that tells a FEC, its dates, amounts and journals, and
// the messages for what does not read.

import { describe, expect, it } from 'vitest';
import type { FecLayout } from '../../src/domain/fec-line.js';
import { FEC_FIELDS, FecLineReader, fecLayoutOf, isOpeningJournal, parseFecAmount, parseFecDate } from '../../src/domain/fec-line.js';
import type { Issue } from '../../src/domain/issue.js';
import { day } from '../helpers/factories.js';

const STANDARD = FEC_FIELDS.join('|');

describe('fecLayoutOf', () => {
  it.each<[string, string, FecLayout | null]>([
    ['the 18 names, "|"', STANDARD, { delimiter: '|', amounts: 'debit-credit', width: 18, dueDate: null }],
    ['the 18 names, TAB', FEC_FIELDS.join('\t'), { delimiter: '\t', amounts: 'debit-credit', width: 18, dueDate: null }],
    ['in capitals', STANDARD.toUpperCase(), { delimiter: '|', amounts: 'debit-credit', width: 18, dueDate: null }],
    ['with accents and spaces around the separators', STANDARD.replace('EcritureDate', ' ÉcritureDate ').replace('Debit', 'Débit'), { delimiter: '|', amounts: 'debit-credit', width: 18, dueDate: null }],
    ['extra columns after the 18', `${STANDARD}|CodeEtablissement|DateRglt`, { delimiter: '|', amounts: 'debit-credit', width: 20, dueDate: null }],
    ['a separator at the end', `${STANDARD}|`, { delimiter: '|', amounts: 'debit-credit', width: 19, dueDate: null }],
    ['a due date a tool added after the 18', `${STANDARD}|CodeEtablissement|Date d'échéance`, { delimiter: '|', amounts: 'debit-credit', width: 20, dueDate: 19 }],
    ['Montant and Sens for Debit and Credit', STANDARD.replace('Debit|Credit', 'Montant|Sens'), { delimiter: '|', amounts: 'montant-sens', width: 18, dueDate: null }],
    ['two names swapped', STANDARD.replace('PieceRef|PieceDate', 'PieceDate|PieceRef'), null],
    ['17 names', FEC_FIELDS.slice(0, 17).join('|'), null],
    ['";" separated', FEC_FIELDS.join(';'), null],
    ['a CSV of invoices', 'N° facture;Client;Montant', null],
  ])('%s', (_name, header, expected) => {
    expect(fecLayoutOf(header)).toEqual(expected);
  });
});

describe('parseFecDate', () => {
  it.each([
    ['20261231', '2026-12-31'],
    ['20240229', '2024-02-29'],
    ['20261231 00:00:00', '2026-12-31'],
    ['20261231T10:15', '2026-12-31'],
    ['20250229', null],
    ['20261301', null],
    ['2026-12-31', null],
    ['31/12/2026', null],
    ['261231', null],
    ['', null],
  ])('%s', (text, expected) => {
    expect(parseFecDate(text)).toBe(expected === null ? null : day(expected));
  });
});

describe('parseFecAmount', () => {
  it.each([
    ['1234,56', 123_456],
    ['1234.56', 123_456],
    ['-80,00', -8_000],
    ['+12,5', 1_250],
    ['1200', 120_000],
    ['0,00', 0],
    ['', 0],
    ['12,3400', 1_234],
    ['10,', 1_000],
    ['12,345', null],
    ['1 234,56', null],
    ['1.234,56', null],
    ['abc', null],
    ['- 5', null],
  ])('%s', (text, expected) => {
    expect(parseFecAmount(text)).toBe(expected);
  });
});

describe('isOpeningJournal', () => {
  it.each([
    ['AN', 'Journal', true],
    ['ran', 'Reports', true],
    ['ANO', '', true],
    ['OD', 'A-nouveaux', true],
    ['X1', 'Report à nouveau', true],
    ['J00', 'À NOUVEAUX', true],
    ['VE', 'Ventes', false],
    ['ANT', 'Antibes', false],
  ])('%s %s', (code, label, expected) => {
    expect(isOpeningJournal(code, label)).toBe(expected);
  });
});

describe('FecLineReader', () => {
  const layout: FecLayout = { delimiter: '|', amounts: 'debit-credit', width: 18, dueDate: null };
  const values = (text: string) => text.split('|');

  it('reads every field, trimming the spaces some tools pad with', () => {
    const issues: Issue[] = [];
    const line = new FecLineReader(layout, 'fec.txt').read(values('AN |A-nouveaux|12| 20260101 |411000 |Clients|C1 |Alpha | F9 |20251201|Solde F9|1500,00|100,00| aB |20260110|20260105|1700,00|usd'), 7, issues);
    expect(issues).toEqual([]);
    expect(line).toEqual({
      line: 7,
      journal: 'AN',
      opening: true,
      entry: '12',
      entryDate: day('2026-01-01'),
      account: '411000',
      accountLabel: 'Clients',
      auxAccount: 'C1',
      auxLabel: 'Alpha',
      pieceRef: 'F9',
      pieceDate: day('2025-12-01'),
      label: 'Solde F9',
      amount: 140_000,
      letter: 'aB',
      letterDate: day('2026-01-10'),
      currency: 'USD',
      dueDate: null,
    });
  });

  it.each<[string, FecLayout['amounts'], string, [string | undefined, string, string | undefined][]]>([
    ['no entry date', 'debit-credit', 'VE|V|1||411|C|||F1||F1|10,00|0,00|||||', [['EcritureDate', 'no date', 'the FEC writes dates as AAAAMMJJ, e.g. 20261231']]],
    ['a bad piece date', 'debit-credit', 'VE|V|1|20260105|411|C|||F1|05/01/2026|F1|10,00|0,00|||||', [['PieceDate', '"05/01/2026" is not a date AAAAMMJJ', 'the FEC writes dates as AAAAMMJJ, e.g. 20261231']]],
    ['two bad amounts', 'debit-credit', 'VE|V|1|20260105|411|C|||F1||F1|10 €|x|||||', [
      ['Debit', '"10 €" is not an amount', 'the FEC writes amounts with a decimal comma and no thousands separator, e.g. 1234,56 or -80,00'],
      ['Credit', '"x" is not an amount', 'the FEC writes amounts with a decimal comma and no thousands separator, e.g. 1234,56 or -80,00'],
    ]],
    ['a Sens that is neither', 'montant-sens', 'VE|V|1|20260105|411|C|||F1||F1|10,00|Débit|||||', [['Sens', '"Débit" is neither D nor C', 'the Sens column holds D (debit) or C (credit), or +1 / -1']]],
    ['no Sens', 'montant-sens', 'VE|V|1|20260105|411|C|||F1||F1|10,00||||||', [['Sens', 'no sense (D or C)', 'the Sens column holds D (debit) or C (credit), or +1 / -1']]],
    ['a bad Montant', 'montant-sens', 'VE|V|1|20260105|411|C|||F1||F1|dix|C|||||', [['Montant', '"dix" is not an amount', 'the FEC writes amounts with a decimal comma and no thousands separator, e.g. 1234,56 or -80,00']]],
  ])('%s', (_name, amounts, text, expected) => {
    const issues: Issue[] = [];
    expect(new FecLineReader({ ...layout, amounts }, 'fec.txt').read(values(text), 3, issues)).toBeNull();
    expect(issues.map((i) => [i.field, i.message, i.hint])).toEqual(expected);
    expect(issues.every((i) => i.file === 'fec.txt' && i.line === 3 && i.severity === 'error')).toBe(true);
  });

  it.each([
    ['D', 1_000],
    ['c', -1_000],
    ['+1', 1_000],
    ['-1', -1_000],
  ])('Sens %s', (sense, amount) => {
    const line = new FecLineReader({ ...layout, amounts: 'montant-sens' }, 'f').read(values(`VE|V|1|20260105|411|C|||F1||F1|10,00|${sense}|||||`), 2, []);
    expect(line?.amount).toBe(amount);
  });
});
