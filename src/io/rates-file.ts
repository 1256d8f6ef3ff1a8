// The rate tables in use: the shipped ones, with a user's rates file (rates: in
// relance.yaml) adding or replacing half-years; and half-years added to that file by
// `relance rates --update`, at its end, without touching a line the user wrote.

import { isDeepStrictEqual } from 'node:util';
import { halfYearKey } from '../domain/dates.js';
import type { Issue } from '../domain/issue.js';
import { formatPercent } from '../domain/money.js';
import type { RateTable, UserRateEntry } from '../domain/rates.js';
import { SHIPPED_RATES, mergeRates, validateRatesFile } from '../domain/rates.js';
import { displayPath, fileError } from './paths.js';
import { parseYaml, readYamlFile } from './yaml-file.js';

export async function loadRates(path: string | null, cwd: string): Promise<{ rates: RateTable; issues: Issue[] }> {
  if (path === null) return { rates: SHIPPED_RATES, issues: [] };
  const file = displayPath(path, cwd);
  let source;
  try {
    source = await readYamlFile(path, file);
  } catch (e) {
    return { rates: SHIPPED_RATES, issues: [fileError(e, file)] };
  }
  if (source.issues.length > 0) return { rates: SHIPPED_RATES, issues: source.issues };
  const { value, issues } = validateRatesFile(source.data, file, (p) => source.lineOf(p));
  return { rates: mergeRates(SHIPPED_RATES, value), issues };
}

const NEW_FILE_HEADER =
  '# Rates for relance, by half-year, in percent (relance rates --help shows the format).\n' +
  '# A half-year here replaces the shipped one whole; relance rates --update adds the missing ones.\n';

/**
 * The rates file's text with `entries` added at its end under a `# comment` heading, the
 * user's lines kept byte for byte (`text` null: a new file). Null when the file's layout
 * would not take them (its top level is not one half-year per key): the result is read
 * back, and must give the old entries unchanged plus the new ones.
 */
export function ratesFileWithEntries(text: string | null, entries: readonly UserRateEntry[], heading: string, file: string): string | null {
  const before = text ?? NEW_FILE_HEADER;
  const gap = before === '' ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const comment = heading.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n');
  // A file written on Windows keeps its CRLF line ends.
  const added = `${gap}${comment}\n${entries.map(entryText).join('')}`;
  const after = before + (before.includes('\r\n') ? added.replace(/\n/g, '\r\n') : added);
  const read = (t: string): UserRateEntry[] | null => {
    const source = parseYaml(t, file);
    if (source.issues.length > 0) return null;
    const { value, issues } = validateRatesFile(source.data, file, (p) => source.lineOf(p));
    return issues.some((i) => i.severity === 'error') ? null : value;
  };
  const old = read(before);
  const now = read(after);
  if (old === null || now === null) return null;
  return isDeepStrictEqual(now, [...old, ...entries]) ? after : null;
}

/** One half-year in block style; strings as JSON, which YAML reads as double-quoted scalars. */
function entryText(entry: UserRateEntry): string {
  const lines = [
    `${halfYearKey(entry.halfYear)}:`,
    `  mro: ${formatPercent(entry.mro)}`,
    ...(entry.b2b === null ? [] : [`  b2b: ${formatPercent(entry.b2b)}`]),
    `  legal_individual: ${formatPercent(entry.legalIndividual)}`,
    `  legal_other: ${formatPercent(entry.legalOther)}`,
    ...(entry.provisional ? ['  provisional: true'] : []),
    ...(entry.legalProvisional ? ['  legal_provisional: true'] : []),
    `  source: ${JSON.stringify(entry.source)}`,
    ...(entry.legalSource === undefined ? [] : [`  legal_source: ${JSON.stringify(entry.legalSource)}`]),
  ];
  return `${lines.join('\n')}\n`;
}
