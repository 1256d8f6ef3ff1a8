// The `creditor:` section of relance.yaml: who is owed, as the reminders show it and the
// letters print it. `legal` is a text or a map (form, capital, rcs, vat) kept as one text;
// the IBAN and BIC are checked here so that `check` says a mistyped one before a letter
// prints it (its QR code would then be left out).

import { checkBic, checkIban } from '../domain/bank-references.js';
import type { Creditor } from '../domain/creditor.js';
import { CREDITOR_KEYS, emptyCreditor } from '../domain/creditor.js';
import type { LegalMentions } from '../domain/legal-mentions.js';
import { LEGAL_KEYS, legalText } from '../domain/legal-mentions.js';
import type { ConfigReader } from './config-reader.js';
import { isRecord } from './config-reader.js';

export function readCreditor(reader: ConfigReader): Creditor {
  const creditor = emptyCreditor();
  const raw = reader.section('creditor', CREDITOR_KEYS);
  for (const key of CREDITOR_KEYS) {
    if (key === 'legal' && isRecord(raw.legal)) creditor.legal = legalFromMap(reader, raw.legal);
    else creditor[key] = reader.text(['creditor', key], raw[key]);
  }
  if (creditor.iban !== null) {
    const iban = checkIban(creditor.iban);
    if (!iban.ok) reader.warn(['creditor', 'iban'], iban.message, `${iban.hint}; until then the letters carry no payment QR code`);
  }
  if (creditor.bic !== null) {
    const bic = checkBic(creditor.bic);
    if (!bic.ok) reader.warn(['creditor', 'bic'], bic.message, `${bic.hint}; until then the letters' QR code goes without it`);
  }
  return creditor;
}

/** `legal: { form: SARL, capital: 10 000 €, rcs: RCS Lyon 852 123 456, vat: FR12852123456 }` as one text. */
function legalFromMap(reader: ConfigReader, map: Record<string, unknown>): string | null {
  reader.unknownKeys(map, ['creditor', 'legal'], LEGAL_KEYS);
  const m: LegalMentions = { form: null, capital: null, rcs: null, vat: null };
  for (const key of LEGAL_KEYS) m[key] = reader.text(['creditor', 'legal', key], map[key]);
  const text = legalText(m);
  return text === '' ? null : text;
}
