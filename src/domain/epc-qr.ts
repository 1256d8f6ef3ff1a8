// The payload of the SEPA payment QR code a banking app scans to prefill a transfer.
// Format: European Payments Council, "Quick Response Code: Guidelines to Enable Data
// Capture for the Initiation of a SEPA Credit Transfer", EPC069-12 (version 002 of the
// data set, section 5 "Data elements"). One element a line, in this order:
//   1 service tag `BCD` · 2 version `002` · 3 character set `1` (UTF-8) · 4 identification
//   `SCT` · 5 BIC (optional in 002) · 6 beneficiary name (≤ 70) · 7 IBAN · 8 amount `EUR`
//   + 0.01..999999999.99 (optional) · 9 purpose (≤ 4, empty here) · 10 structured
//   reference ISO 11649 (≤ 35) or 11 unstructured remittance (≤ 140), never both ·
//   12 beneficiary-to-originator information (empty here).
// Lines end with LF; the last filled element is followed by nothing; 331 bytes at most.

import { checkBic, checkCreditorReference, checkIban } from './bank-references.js';
import type { Cents } from './money.js';

export interface EpcTransfer {
  /** Beneficiary: the creditor's name as the bank knows it. */
  name: string;
  iban: string;
  bic?: string | null;
  /** null or 0: the payer types the amount. */
  amount?: Cents | null;
  /** An ISO 11649 creditor reference (`RF…`); excludes `remittance`. */
  reference?: string | null;
  /** Free text for the payee, e.g. `Facture F-2025-014`. */
  remittance?: string | null;
}

export interface EpcProblem {
  field: 'name' | 'iban' | 'bic' | 'amount' | 'reference' | 'remittance' | 'payload';
  message: string;
  hint: string;
}

export type EpcPayload = { ok: true; payload: string } | { ok: false; problems: EpcProblem[] };

export const EPC_MAX_BYTES = 331;
export const EPC_MAX_NAME = 70;
export const EPC_MAX_REMITTANCE = 140;
/** 999 999 999,99 €: the largest amount the format carries. */
export const EPC_MAX_AMOUNT: Cents = 99_999_999_999;

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
const characters = (text: string): number => [...text].length;

/** `EUR1234.56`: a dot, two decimals, no thousands separator. */
export function epcAmount(cents: Cents): string {
  const rest = cents % 100;
  return `EUR${Math.floor(cents / 100)}.${rest < 10 ? '0' : ''}${rest}`;
}

export function buildEpcPayload(transfer: EpcTransfer): EpcPayload {
  const problems: EpcProblem[] = [];
  const problem = (field: EpcProblem['field'], message: string, hint: string): void => {
    problems.push({ field, message, hint });
  };

  const name = oneLine(transfer.name);
  if (name === '') problem('name', 'the beneficiary name is empty', 'set creditor.name in relance.yaml');
  else if (characters(name) > EPC_MAX_NAME) problem('name', `the beneficiary name has ${characters(name)} characters, the QR code takes ${EPC_MAX_NAME}`, 'shorten the name the QR code carries (the letter still shows the full one)');

  const iban = checkIban(transfer.iban);
  if (!iban.ok) problem('iban', iban.message, iban.hint);

  let bic = '';
  if (transfer.bic != null && transfer.bic.trim() !== '') {
    const checked = checkBic(transfer.bic);
    if (checked.ok) bic = checked.value;
    else problem('bic', checked.message, checked.hint);
  }

  let amount = '';
  const cents = transfer.amount ?? 0;
  if (!Number.isSafeInteger(cents) || cents < 0) problem('amount', `the amount ${String(transfer.amount)} is not a positive amount in cents`, 'give the total claimed');
  else if (cents > EPC_MAX_AMOUNT) problem('amount', 'the amount is above 999 999 999,99 €, the largest a payment QR code carries', 'leave the amount out of the QR code');
  else if (cents > 0) amount = epcAmount(cents);

  const wantsReference = transfer.reference != null && transfer.reference.trim() !== '';
  const remittance = oneLine(transfer.remittance ?? '');
  let reference = '';
  if (wantsReference && remittance !== '') {
    problem('reference', 'a structured reference and a free-text remittance are both given', 'EPC069-12 allows one of them: keep the RF reference or the text');
  } else if (wantsReference) {
    const checked = checkCreditorReference(transfer.reference!);
    if (checked.ok) reference = checked.value;
    else problem('reference', checked.message, checked.hint);
  }
  if (characters(remittance) > EPC_MAX_REMITTANCE) {
    problem('remittance', `the remittance text has ${characters(remittance)} characters, the QR code takes ${EPC_MAX_REMITTANCE}`, 'name fewer invoices in it');
  }
  if (problems.length > 0) return { ok: false, problems };

  const elements = ['BCD', '002', '1', 'SCT', bic, name, iban.ok ? iban.value : '', amount, '', reference, remittance, ''];
  while (elements[elements.length - 1] === '') elements.pop();
  const payload = elements.join('\n');
  const bytes = new TextEncoder().encode(payload).length;
  if (bytes > EPC_MAX_BYTES) {
    return { ok: false, problems: [{ field: 'payload', message: `the QR payload has ${bytes} bytes, EPC069-12 allows ${EPC_MAX_BYTES}`, hint: 'shorten the name or the remittance text' }] };
  }
  return { ok: true, payload };
}
