// A postal address as an envelope window shows it (La Poste's order, AFNOR XP Z10-011): six
// lines at most in France, seven abroad, 38 characters a line. Checked here so that
// `check` can say what is missing before any letter is printed.

export interface PostalAddress {
  name: string;
  /** The person or department the letter is for: `M. Jean Dupont`, `Service comptabilité`. */
  contact: string | null;
  /** Street lines: number and street, building, PO box. */
  addressLines: readonly string[];
  postcode: string;
  city: string;
  /** null or France for a French address (no country line). */
  country: string | null;
}

/** La Poste and XP Z10-011: six lines at most for a French address, seven abroad; 38 characters a line. */
export const ADDRESS_MAX_LINES = 6;
export const ADDRESS_LINE_CHARACTERS = 38;
/** Longer lines are printed smaller down to this many characters a line; beyond, the address is refused. */
export const ADDRESS_LINE_HARD_LIMIT = 48;

export interface AddressProblem {
  field: 'address' | 'postcode' | 'city' | 'name';
  message: string;
  hint: string;
}

const isFrance = (country: string | null): boolean => country === null || /^(france|fr|fra)$/i.test(country.trim());

/**
 * The lines printed in the envelope window, in La Poste's order: recipient, contact,
 * street lines, `postcode CITY`, then the country in capitals when abroad.
 */
export function windowLines(address: PostalAddress): { lines: string[]; problems: AddressProblem[] } {
  const problems: AddressProblem[] = [];
  const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();
  const name = clean(address.name);
  const street = address.addressLines.map(clean).filter((l) => l !== '');
  const postcode = clean(address.postcode);
  const city = clean(address.city).toUpperCase();
  if (name === '') problems.push({ field: 'name', message: 'the client has no name', hint: 'name the client in the invoice file or the client directory' });
  if (street.length === 0) problems.push({ field: 'address', message: `no postal address for ${name || 'the client'}`, hint: 'add the address in the client directory or the address column of the invoice file' });
  if (postcode === '') problems.push({ field: 'postcode', message: `no postcode for ${name || 'the client'}`, hint: 'add the postcode in the client directory or the invoice file' });
  if (city === '') problems.push({ field: 'city', message: `no town for ${name || 'the client'}`, hint: 'add the town in the client directory or the invoice file' });

  const abroad = !isFrance(address.country);
  const contact = address.contact === null ? '' : clean(address.contact);
  const lines = [name, ...(contact === '' ? [] : [contact]), ...street, `${postcode} ${city}`.trim(), ...(abroad ? [clean(address.country!).toUpperCase()] : [])];
  const max = abroad ? ADDRESS_MAX_LINES + 1 : ADDRESS_MAX_LINES;
  if (lines.length > max) {
    problems.push({ field: 'address', message: `the address of ${name} takes ${lines.length} lines, an envelope window takes ${max}`, hint: 'join two street lines, or leave the contact out' });
  }
  lines.forEach((line, i) => {
    if ([...line].length > ADDRESS_LINE_HARD_LIMIT) {
      problems.push({ field: 'address', message: `line ${i + 1} of the address of ${name} has ${[...line].length} characters, La Poste reads ${ADDRESS_LINE_CHARACTERS}`, hint: 'split it over two lines or abbreviate it (bd, av., ZI)' });
    }
  });
  return { lines, problems };
}
