// The two parties of a letter or a dossier, from what relance.yaml and the invoice files
// say: the creditor's block (its address split into lines, its legal mentions read back
// from `creditor.legal`, who signs and where), and the transfer details with the SEPA QR
// code. The debtor's address is domain/letter-address.ts.

import { parseAddressText } from '../domain/client-address.js';
import type { Creditor } from '../domain/creditor.js';
import { signatoryOf } from '../domain/creditor.js';
import { buildEpcPayload } from '../domain/epc-qr.js';
import { checkBic, checkIban } from '../domain/bank-references.js';
import type { Cents } from '../domain/money.js';
import { parseLegalText } from '../domain/legal-mentions.js';
import type { LetterCreditor, LetterPayment } from './letter-document.js';

export function letterCreditor(creditor: Creditor): LetterCreditor {
  const address = creditor.address === null ? null : parseAddressText(creditor.address);
  const town = address === null ? '' : `${address.postcode} ${address.city}`.trim();
  const addressLines = address === null ? [] : [...address.lines, ...(town === '' ? [] : [town]), ...(address.country === null ? [] : [address.country])];
  return {
    name: creditor.name ?? '',
    addressLines,
    siren: creditor.siren,
    legal: creditor.legal === null ? null : parseLegalText(creditor.legal),
    phone: creditor.phone,
    email: creditor.email,
    place: creditor.place ?? (address?.city || ''),
    signatory: signatoryOf(creditor),
  };
}

/** The transfer details under the amount, and its SEPA QR code when the IBAN (and the BIC, if given) are right. */
export function letterPayment(creditor: Creditor, numbers: readonly string[], amount: Cents): LetterPayment | null {
  if (creditor.iban === null) return null;
  const iban = checkIban(creditor.iban);
  if (!iban.ok) return null;
  const bic = creditor.bic === null ? null : checkBic(creditor.bic);
  const reference = `${numbers.length > 1 ? 'Factures' : 'Facture'} ${numbers.join(', ')}`;
  const epc = buildEpcPayload({ name: creditor.name ?? '', iban: iban.value, bic: bic?.ok ? bic.value : null, amount, remittance: reference });
  return { iban: iban.value, bic: bic?.ok ? bic.value : null, reference, epcPayload: epc.ok ? epc.payload : null };
}
