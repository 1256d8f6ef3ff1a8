// The SEPA payment QR payload against EPC069-12 ("Quick Response Code: Guidelines to Enable
// Data Capture for the Initiation of a SEPA Credit Transfer", version 002, section 5): each
// element at its line, in its format. The IBANs and the RF reference below are the published
// examples of their standards (ISO 13616, ISO 11649), checked by their mod 97 digits.

import { describe, expect, it } from 'vitest';
import { checkBic, checkCreditorReference, checkIban, creditorReferenceFor } from '../../src/domain/bank-references.js';
import { buildEpcPayload, epcAmount, type EpcTransfer } from '../../src/domain/epc-qr.js';

const base: EpcTransfer = { name: 'Atelier Dupré & Fils', iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'BNPAFRPPXXX', amount: 123_456, remittance: 'Facture F-2025-014' };

function payloadOf(transfer: EpcTransfer): string {
  const built = buildEpcPayload(transfer);
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('; '));
  return built.payload;
}

describe('IBAN, BIC and creditor reference', () => {
  it.each([
    ['FR76 3000 6000 0112 3456 7890 189', 'FR7630006000011234567890189'],
    ['de89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['GB82WEST12345698765432', 'GB82WEST12345698765432'],
    ['BE68 5390 0754 7034', 'BE68539007547034'],
  ])('%s is a valid IBAN, written %s', (text, value) => {
    expect(checkIban(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['FR7630006000011234567890188', 'IBAN "FR7630006000011234567890188": the check digits do not match (mod 97)'],
    ['FR76300060000112345678901', 'IBAN "FR76300060000112345678901" has 25 characters, a FR IBAN has 27'],
    ['US12345678901234567890', 'IBAN "US12345678901234567890": country US is not in the SEPA area'],
    ['3000 6000 0112', 'IBAN "3000 6000 0112" is not an IBAN'],
    ['FR76-3000-6000', 'IBAN "FR76-3000-6000" is not an IBAN'],
  ])('%s is refused: %s', (text, message) => {
    const checked = checkIban(text);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toBe(message);
  });

  it.each([
    ['BNPAFRPP', true],
    ['bnpa fr pp xxx', true],
    ['BNPAFRP', false],
    ['BNP1FRPP', false],
    ['BNPAFRPPXX', false],
  ])('BIC %s valid: %s', (text, valid) => {
    expect(checkBic(text).ok).toBe(valid);
  });

  it.each([
    ['RF18 5390 0754 7034', true],
    ['RF18539007547034', true],
    ['RF19539007547034', false],
    ['RF18 5390 0754 7034 1234 5678 9012 3', false], // 29 characters: over 25
    ['XX18539007547034', false],
  ])('creditor reference %s valid: %s', (text, valid) => {
    expect(checkCreditorReference(text).ok).toBe(valid);
  });

  it('builds the RF reference of an invoice number, which then checks', () => {
    // ISO 11649's own example: the reference 539007547034 has check digits 18.
    expect(creditorReferenceFor('539007547034')).toBe('RF18539007547034');
    const ref = creditorReferenceFor('F-2025-014');
    expect(ref).toMatch(/^RF\d{2}F2025014$/);
    expect(checkCreditorReference(ref!).ok).toBe(true);
    expect(creditorReferenceFor('---')).toBeNull();
    expect(creditorReferenceFor('A'.repeat(22))).toBeNull();
  });
});

describe('the EPC069-12 payload', () => {
  it('has every element at its line, in its format', () => {
    const payload = payloadOf(base);
    const lines = payload.split('\n');
    expect(lines).toEqual([
      'BCD', // 1 service tag
      '002', // 2 version
      '1', // 3 character set: UTF-8
      'SCT', // 4 identification: SEPA credit transfer
      'BNPAFRPPXXX', // 5 BIC
      'Atelier Dupré & Fils', // 6 beneficiary name
      'FR7630006000011234567890189', // 7 IBAN without spaces
      'EUR1234.56', // 8 amount: EUR, a dot, no thousands separator
      '', // 9 purpose: empty
      '', // 10 structured reference: empty when free text is given
      'Facture F-2025-014', // 11 unstructured remittance; 12 (information) empty, so no line at all
    ]);
    expect(payload.endsWith('\n')).toBe(false);
    expect(payload.includes('\r')).toBe(false);
  });

  it('carries a structured reference on line 10 and stops there', () => {
    const payload = payloadOf({ ...base, remittance: null, reference: 'RF18 5390 0754 7034' });
    expect(payload.split('\n').slice(7)).toEqual(['EUR1234.56', '', 'RF18539007547034']);
  });

  it('leaves the BIC line empty (optional in version 002) and the amount out when unknown', () => {
    const payload = payloadOf({ name: 'Atelier Martin', iban: 'DE89370400440532013000', amount: 0 });
    expect(payload).toBe('BCD\n002\n1\nSCT\n\nAtelier Martin\nDE89370400440532013000');
  });

  it.each([
    [1, 'EUR0.01'],
    [4000, 'EUR40.00'],
    [123_456_789, 'EUR1234567.89'],
    [99_999_999_999, 'EUR999999999.99'],
  ])('%i cents is %s', (cents, text) => {
    expect(epcAmount(cents)).toBe(text);
    expect(payloadOf({ ...base, amount: cents }).split('\n')[7]).toBe(text);
  });

  it('puts the name on one line', () => {
    expect(payloadOf({ ...base, name: '  Atelier\nDupré  ' }).split('\n')[5]).toBe('Atelier Dupré');
  });

  it('stays within 331 bytes at the limits of each element', () => {
    const payload = payloadOf({ ...base, name: 'N'.repeat(70), remittance: 'R'.repeat(140), amount: 99_999_999_999 });
    expect(new TextEncoder().encode(payload).length).toBeLessThanOrEqual(331);
  });

  it.each<[string, Partial<EpcTransfer>, string, string]>([
    ['an empty name', { name: '  ' }, 'name', 'the beneficiary name is empty'],
    ['a name over 70 characters', { name: 'é'.repeat(71) }, 'name', 'the beneficiary name has 71 characters, the QR code takes 70'],
    ['a wrong IBAN', { iban: 'FR7630006000011234567890188' }, 'iban', 'IBAN "FR7630006000011234567890188": the check digits do not match (mod 97)'],
    ['a wrong BIC', { bic: 'BNPA' }, 'bic', 'BIC "BNPA" is not a BIC'],
    ['a negative amount', { amount: -100 }, 'amount', 'the amount -100 is not a positive amount in cents'],
    ['a fractional amount', { amount: 12.5 }, 'amount', 'the amount 12.5 is not a positive amount in cents'],
    ['an amount over 999 999 999,99', { amount: 100_000_000_000 }, 'amount', 'the amount is above 999 999 999,99 €, the largest a payment QR code carries'],
    ['both references', { reference: 'RF18539007547034' }, 'reference', 'a structured reference and a free-text remittance are both given'],
    ['a bad RF reference', { remittance: null, reference: 'RF19539007547034' }, 'reference', 'reference "RF19539007547034": the check digits do not match (mod 97)'],
    ['a remittance over 140 characters', { remittance: 'x'.repeat(141) }, 'remittance', 'the remittance text has 141 characters, the QR code takes 140'],
  ])('refuses %s', (_what, change, field, message) => {
    const built = buildEpcPayload({ ...base, ...change });
    expect(built).toMatchObject({ ok: false, problems: [{ field, message }] });
  });

  it('refuses a payload over 331 bytes (multi-byte characters count as bytes)', () => {
    const built = buildEpcPayload({ ...base, name: '€'.repeat(70), remittance: '€'.repeat(30) });
    expect(built).toMatchObject({ ok: false, problems: [{ field: 'payload' }] });
    if (!built.ok) expect(built.problems[0]!.message).toMatch(/^the QR payload has \d+ bytes, EPC069-12 allows 331$/);
  });

  it('reports every problem at once', () => {
    const built = buildEpcPayload({ name: '', iban: 'XX', bic: 'B', amount: -1 });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.problems.map((p) => p.field)).toEqual(['name', 'iban', 'bic', 'amount']);
  });
});
