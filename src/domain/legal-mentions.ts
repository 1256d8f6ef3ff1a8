// The creditor's legal mentions (art. R123-237 C. com.: form, capital, RCS and town; the
// VAT number, art. 242 nonies A annexe II CGI), as `creditor.legal` gives them: one text
// (`SARL au capital de 10 000 € · RCS Paris 123 456 789 · TVA FR12…`) or a map of the four.
// The text is the one form kept: a map is written as that text, and a letter reads it back.

/** Each mention printed when given. */
export interface LegalMentions {
  /** `SAS`, `SARL`, `EURL`, `EI`… (or a mention relance does not tell apart, as written). */
  form: string | null;
  /** As written on the invoices: `10 000 €`. */
  capital: string | null;
  /** `RCS Lyon 852 123 456` */
  rcs: string | null;
  /** Intra-community VAT number: `FR12852123456`. */
  vat: string | null;
}

export const LEGAL_KEYS = ['form', 'capital', 'rcs', 'vat'] as const;

/** The map as one line: `SARL au capital de 10 000 € · RCS Lyon 852 123 456 · TVA FR12852123456`. */
export function legalText(m: LegalMentions): string {
  const form = m.form && m.capital ? `${m.form} au capital de ${m.capital}` : m.capital ? `Capital de ${m.capital}` : m.form;
  const rcs = m.rcs === null ? null : /^rcs\b/i.test(m.rcs) ? m.rcs : `RCS ${m.rcs}`;
  const vat = m.vat === null ? null : /^tva\b/i.test(m.vat) ? m.vat : `TVA ${m.vat}`;
  return [form, rcs, vat].filter((s): s is string => !!s).join(' · ');
}

const CAPITAL = /^(.*?)\s*(?:au\s+)?capital\s+(?:social\s+)?(?:de\s+)?(.+)$/i;
const VAT = /^(?:(?:n°\s*)?(?:de\s+)?tva(?:\s+intracom\w*)?\s*:?\s*)?([A-Z]{2}\s?[0-9A-Z][0-9A-Z\s]{1,13})$/;

/** The text's parts, each told apart (form and capital, RCS, VAT); a part relance cannot place joins the form. */
export function parseLegalText(text: string): LegalMentions {
  const m: LegalMentions = { form: null, capital: null, rcs: null, vat: null };
  const other: string[] = [];
  for (const raw of text.split(/\s+[·•|–—-]\s+|\s*;\s*|,\s+|\s*\n\s*/)) {
    const part = raw.replace(/\s+/g, ' ').trim();
    if (part === '') continue;
    const capital = CAPITAL.exec(part);
    if (/^rcs\b/i.test(part)) m.rcs = part;
    else if (/^(n°\s*)?(de\s+)?tva\b/i.test(part) || (VAT.test(part) && /^[A-Z]{2}\s?\d/.test(part))) m.vat = part.replace(/^(n°\s*)?(de\s+)?tva(\s+intracom\w*)?\s*:?\s*/i, '');
    else if (capital) {
      m.capital = capital[2]!;
      if (capital[1] !== '') other.push(capital[1]!);
    } else other.push(part);
  }
  m.form = other.length === 0 ? null : other.join(' – ');
  return m;
}
