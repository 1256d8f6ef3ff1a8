// The helpers a reminder template may call. One Handlebars environment per language, so a
// helper knows its language without reading the context. A helper given a value of the
// wrong kind throws (with where it was called) rather than print something plausible.

import Handlebars from 'handlebars';
import type { Language } from '../domain/invoice.js';
import { formatEurosEn, formatEurosFr, parseAmount } from '../domain/money.js';
import { parseIsoDay, ymdFromDay } from '../domain/dates.js';
import { unbreakableAmount } from './french-typography.js';

/** Where in its source a helper was called (1-based line, 0-based column), as Handlebars passes it. */
export interface SourceLoc {
  start: { line: number; column: number };
}

/** A helper called with the wrong arguments; `loc` says where, for the Issue. */
export class HelperError extends Error {
  readonly loc: SourceLoc | undefined;
  readonly hint: string | undefined;
  constructor(message: string, loc: SourceLoc | undefined, hint?: string) {
    super(message);
    this.name = 'HelperError';
    this.loc = loc;
    this.hint = hint;
  }
}

const NULL_HINT = 'this value may be null: put {{#if …}}…{{/if}} around it';

function wrongValue(message: string, value: unknown, loc: SourceLoc | undefined): HelperError {
  return new HelperError(`${message}, got ${describeValue(value)}`, loc, value == null ? NULL_HINT : undefined);
}

/**
 * The helpers besides Handlebars' `if`, `unless`, `each` and `with`, and how many arguments
 * each takes (the template check reads this):
 * - `{{money x}}`: an amount "1234.50" → `1 234,50 €` (its spaces no-break ones) / `€1,234.50`
 * - `{{date d}}`: "2026-10-01" → `1er octobre 2026` / `October 1, 2026`
 * - `{{plural n "facture" "factures"}}`: French takes the singular for 0 and 1, English for 1 only
 * - `(gt a b)`: a > b for two numbers or two amounts, e.g. `{{#if (gt totals.count 1)}}` for
 *   "several invoices", `{{#if (gt paid "0.00")}}` for "partly paid"
 */
export const HELPER_ARITY: Readonly<Record<string, number>> = { money: 1, date: 1, plural: 3, gt: 2 };

const AMOUNT = /^-?\d+\.\d{2}$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const MONTHS: Record<Language, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** An amount as the context gives it ("1234.50"), written for a reader; null when it is not one. */
export function formatMoney(value: unknown, language: Language): string | null {
  if (typeof value !== 'string' || !AMOUNT.test(value)) return null;
  const cents = parseAmount(value);
  if (cents === null) return null;
  // In a message an amount never splits across two lines (french-typography.ts).
  return language === 'fr' ? unbreakableAmount(formatEurosFr(cents)) : formatEurosEn(cents);
}

/** A date as the context gives it ("2026-10-01"), written out; null when it is not one. */
export function formatLongDate(value: unknown, language: Language): string | null {
  if (typeof value !== 'string' || !ISO_DAY.test(value)) return null;
  const day = parseIsoDay(value);
  if (day === null) return null;
  const { year, month, day: d } = ymdFromDay(day);
  const monthName = MONTHS[language][month - 1]!;
  // French writes the first of the month as an ordinal: `1er octobre 2026`, then `2 octobre`.
  return language === 'fr' ? `${d === 1 ? '1er' : d} ${monthName} ${year}` : `${monthName} ${d}, ${year}`;
}

/** The word agreeing with n; null when n is not a number. */
export function pluralWord(n: unknown, one: string, many: string, language: Language): string | null {
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  const singular = language === 'fr' ? Math.abs(n) < 2 : Math.abs(n) === 1;
  return singular ? one : many;
}

/** How a wrong argument is quoted in an error message. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

interface CallOptions {
  loc?: SourceLoc;
}

/** Handlebars passes its options object last; this splits it from the arguments and checks their count. */
function splitArgs(name: string, raw: unknown[]): { args: unknown[]; loc: SourceLoc | undefined } {
  const options = raw[raw.length - 1] as CallOptions;
  const args = raw.slice(0, -1);
  const arity = HELPER_ARITY[name]!;
  if (args.length !== arity) {
    throw new HelperError(`${name} takes ${arity} argument${arity === 1 ? '' : 's'}, given ${args.length}`, options.loc);
  }
  return { args, loc: options.loc };
}

/** A Handlebars environment with the helpers of one language, and without `lookup` and `log`. */
export function createEnvironment(language: Language): typeof Handlebars {
  const env = Handlebars.create();
  // `lookup` would reach keys by a computed name, out of the template check's sight.
  env.unregisterHelper('lookup');
  env.unregisterHelper('log');

  env.registerHelper('money', (...raw: unknown[]) => {
    const { args, loc } = splitArgs('money', raw);
    const text = formatMoney(args[0], language);
    if (text === null) throw wrongValue('money expects an amount such as "1234.50"', args[0], loc);
    return text;
  });
  env.registerHelper('date', (...raw: unknown[]) => {
    const { args, loc } = splitArgs('date', raw);
    const text = formatLongDate(args[0], language);
    if (text === null) throw wrongValue('date expects a date such as "2026-10-31"', args[0], loc);
    return text;
  });
  env.registerHelper('plural', (...raw: unknown[]) => {
    const { args, loc } = splitArgs('plural', raw);
    const [n, one, many] = args;
    if (typeof one !== 'string' || typeof many !== 'string') {
      throw new HelperError('plural expects a number then two words in quotes, e.g. {{plural totals.count "facture" "factures"}}', loc);
    }
    const word = pluralWord(n, one, many, language);
    if (word === null) throw wrongValue('plural expects a number first', n, loc);
    return word;
  });
  env.registerHelper('gt', (...raw: unknown[]) => {
    const { args, loc } = splitArgs('gt', raw);
    const [a, b] = args;
    if (typeof a === 'number' && typeof b === 'number') return a > b;
    const ca = typeof a === 'string' && AMOUNT.test(a) ? parseAmount(a) : null;
    const cb = typeof b === 'string' && AMOUNT.test(b) ? parseAmount(b) : null;
    if (ca === null || cb === null) {
      throw new HelperError(`gt compares two numbers or two amounts, got ${describeValue(a)} and ${describeValue(b)}`, loc);
    }
    return ca > cb;
  });
  return env;
}
