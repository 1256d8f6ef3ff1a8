// Who is owed: the creditor as relance.yaml describes it, shown in every reminder and
// letter. Each detail may be missing (null): templates say `{{#if creditor.iban}}`.

export interface Creditor {
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  siren: string | null;
  iban: string | null;
  /** The bank's BIC, for the SEPA QR code of a letter (optional in the EPC069-12 format). */
  bic: string | null;
  payment_link: string | null;
  /** Where the creditor is established (`FR` by default): outside metropolitan France it has 4 months to declare a claim (R622-24 C. com.). */
  country: string | null;
  /** The legal mentions a letter's sender block prints, on one line: `SARL au capital de 10 000 € · RCS Paris 123 456 789 · TVA FR12…` (a map in relance.yaml is written this way). */
  legal: string | null;
  /** Who signs the letters: `Marie Dupont, gérante`. */
  signatory: string | null;
  /** The town of `Fait à Paris, le …`; the town of `address` when not given. */
  place: string | null;
}

export const CREDITOR_KEYS = ['name', 'email', 'phone', 'address', 'siren', 'iban', 'bic', 'payment_link', 'country', 'legal', 'signatory', 'place'] as const;

export function emptyCreditor(): Creditor {
  return { name: null, email: null, phone: null, address: null, siren: null, iban: null, bic: null, payment_link: null, country: null, legal: null, signatory: null, place: null };
}

/** What `relance init` writes when nobody answers its questions; `check` warns while they remain. */
export const PLACEHOLDERS = {
  name: 'Votre Société SARL',
  email: 'compta@votre-societe.example',
} as const;

/** `Marie Dupont, gérante` → the name and the title under it; the creditor's name when nobody is named. */
export function signatoryOf(creditor: Pick<Creditor, 'signatory' | 'name'>): { name: string; title: string | null } {
  const text = creditor.signatory?.trim() ?? '';
  if (text === '') return { name: creditor.name ?? '', title: null };
  const comma = text.indexOf(',');
  if (comma < 0) return { name: text, title: null };
  const title = text.slice(comma + 1).trim();
  return { name: text.slice(0, comma).trim(), title: title === '' ? null : title };
}
