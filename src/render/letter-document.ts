// What a formal-notice letter is made of, before any layout: the two parties, the date,
// the subject, the body (already rendered from the step's Handlebars template, which stays
// the source of the text), the deadline, the décompte and the optional payment QR code.

import type { Cents } from '../domain/money.js';
import type { Day } from '../domain/dates.js';
import type { Decompte } from '../domain/decompte.js';
import type { LegalMentions } from '../domain/legal-mentions.js';
import type { PostalAddress } from '../domain/postal-address.js';

export type { LegalMentions } from '../domain/legal-mentions.js';

export interface LetterCreditor {
  name: string;
  addressLines: readonly string[];
  siren: string | null;
  legal: LegalMentions | null;
  phone: string | null;
  email: string | null;
  /** The town of `Fait à Lyon, le …`. */
  place: string;
  signatory: { name: string; title: string | null };
}

/** The debtor, as its address is printed in the envelope window. */
export type LetterDebtor = PostalAddress;

export interface LetterPayment {
  iban: string;
  bic: string | null;
  /** What the payer writes as the transfer's reference. */
  reference: string;
  /** The EPC069-12 payload (`buildEpcPayload`) drawn as a QR code under the amount, or null. */
  epcPayload: string | null;
}

export interface LetterDocument {
  creditor: LetterCreditor;
  debtor: LetterDebtor;
  date: Day;
  /** Prints "Lettre recommandée avec demande d’avis de réception". */
  registered: boolean;
  subject: string;
  /** The letter's text, paragraphs separated by a blank line. */
  body: string;
  /** Counted from receipt of the letter. */
  deadlineDays: number;
  /** As of the letter's date: its total, less `credit`, is the amount claimed. */
  decompte: Decompte;
  /** The client's credit notes left over once its invoices are reduced: deducted from the total (null: none). */
  credit?: { amount: Cents; notes: readonly string[] } | null;
  payment: LetterPayment | null;
}

/** What the letter asks for: the décompte's total less the client's leftover credit. */
export function amountClaimed(letter: Pick<LetterDocument, 'decompte' | 'credit'>): Cents {
  return letter.decompte.totals.total - (letter.credit?.amount ?? 0);
}

/** `SARL au capital de 10 000 €`, `RCS Lyon 852 123 456`, `SIREN 852 123 456`, `TVA FR12852123456`: each one given. */
export function legalMentions(creditor: Pick<LetterCreditor, 'siren' | 'legal'>): string[] {
  const legal = creditor.legal;
  const form = legal?.form && legal.capital ? `${legal.form} au capital de ${legal.capital}` : (legal?.form ?? null);
  return [form, legal?.rcs ?? null, creditor.siren ? `SIREN ${creditor.siren}` : null, legal?.vat ? `TVA ${legal.vat}` : null].filter((s): s is string => !!s);
}
