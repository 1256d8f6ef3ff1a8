// A client's name read for its type when nothing else gives it, as a table; and the one
// warning that names the clients taken as consumers.

import { describe, expect, it } from 'vitest';
import { ConsumerGuesses, consumerSignOf } from '../../src/domain/client-type-guess.js';
import { formatIssue } from '../../src/render/issues.js';

describe('consumerSignOf', () => {
  const cases: [string, string, ReturnType<typeof consumerSignOf>][] = [
    ['M. Jean Petit', '', 'title'],
    ['Mme Sophie Marchal', '', 'title'],
    ['MME DURAND', '', 'title'],
    ['Monsieur et Madame Roux', '', 'title'],
    ['Mlle Léa Girard', '', 'title'],
    ['Jean Petit', '', 'no-company-form'],
    ['Lucie Lumen', '', 'no-company-form'],
    ['Garage Petit', '', null], // a trade names a business
    ['M. Pierre Cave', '', 'title'], // a title wins over a trade word
    ['Lucie Lumen', '912 345 678', null], // a SIREN: a company
    ['Dupont SARL', '', null],
    ['S.A.R.L. Dupont', '', null],
    ['Boulangerie Leroy & Fils', '', null],
    ['Menuiserie Blanc et Associés', '', null],
    ['SCI Horizon', '', null],
    ['Transports Girard SAS', '', null],
    ['Association Les Amis du Port', '', null],
    ['Mairie de Lyon', '', null],
    ['Acme Ltd', '', null],
    ['M. Dupont EIRL', '', null], // the form wins over the title: a sole trader's business
  ];
  for (const [name, siren, sign] of cases) {
    it(`${name}${siren ? ` (SIREN ${siren})` : ''}: ${sign ?? 'an organisation'}`, () => {
      expect(consumerSignOf(name, siren)).toBe(sign);
    });
  }
});

describe('ConsumerGuesses', () => {
  it('says nothing when no client was taken as a consumer', () => {
    expect(new ConsumerGuesses().issues()).toEqual([]);
  });

  it('one line for all of them: a count, the first names, the way to say they are businesses', () => {
    const guesses = new ConsumerGuesses();
    for (const name of ['M. Jean Petit', 'Lucie Lumen', 'M. Jean Petit', 'Mme Durand', 'Lucas Bernard']) guesses.add(name, { file: 'factures.csv', line: 4 });
    expect(guesses.issues().map(formatIssue)).toEqual([
      'factures.csv: warning: client_type: 4 clients look like consumers (M. Jean Petit, Lucie Lumen, Mme Durand and 1 more): nothing gives their client type, and their names carry a title (M., Mme…) or no company form (SARL, SAS, association…) and no SIREN — they are treated as consumers (b2c): no €40 fee and no B2B rate are claimed from them — if they are businesses, add a "Type client" column (b2b) or a SIREN column, or set client_type: b2b in relance.yaml',
    ]);
  });
});
