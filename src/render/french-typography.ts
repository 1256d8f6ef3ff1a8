// French typography for the messages relance writes: a space that must not break a line
// on a phone — inside an amount (`1 234,56 €`), before `: ; ? !`, inside « » — becomes a
// no-break space. Only the messages: status tables and CSV keep plain spaces.

/** U+202F, the narrow no-break space: between digit groups, before ; ? ! (Imprimerie nationale). */
export const NNBSP = '\u202F';
/** U+00A0, the no-break space: before : and €, inside « ». */
export const NBSP = '\u00A0';

/** `1 234,56 €` (as domain/money.ts writes it for tables) with the spaces that never break. */
export function unbreakableAmount(amount: string): string {
  return amount.replace(/(\d) (?=\d{3}\b)/g, `$1${NNBSP}`).replace(/ €$/, `${NBSP}€`);
}

/** A French text: each space before : ; ? ! € », and after «, made a no-break one. */
export function frenchText(text: string): string {
  return text
    .replace(/[ \t]+(?=:)/g, NBSP)
    .replace(/[ \t]+(?=[;?!])/g, NNBSP)
    .replace(/[ \t]+(?=[€»])/g, NBSP)
    .replace(/«[ \t]+/g, `«${NBSP}`);
}

/** The same in HTML, in the text between tags only (attributes and style blocks left as they are). */
export function frenchHtml(html: string): string {
  return html
    .split(/(<style[\s\S]*?<\/style>|<[^>]*>)/i)
    .map((part, i) => (i % 2 === 1 ? part : frenchText(part)))
    .join('');
}
