// Who is owed: the creditor as relance.yaml describes it, shown in every reminder and
// letter. Each detail may be missing (null): templates say `{{#if creditor.iban}}`.

export interface Creditor {
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  siren: string | null;
  iban: string | null;
  payment_link: string | null;
  /** Where the creditor is established (`FR` by default): outside metropolitan France it has 4 months to declare a claim (R622-24 C. com.). */
  country: string | null;
}

export const CREDITOR_KEYS = ['name', 'email', 'phone', 'address', 'siren', 'iban', 'payment_link', 'country'] as const;

export function emptyCreditor(): Creditor {
  return { name: null, email: null, phone: null, address: null, siren: null, iban: null, payment_link: null, country: null };
}

/** What `relance init` writes when nobody answers its questions; `check` warns while they remain. */
export const PLACEHOLDERS = {
  name: 'Votre Société SARL',
  email: 'compta@votre-societe.example',
} as const;
