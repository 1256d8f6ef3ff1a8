import { describe, expect, it } from 'vitest';
import { windowLines, type PostalAddress } from '../../src/domain/postal-address.js';

const address: PostalAddress = { name: 'Société Martin', contact: 'M. Jean Martin', addressLines: ['4 allée des Chênes'], postcode: '38200', city: 'Vienne', country: null };

describe('windowLines', () => {
  it('orders the lines as La Poste reads them, the town in capitals', () => {
    expect(windowLines(address)).toEqual({ lines: ['Société Martin', 'M. Jean Martin', '4 allée des Chênes', '38200 VIENNE'], problems: [] });
  });

  it('adds the country in capitals abroad, not for France', () => {
    expect(windowLines({ ...address, contact: null, postcode: '1000', city: 'Bruxelles', country: 'Belgique' }).lines).toEqual(['Société Martin', '4 allée des Chênes', '1000 BRUXELLES', 'BELGIQUE']);
    expect(windowLines({ ...address, country: 'France' }).lines).toHaveLength(4);
    expect(windowLines({ ...address, country: 'FR' }).lines).toHaveLength(4);
  });

  it.each<[string, Partial<PostalAddress>, string]>([
    ['no street', { addressLines: ['  '] }, 'no postal address for Société Martin — add the address in the client directory or the address column of the invoice file'],
    ['no postcode', { postcode: '' }, 'no postcode for Société Martin — add the postcode in the client directory or the invoice file'],
    ['no town', { city: ' ' }, 'no town for Société Martin — add the town in the client directory or the invoice file'],
    ['seven lines in France', { addressLines: ['Bâtiment B', 'Escalier 3', 'ZI des Prés', '4 allée des Chênes'] }, 'the address of Société Martin takes 7 lines, an envelope window takes 6 — join two street lines, or leave the contact out'],
    ['a line of 49 characters', { addressLines: ['x'.repeat(49)] }, 'line 3 of the address of Société Martin has 49 characters, La Poste reads 38 — split it over two lines or abbreviate it (bd, av., ZI)'],
  ])('refuses %s, saying how to fix it', (_what, change, message) => {
    const { problems } = windowLines({ ...address, ...change });
    expect(problems.map((p) => `${p.message} — ${p.hint}`)).toEqual([message]);
  });
});
