// A client whose type nothing gives (no column, no setting, no directory): a name with a
// title (M., Mme…), or with no company form (SARL, SAS, association…) and no SIREN, may be
// a consumer, and the €40 fee claimed from a consumer is a mistake the creditor pays for
// (art. L441-10 C. com. concerns professionals only). Such clients are treated as
// consumers until `client_type` says b2b, and named once in a warning.

import type { Issue } from './issue.js';
import { warning } from './issue.js';
import { normalizeName } from './invoice-fields.js';
import { formatCount } from './user-text.js';
import { COMPANY_FORMS, PERSON_TITLES, TRADE_WORDS } from './vocabulary.js';

export type ConsumerSign = 'title' | 'no-company-form';

const TITLES: ReadonlySet<string> = new Set(PERSON_TITLES.map(normalizeName));
const FORMS: ReadonlySet<string> = new Set(COMPANY_FORMS.filter((f) => !/\s/.test(f)).map((f) => words(f).join(' ')));
const FORM_PHRASES: readonly string[] = COMPANY_FORMS.filter((f) => /\s/.test(f)).map((f) => ` ${words(f).join(' ')} `);
const TRADES: ReadonlySet<string> = new Set(TRADE_WORDS.map((w) => words(w).join(' ')));

/** The name's words, normalised, dots of abbreviations dropped ("S.A.R.L." is "sarl"), "&" read as "et". */
function words(name: string): string[] {
  return name
    .replace(/\.(?=\S)/g, '')
    .replace(/&/g, ' et ')
    .split(/[\s,;()[\]/'’"«»–-]+/)
    .map(normalizeName)
    .filter((w) => w !== '');
}

/** Why the name looks like a consumer's, or null when it names an organisation (or a SIREN is given). */
export function consumerSignOf(name: string, siren: string): ConsumerSign | null {
  if (siren.trim() !== '') return null;
  const list = words(name);
  if (list.some((w) => FORMS.has(w))) return null;
  const joined = ` ${list.join(' ')} `;
  if (FORM_PHRASES.some((p) => joined.includes(p))) return null;
  const first = name.trim().split(/\s+/)[0] ?? '';
  if (TITLES.has(normalizeName(first))) return 'title';
  return list.some((w) => TRADES.has(w)) ? null : 'no-company-form';
}

// Distinct names remembered, for the count; beyond, the count says "at least".
const MAX_NAMES = 100_000;
const NAMED = 3;

/** The clients taken as consumers in a read, told in one warning. */
export class ConsumerGuesses {
  private readonly names = new Set<string>();
  private first: { file: string; line: number } | null = null;

  add(client: string, source: { file: string; line: number }): void {
    if (this.first === null) this.first = source;
    if (this.names.size < MAX_NAMES) this.names.add(client);
  }

  /** One warning, or none. */
  issues(): Issue[] {
    if (this.first === null) return [];
    const count = this.names.size;
    const shown = [...this.names].slice(0, NAMED).map((n) => (n.length > 40 ? `${n.slice(0, 39)}…` : n));
    const more = count > NAMED ? ` and ${formatCount(count - NAMED)}${count >= MAX_NAMES ? '+' : ''} more` : '';
    const who = count === 1 ? `1 client looks like a consumer (${shown[0]})` : `${formatCount(count)} clients look like consumers (${shown.join(', ')}${more})`;
    return [
      warning(
        this.first.file,
        undefined,
        'client_type',
        `${who}: nothing gives their client type, and their names carry a title (M., Mme…) or no company form (SARL, SAS, association…) and no SIREN — they are treated as consumers (b2c): no €40 fee and no B2B rate are claimed from them`,
        'if they are businesses, add a "Type client" column (b2b) or a SIREN column, or set client_type: b2b in relance.yaml',
      ),
    ];
  }
}
