// The separator read off the header line: the one that occurs most outside quotes.

import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../src/io/csv-invoices.js';

describe('detectDelimiter', () => {
  it.each([
    ['N° facture;Client;Montant\n1;2;3', ';'],
    ['Invoice,Client,Amount\n', ','],
    ['Invoice\tClient\tAmount\r\n', '\t'],
    ['N° facture|Client|Montant TTC|Échéance\n', '|'],
    ['"Montant, TTC";Client;Échéance\n', ';'], // the comma in quotes does not count
    ['"A|B",Client,Montant\n', ','],
    ['Facture|Client, SA|Montant|Date\n', '|'],
    ['Facture;Client,Montant\n', ';'], // a tie: ";" first
    ['Facture\n', ','], // one column: the default
  ])('%j → %j', (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });
});
