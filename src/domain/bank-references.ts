// The bank identifiers a SEPA transfer carries: IBAN (ISO 13616), BIC (ISO 9362) and the
// creditor reference (ISO 11649, "RF…"). IBAN and RF share the ISO 7064 mod 97-10 check:
// move the first four characters to the end, letters become 10..35, the number mod 97 is 1.

/**
 * IBAN lengths of the SEPA countries (the EPC's register of SEPA countries; lengths from the
 * SWIFT IBAN registry). French overseas departments and Monaco's neighbours use FR/MC.
 */
export const SEPA_IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AL: 28, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24,
  FI: 18, FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20,
  LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24,
  SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
};

export type Checked = { ok: true; value: string } | { ok: false; message: string; hint: string };

/** The remainder mod 97 of an alphanumeric string read as digits (A = 10 … Z = 35). */
function mod97(text: string): number {
  let rest = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    rest = value >= 10 ? (rest * 100 + value) % 97 : (rest * 10 + value) % 97;
  }
  return rest;
}

/** Whether `text` (already upper case, no spaces) passes ISO 7064 mod 97-10 with its four leading characters moved to the end. */
function passesMod97(text: string): boolean {
  return mod97(text.slice(4) + text.slice(0, 4)) === 1;
}

/** The IBAN written without spaces, upper case, or why it is not one. */
export function checkIban(text: string): Checked {
  const iban = text.replace(/[\s\u00a0\u202f]/g, '').toUpperCase();
  const shown = JSON.stringify(text);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) {
    return { ok: false, message: `IBAN ${shown} is not an IBAN`, hint: 'an IBAN is a country code, two check digits and the account number, e.g. FR76 3000 6000 0112 3456 7890 189' };
  }
  const country = iban.slice(0, 2);
  const length = SEPA_IBAN_LENGTHS[country];
  if (length === undefined) {
    return { ok: false, message: `IBAN ${shown}: country ${country} is not in the SEPA area`, hint: 'a SEPA credit transfer needs an account in a SEPA country' };
  }
  if (iban.length !== length) {
    return { ok: false, message: `IBAN ${shown} has ${iban.length} characters, a ${country} IBAN has ${length}`, hint: 'copy the IBAN again from the bank details (RIB)' };
  }
  if (!passesMod97(iban)) {
    return { ok: false, message: `IBAN ${shown}: the check digits do not match (mod 97)`, hint: 'a character is wrong or two are swapped: copy the IBAN again from the bank details (RIB)' };
  }
  return { ok: true, value: iban };
}

/** A BIC: 4 letters (bank), 2 (country), 2 letters or digits (place), and optionally 3 (branch). */
export function checkBic(text: string): Checked {
  const bic = text.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) {
    return { ok: false, message: `BIC ${JSON.stringify(text)} is not a BIC`, hint: 'a BIC has 8 or 11 characters, e.g. BNPAFRPP or BNPAFRPPXXX' };
  }
  return { ok: true, value: bic };
}

/**
 * An ISO 11649 creditor reference: `RF`, two check digits, 1 to 21 letters or digits
 * (25 characters at most), mod 97 = 1. Spaces (the printed groups of four) are removed.
 */
export function checkCreditorReference(text: string): Checked {
  const ref = text.replace(/\s/g, '').toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(ref)) {
    return { ok: false, message: `reference ${JSON.stringify(text)} is not an ISO 11649 creditor reference`, hint: 'it is RF, two check digits, then up to 21 letters or digits, e.g. RF18 5390 0754 7034' };
  }
  if (!passesMod97(ref)) {
    return { ok: false, message: `reference ${JSON.stringify(text)}: the check digits do not match (mod 97)`, hint: 'write it again from the invoice, or leave it out and the invoice number goes as free text' };
  }
  return { ok: true, value: ref };
}

/**
 * The ISO 11649 reference of an invoice number: its letters and digits (21 at most), with
 * the check digits computed. null when nothing alphanumeric is left.
 */
export function creditorReferenceFor(invoiceNumber: string): string | null {
  const body = invoiceNumber.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (body === '' || body.length > 21) return null;
  const check = 98 - mod97(`${body}RF00`);
  return `RF${check < 10 ? '0' : ''}${check}${body}`;
}
