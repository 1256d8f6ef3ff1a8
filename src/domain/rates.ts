// The rates the penalty engine needs, per half-year: the ECB main refinancing rate (MRO),
// the default B2B late-payment rate (MRO + 10 points) and the two legal interest rates.
// The shipped tables are those of docs/law.md; a user's rates file adds or replaces half-years; past
// the last row, the last known rates are carried forward, provisional, so that a cron
// never stops on 1 January.

import type { HalfYear } from './dates.js';
import { halfYearKey, parseHalfYearKey } from './dates.js';
import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { Rate } from './money.js';
import { RATE_ONE_PERCENT, parsePercent } from './money.js';
import { quote } from './user-text.js';

export interface RateValue {
  rate: Rate;
  /** True while the value is not confirmed by its primary source. */
  provisional: boolean;
  /** Where the value comes from, for anyone who wants to check it. */
  source: string;
  /** `carried`: a half-year past the table, given the last known value (docs/law.md § The rate tables). */
  origin: 'shipped' | 'user' | 'carried';
}

export interface HalfYearRates {
  /** ECB main refinancing operations rate in force on 1 January (H1) or 1 July (H2). */
  mro: RateValue;
  /** Default B2B late-payment rate: MRO + 10 points (art. L441-10 II C. com.). */
  b2b: RateValue;
  /** Legal interest rate when the creditor is an individual not acting for business ("particuliers"). */
  legalIndividual: RateValue;
  /** Legal interest rate in all other cases ("tous les autres cas"). */
  legalOther: RateValue;
  /** For a half-year the table does not have: the half-year whose rates were carried forward. */
  carriedFrom?: string;
}

/** Keyed by `2025-H1`. */
export type RateTable = ReadonlyMap<string, HalfYearRates>;

export const B2B_MARGIN: Rate = 10 * RATE_ONE_PERCENT;

const ECB_SOURCE =
  'ECB, key ECB interest rates, main refinancing operations (https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/html/index.en.html)';
const B2B_SOURCE = 'MRO + 10 points (art. L441-10 II C. com.), MRO from the ECB key interest rates page';
const LEGAL_SOURCE =
  "arrêté fixing the taux de l'intérêt légal, Journal officiel; computed by the Banque de France (art. L313-2 and D313-1-A CMF)";

// half-year, MRO, legal rate "particuliers", legal rate "autres cas" (%), as in docs/law.md, and
// for the latest rows the decision or the publication that confirms them.
type ShippedRow = readonly [key: string, mro: string, legalIndividual: string, legalOther: string, confirmed?: { mro: string; legal: string }];
const SHIPPED_ROWS: readonly ShippedRow[] = [
  ['2015-H1', '0.05', '4.06', '0.93'],
  ['2015-H2', '0.05', '4.29', '0.99'],
  ['2016-H1', '0.05', '4.54', '1.01'],
  ['2016-H2', '0.00', '4.35', '0.93'],
  ['2017-H1', '0.00', '4.16', '0.90'],
  ['2017-H2', '0.00', '3.94', '0.90'],
  ['2018-H1', '0.00', '3.73', '0.89'],
  ['2018-H2', '0.00', '3.60', '0.88'],
  ['2019-H1', '0.00', '3.40', '0.86'],
  ['2019-H2', '0.00', '3.26', '0.87'],
  ['2020-H1', '0.00', '3.15', '0.87'],
  ['2020-H2', '0.00', '3.11', '0.84'],
  ['2021-H1', '0.00', '3.14', '0.79'],
  ['2021-H2', '0.00', '3.12', '0.76'],
  ['2022-H1', '0.00', '3.13', '0.76'],
  ['2022-H2', '0.00', '3.15', '0.77'],
  ['2023-H1', '2.50', '4.47', '2.06'],
  ['2023-H2', '4.00', '6.82', '4.22'],
  ['2024-H1', '4.50', '8.01', '5.07'],
  ['2024-H2', '4.25', '8.16', '4.92'],
  ['2025-H1', '3.15', '7.21', '3.71'],
  ['2025-H2', '2.15', '6.65', '2.76'],
  ['2026-H1', '2.15', '6.67', '2.62'],
  [
    '2026-H2',
    '2.40',
    '6.84',
    '2.75',
    {
      mro: 'ECB decision of 11 June 2026, in force from 17 June 2026',
      legal: 'arrêté published in the Journal officiel of 30 June 2026, relayed by service-public.fr (A15398)',
    },
  ],
];

function shippedRates([key, mro, individual, other, confirmed]: ShippedRow): [string, HalfYearRates] {
  const value = (text: string, source: string): RateValue => ({ rate: percent(text), provisional: false, source, origin: 'shipped' });
  const mroValue = value(mro, confirmed ? `${ECB_SOURCE}: ${confirmed.mro}` : ECB_SOURCE);
  const legalSource = confirmed ? `${LEGAL_SOURCE}, ${key}: ${confirmed.legal}` : `${LEGAL_SOURCE}, ${key}`;
  return [
    key,
    {
      mro: mroValue,
      b2b: { ...mroValue, rate: mroValue.rate + B2B_MARGIN, source: confirmed ? `${B2B_SOURCE} (${confirmed.mro})` : B2B_SOURCE },
      legalIndividual: value(individual, legalSource),
      legalOther: value(other, legalSource),
    },
  ];
}

function percent(text: string): Rate {
  const rate = parsePercent(text);
  if (rate === null) throw new Error(`bad shipped rate ${text}`);
  return rate;
}

/** The shipped tables (docs/law.md), 2015-H1 to 2026-H2, every value confirmed. */
export const SHIPPED_RATES: RateTable = new Map(SHIPPED_ROWS.map(shippedRates));

/** The half-year's own row in the table, or null. */
export function ratesFor(table: RateTable, halfYear: HalfYear): HalfYearRates | null {
  return table.get(halfYearKey(halfYear)) ?? null;
}

/** The first and last half-years of a table, or null when it is empty. */
export function rateTableSpan(table: RateTable): { first: string; last: string } | null {
  const keys = [...table.keys()].sort();
  return keys.length === 0 ? null : { first: keys[0]!, last: keys[keys.length - 1]! };
}

/** One half-year of a user's rates file, validated. */
export interface UserRateEntry {
  halfYear: HalfYear;
  mro: Rate;
  /** null: MRO + 10 points. */
  b2b: Rate | null;
  legalIndividual: Rate;
  legalOther: Rate;
  /** A user's value is confirmed unless they write `provisional: true`. */
  provisional: boolean;
  /** `legal_provisional: true`: the legal rates alone are not confirmed (the MRO is, from the ECB). */
  legalProvisional?: boolean;
  /** Their `source:`, else where the entry was read (`rates.yaml:3`). */
  source: string;
  /** Their `legal_source:`, where the legal rates come from; else `source`. */
  legalSource?: string;
}

/** The table with the user's half-years added, or replacing the shipped ones whole. */
export function mergeRates(base: RateTable, entries: readonly UserRateEntry[]): RateTable {
  const merged = new Map(base);
  for (const entry of entries) merged.set(halfYearKey(entry.halfYear), userRates(entry));
  return new Map([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function userRates(entry: UserRateEntry): HalfYearRates {
  const value = (rate: Rate, source = entry.source, provisional = entry.provisional): RateValue => ({ rate, provisional, source, origin: 'user' });
  const legal = (rate: Rate): RateValue => value(rate, entry.legalSource ?? entry.source, entry.provisional || entry.legalProvisional === true);
  return {
    mro: value(entry.mro),
    b2b: entry.b2b === null ? value(entry.mro + B2B_MARGIN, `MRO + 10 points (art. L441-10 II C. com.), MRO from ${entry.source}`) : value(entry.b2b),
    legalIndividual: legal(entry.legalIndividual),
    legalOther: legal(entry.legalOther),
  };
}

/*
 * A user's rates file, named by `rates:` in relance.yaml, maps half-years to rates in percent:
 *
 *   2026-H2: { mro: 2.40, legal_individual: 6.84, legal_other: 2.75, source: "ECB decision of …" }
 *   2027-H1: { mro: 2.15, legal_individual: 6.50, legal_other: 2.60 }
 *
 * mro, legal_individual and legal_other are required; b2b (default mro + 10), source (text)
 * and provisional (true/false, default false) are optional. legal_provisional: true marks
 * the legal rates alone as not confirmed (what `rates --update` writes: the ECB publishes
 * the MRO, the legal rates wait for the arrêté), and legal_source says where they come
 * from. An entry replaces the whole half-year. Rates are numbers or strings such as
 * "2,40 %", with up to four decimals.
 */
type LineOf = (path: (string | number)[]) => number | undefined;

const RATE_FIELDS = {
  mro: { name: 'mro', hint: 'the ECB main refinancing rate in force on 1 January (H1) or 1 July (H2), e.g. mro: 2.15' },
  b2b: { name: 'b2b', hint: 'the B2B late-payment rate, or leave it out for mro + 10' },
  legal_individual: { name: 'legal_individual', hint: 'the legal interest rate for "particuliers" from the Journal officiel, e.g. legal_individual: 6.67' },
  legal_other: { name: 'legal_other', hint: 'the legal interest rate for "tous les autres cas" from the Journal officiel, e.g. legal_other: 2.62' },
} as const;
const KNOWN_FIELDS = [...Object.keys(RATE_FIELDS), 'provisional', 'legal_provisional', 'source', 'legal_source'];
const EXAMPLE_ENTRY = '2027-H1: { mro: 2.15, legal_individual: 6.50, legal_other: 2.60 }';

export function validateRatesFile(raw: unknown, file: string, lineOf?: LineOf): { value: UserRateEntry[]; issues: Issue[] } {
  const line = (path: (string | number)[]): number | undefined => lineOf?.(path);
  if (raw === null || raw === undefined) {
    return { value: [], issues: [warning(file, line([]), undefined, 'the rates file is empty', `write one line per half-year, e.g. ${EXAMPLE_ENTRY}`)] };
  }
  if (!isRecord(raw)) {
    const issue = error(file, line([]), undefined, `the rates file must map half-years to rates, found ${describe(raw)}`, `write one line per half-year, e.g. ${EXAMPLE_ENTRY}`);
    return { value: [], issues: [issue] };
  }
  const value: UserRateEntry[] = [];
  const issues: Issue[] = [];
  for (const [key, body] of Object.entries(raw)) {
    const entry = validateEntry(key, body, file, line, issues);
    if (entry) value.push(entry);
  }
  return { value, issues };
}

function validateEntry(key: string, body: unknown, file: string, line: LineOf, issues: Issue[]): UserRateEntry | null {
  const halfYear = /^\d{4}-H[12]$/.test(key) ? parseHalfYearKey(key) : null;
  if (halfYear === null) {
    issues.push(error(file, line([key]), undefined, `${quote(key)} is not a half-year`, 'name it like 2027-H1 (1 January – 30 June) or 2027-H2 (1 July – 31 December)'));
    return null;
  }
  if (!isRecord(body)) {
    issues.push(error(file, line([key]), key, `expected the rates of ${key}, found ${describe(body)}`, `write them as a mapping, e.g. ${EXAMPLE_ENTRY}`));
    return null;
  }
  const before = issues.length;
  const at = (field: string): number | undefined => line([key, field]) ?? line([key]);
  for (const field of Object.keys(body)) {
    if (!KNOWN_FIELDS.includes(field)) {
      issues.push(error(file, at(field), `${key}.${field}`, `unknown field ${quote(field)}`, `the fields are ${KNOWN_FIELDS.join(', ')}`));
    }
  }
  const rate = (field: keyof typeof RATE_FIELDS, required: boolean): Rate | null => {
    const { name, hint } = RATE_FIELDS[field];
    const text = body[field];
    if (text === undefined || text === null) {
      if (required) issues.push(error(file, at(name), `${key}.${name}`, `${name} is missing`, `give ${hint}`));
      return null;
    }
    const parsed = typeof text === 'number' || typeof text === 'string' ? parsePercent(String(text)) : null;
    if (parsed === null) {
      issues.push(error(file, at(name), `${key}.${name}`, `${describe(text)} is not a rate in percent`, 'write a number such as 2.40 (for 2.40 %), with at most four decimals'));
    }
    return parsed;
  };
  const mro = rate('mro', true);
  const b2b = rate('b2b', false);
  const legalIndividual = rate('legal_individual', true);
  const legalOther = rate('legal_other', true);

  const flag = (name: string, hint: string): boolean => {
    const value = body[name] ?? false;
    if (typeof value !== 'boolean') issues.push(error(file, at(name), `${key}.${name}`, `${describe(value)} is not true or false`, hint));
    return value === true;
  };
  const provisional = flag('provisional', 'write provisional: true while the rates are not confirmed, or leave it out');
  const legalProvisional = flag('legal_provisional', 'write legal_provisional: true while the legal rates are not confirmed by the Journal officiel, or leave it out');
  const text = (name: string, example: string): string | undefined => {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    issues.push(error(file, at(name), `${key}.${name}`, `${describe(value)} is not a source`, `write where the rates come from as text, e.g. ${name}: "${example}"`));
    return undefined;
  };
  const source = text('source', 'ECB decision of 4 June 2026');
  const legalSource = text('legal_source', 'arrêté, Journal officiel of 30 June 2026');

  if (issues.length > before || mro === null || legalIndividual === null || legalOther === null) return null;
  const lineNumber = line([key]);
  return {
    halfYear,
    mro,
    b2b,
    legalIndividual,
    legalOther,
    provisional,
    ...(legalProvisional && { legalProvisional }),
    source: source ?? (lineNumber === undefined ? file : `${file}:${lineNumber}`),
    ...(legalSource !== undefined && { legalSource }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/** The offending value as the message quotes it. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return quote(value);
  return quote(String(value));
}
