// A client's postal address as relance keeps it on an invoice: street lines, postcode,
// town, country — structured, because a letter in a window envelope needs the parts
// (postal-address.ts lays them out). An invoice file gives it as one text
// (`12 rue des Lilas, 75011 Paris`); a client directory may give each part its column.

export interface ClientAddress {
  /** Street lines: number and street, building, PO box. */
  lines: readonly string[];
  /** '' when not known. */
  postcode: string;
  /** '' when not known. */
  city: string;
  /** null: France (or not said). */
  country: string | null;
}

// `75011 Paris`, `F-75011 PARIS`, `75011 Paris Cedex 11`.
const FRENCH_TOWN = /^(?:F-?\s*)?(\d{5})\s+(.+)$/i;
// A postcode abroad has a digit and at most 10 characters: `1000 Bruxelles`, `D-10115 Berlin`, `SW1A 2AA London`.
const TOWN_ABROAD = /^([A-Z]{0,2}-?\d[\dA-Z-]{1,7}(?:\s[\dA-Z]{3})?)\s+(.+)$/i;
const FRANCE = /^(france|fr|fra)$/i;

/**
 * One text into its parts: lines separated by line breaks, or by `, ` in a CSV cell. The
 * `postcode town` part is the last one, or the one before the country; what cannot be told
 * apart stays in the street lines, with postcode and town left empty (a letter then says
 * what is missing).
 */
export function parseAddressText(text: string): ClientAddress | null {
  const parts = text
    .split(/\r?\n|,\s+|;\s*/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return null;
  const last = parts[parts.length - 1]!;
  const french = FRENCH_TOWN.exec(last);
  if (french) return { lines: parts.slice(0, -1), postcode: french[1]!, city: french[2]!, country: null };
  if (parts.length >= 2) {
    const town = parts[parts.length - 2]!;
    const match = FRENCH_TOWN.exec(town) ?? TOWN_ABROAD.exec(town);
    if (match && /^[\p{L} .'-]+$/u.test(last)) {
      return { lines: parts.slice(0, -2), postcode: match[1]!, city: match[2]!, country: FRANCE.test(last) ? null : last };
    }
  }
  return { lines: parts, postcode: '', city: '', country: null };
}

/** The address on one line, for messages: `12 rue des Lilas, 75011 Paris`. */
export function formatAddress(address: ClientAddress): string {
  const town = `${address.postcode} ${address.city}`.trim();
  return [...address.lines, ...(town === '' ? [] : [town]), ...(address.country === null ? [] : [address.country])].join(', ');
}

/** The same address, written differently or not (case, spaces and accents aside). */
export function sameAddress(a: ClientAddress, b: ClientAddress): boolean {
  const key = (x: ClientAddress) =>
    formatAddress(x)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return key(a) === key(b);
}
