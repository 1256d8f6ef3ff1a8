// The vocabulary as data: no name that reads two ways, and README § Invoice files listing
// every header, status word and label relance knows, so that the two never drift apart.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../src/domain/invoice-fields.js';
import {
  COMPANY_FORMS,
  TRADE_WORDS,
  FALLBACK_HEADER_NAMES,
  GROUP_HEADING_LABELS,
  HEADER_NAMES,
  HT_AMOUNT_NAMES,
  PERSON_TITLES,
  PREFERRED_HEADER_NAMES,
  SETTLED_WORDS,
  STATUS_MEANINGS,
  STATUS_WORDS,
  TOTAL_ROW_LABELS,
  candidatesForHeader,
  clientOfHeading,
  isTotalOrHeadingLabel,
  settledFlagOf,
  statusMeaningOf,
} from '../../src/domain/vocabulary.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const SECTION = README.slice(README.indexOf('## Invoice files\n'), README.indexOf('\n## Configuration\n'));

describe('the vocabulary', () => {
  it('no header name reads as two fields with the same strength', () => {
    const all = [...Object.values(HEADER_NAMES), ...Object.values(PREFERRED_HEADER_NAMES), ...Object.values(FALLBACK_HEADER_NAMES), HT_AMOUNT_NAMES].flat();
    for (const name of all) {
      const ranks = candidatesForHeader(name).map((c) => c.rank);
      expect(new Set(ranks).size, `${name}: ${JSON.stringify(candidatesForHeader(name))}`).toBe(ranks.length);
    }
  });

  it('no status word means two states', () => {
    const seen = new Map<string, string>();
    for (const meaning of STATUS_MEANINGS) {
      for (const word of STATUS_WORDS[meaning]) {
        const key = normalizeName(word);
        expect(seen.get(key) ?? meaning, word).toBe(meaning);
        seen.set(key, meaning);
        expect(statusMeaningOf(word)).toBe(meaning);
      }
    }
    expect(statusMeaningOf('NON-RÉGLÉE')).toBe('open');
    expect(statusMeaningOf('À facturer', new Map([['afacturer', 'open']]))).toBe('open');
    expect(statusMeaningOf('À facturer')).toBeNull();
  });

  it('paid flags, totals rows and group headings', () => {
    expect(['Oui', 'NON', '1', '0', 'yes', 'False', 'X'].map(settledFlagOf)).toEqual([true, false, true, false, true, false, true]);
    expect(settledFlagOf('peut-être')).toBeNull();
    expect(['Total', 'TOTAL GÉNÉRAL', 'Sous-total Dupont', 'Total pour 1 - 30 jours', 'Client : Dupont', 'TotalEnergies', 'Totale Peinture SARL', 'Clientèle'].map(isTotalOrHeadingLabel)).toEqual([true, true, true, true, true, false, false, false]);
    expect(['Client : 411DUBOIS - Garage Dubois SARL', 'Tiers : Dupont SARL', 'Total client'].map(clientOfHeading)).toEqual(['Garage Dubois SARL', 'Dupont SARL', null]);
  });
});

describe('README § Invoice files lists what relance recognises', () => {
  const lists: [string, readonly string[]][] = [
    ...Object.entries(HEADER_NAMES).map(([field, names]): [string, readonly string[]] => [`the ${field} headers`, names]),
    ...Object.entries(PREFERRED_HEADER_NAMES).map(([field, names]): [string, readonly string[]] => [`the preferred ${field} headers`, names ?? []]),
    ...Object.entries(FALLBACK_HEADER_NAMES).map(([field, names]): [string, readonly string[]] => [`the fallback ${field} headers`, names ?? []]),
    ['the HT headers', HT_AMOUNT_NAMES],
    ...STATUS_MEANINGS.map((m): [string, readonly string[]] => [`the ${m} words`, STATUS_WORDS[m]]),
    ['the paid flags', [...SETTLED_WORDS.yes, ...SETTLED_WORDS.no]],
    ['the labels of totals rows and group headings', [...TOTAL_ROW_LABELS, ...GROUP_HEADING_LABELS]],
    ['the titles of persons', PERSON_TITLES],
    ['the company forms', COMPANY_FORMS],
    ['the trades that name a business', TRADE_WORDS],
    ['the states of statuses:', STATUS_MEANINGS.map((m) => `\`${m}\``)],
  ];
  for (const [what, words] of lists) {
    it(what, () => {
      expect(words.filter((w) => !SECTION.includes(w))).toEqual([]);
    });
  }
});
