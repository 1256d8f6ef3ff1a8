// creditor.legal as a text or a map, read back into the mentions a letter prints; who signs.

import { describe, expect, it } from 'vitest';
import { signatoryOf } from '../../src/domain/creditor.js';
import { legalText, parseLegalText } from '../../src/domain/legal-mentions.js';

describe('creditor.legal', () => {
  it.each([
    ['SARL au capital de 10 000 € · RCS Paris 123 456 789 · TVA FR12 123456789', { form: 'SARL', capital: '10 000 €', rcs: 'RCS Paris 123 456 789', vat: 'FR12 123456789' }],
    ['SAS au capital de 1 500,00 €, RCS Lyon B 852 123 456, TVA intracommunautaire : FR12852123456', { form: 'SAS', capital: '1 500,00 €', rcs: 'RCS Lyon B 852 123 456', vat: 'FR12852123456' }],
    ['EI – RCS Nantes 901 234 567 – FR40901234567', { form: 'EI', capital: null, rcs: 'RCS Nantes 901 234 567', vat: 'FR40901234567' }],
    ['Association loi 1901', { form: 'Association loi 1901', capital: null, rcs: null, vat: null }],
    ['Capital social de 5 000 €; RCS Lille 123 456 789', { form: null, capital: '5 000 €', rcs: 'RCS Lille 123 456 789', vat: null }],
  ])('%s', (text, mentions) => {
    expect(parseLegalText(text)).toEqual(mentions);
  });

  it('a map is written as the text that reads back to it', () => {
    const m = { form: 'SARL', capital: '10 000 €', rcs: 'Lyon 852 123 456', vat: 'FR12852123456' };
    expect(legalText(m)).toBe('SARL au capital de 10 000 € · RCS Lyon 852 123 456 · TVA FR12852123456');
    expect(parseLegalText(legalText(m))).toEqual({ ...m, rcs: 'RCS Lyon 852 123 456' });
    expect(legalText({ form: null, capital: null, rcs: null, vat: 'FR12852123456' })).toBe('TVA FR12852123456');
  });
});

describe('creditor.signatory', () => {
  it.each([
    [{ signatory: 'Marie Dupont, gérante', name: 'Atelier Dupont' }, { name: 'Marie Dupont', title: 'gérante' }],
    [{ signatory: 'Marie Dupont', name: 'Atelier Dupont' }, { name: 'Marie Dupont', title: null }],
    [{ signatory: 'Jean Roux, président, pour la société', name: null }, { name: 'Jean Roux', title: 'président, pour la société' }],
    [{ signatory: null, name: 'Atelier Dupont' }, { name: 'Atelier Dupont', title: null }],
  ])('%j signs as %j', (creditor, signatory) => {
    expect(signatoryOf(creditor)).toEqual(signatory);
  });
});
