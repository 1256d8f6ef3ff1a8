// The separator read off the first lines: the one that occurs as often on the most lines,
// outside quotes.

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
    ['Atelier Dupont SARL, 12 rue des Lilas, 75011 Paris\nAu 1 décembre 2026\n\nN° facture;Client;Montant\nF-1;Dupont;1\n', ';'], // a title with commas above
    ['N° facture;Client;Montant TTC;Payé;Reste\nF-1;Dupont;1 200,00;100,00;1 100,00\nF-2;Blanc;50,00;0,00;50,00\n', ';'], // decimal commas in the rows
  ])('%j → %j', (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });
});
