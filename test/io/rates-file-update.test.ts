// What `rates --update` writes, before it writes it: the rates file with half-years added
// at its end and relance.yaml with its `rates:` line, every byte the user wrote kept; and
// null, so nothing is written, when the file's layout would not take them.

import { describe, expect, it } from 'vitest';
import type { UserRateEntry } from '../../src/domain/rates.js';
import { configWithRatesLine, hasRatesKey } from '../../src/io/config-rates-line.js';
import { ratesFileWithEntries } from '../../src/io/rates-file.js';

const ENTRY: UserRateEntry = {
  halfYear: { year: 2027, half: 1 },
  mro: 21_500,
  b2b: null,
  legalIndividual: 68_400,
  legalOther: 27_500,
  provisional: false,
  legalProvisional: true,
  source: 'ECB Data Portal: "MRR_FR", fetched 2027-02-01',
  legalSource: 'carried forward from 2026-H2',
};
const ENTRY_TEXT =
  '2027-H1:\n  mro: 2.15\n  legal_individual: 6.84\n  legal_other: 2.75\n  legal_provisional: true\n' +
  '  source: "ECB Data Portal: \\"MRR_FR\\", fetched 2027-02-01"\n  legal_source: "carried forward from 2026-H2"\n';

describe('ratesFileWithEntries', () => {
  it.each([
    ['a file with a trailing newline', '# mine\n2026-H2: { mro: 2.40, legal_individual: 6.84, legal_other: 2.75 }\n', '\n'],
    ['a file without one', '2026-H2: { mro: 2.40, legal_individual: 6.84, legal_other: 2.75 }  # ok', '\n\n'],
    ['a file of comments alone', '# nothing yet\n', '\n'],
    ['an empty file', '', ''],
  ])('%s: kept as it is, the entry after it', (_name, text, gap) => {
    expect(ratesFileWithEntries(text, [ENTRY], 'Added on 2027-02-01;\nsecond line', 'rates.yaml')).toBe(`${text}${gap}# Added on 2027-02-01;\n# second line\n${ENTRY_TEXT}`);
  });

  it('a file with CRLF line ends keeps them', () => {
    const text = '2026-H2: { mro: 2.40, legal_individual: 6.84, legal_other: 2.75 }\r\n';
    expect(ratesFileWithEntries(text, [ENTRY], 'Added', 'rates.yaml')).toBe(`${text}\r\n# Added\r\n${ENTRY_TEXT.replace(/\n/g, '\r\n')}`);
  });

  it('a new file starts with what it is', () => {
    const text = ratesFileWithEntries(null, [ENTRY], 'Added', 'rates.yaml')!;
    expect(text).toMatch(/^# Rates for relance, by half-year, in percent \(relance rates --help shows the format\)\.\n/);
    expect(text.endsWith(`\n# Added\n${ENTRY_TEXT}`)).toBe(true);
  });

  it.each([
    ['a flow mapping at the top', '{ 2026-H2: { mro: 2.40, legal_individual: 6.84, legal_other: 2.75 } }\n'],
    ['a document end marker', '2026-H2: { mro: 2.40, legal_individual: 6.84, legal_other: 2.75 }\n...\n'],
  ])('%s: refused, nothing to write', (_name, text) => {
    expect(ratesFileWithEntries(text, [ENTRY], 'Added', 'rates.yaml')).toBeNull();
  });
});

describe('configWithRatesLine', () => {
  it.each([
    ['with comments and sections', '# mine\ninvoices: f.csv   # the export\nmail:\n  from: a@b.example\n'],
    ['without a trailing newline', 'invoices: f.csv'],
  ])('%s: one line added at the end', (_name, text) => {
    expect(configWithRatesLine(text, 'rates.yaml')).toBe(`${text}${text.endsWith('\n') ? '' : '\n'}rates: rates.yaml\n`);
  });

  it('keeps CRLF line ends', () => {
    expect(configWithRatesLine('invoices: f.csv\r\n', 'rates.yaml')).toBe('invoices: f.csv\r\nrates: rates.yaml\r\n');
  });

  it('quotes a name YAML would misread', () => {
    expect(configWithRatesLine('invoices: f.csv\n', 'mes taux: 2027.yaml')).toBe('invoices: f.csv\nrates: "mes taux: 2027.yaml"\n');
  });

  it('refuses a layout the line would break', () => {
    expect(configWithRatesLine('{ invoices: f.csv }\n', 'rates.yaml')).toBeNull();
    expect(configWithRatesLine('- invoices\n', 'rates.yaml')).toBeNull();
  });

  it('knows a rates key that is there but empty', () => {
    expect(hasRatesKey('invoices: f.csv\nrates:\n')).toBe(true);
    expect(hasRatesKey('invoices: f.csv\n# rates: r.yaml\n')).toBe(false);
  });
});
