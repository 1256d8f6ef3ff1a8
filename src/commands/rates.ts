// relance rates — the rate tables in use, one row per half-year: the shipped ones with a
// user's rates file (`--rates FILE`, or `rates:` in relance.yaml) adding or replacing
// half-years.

import type { Command } from 'commander';
import { Chalk } from 'chalk';
import type { Day } from '../domain/dates.js';
import { formatFrenchDay, halfYearKey, halfYearOf } from '../domain/dates.js';
import { formatPercent } from '../domain/money.js';
import type { HalfYearRates, RateValue } from '../domain/rates.js';
import { csvLine } from '../render/csv.js';
import type { Cli } from './common.js';
import type { RatesOptions } from '../io/rates-in-use.js';
import { loadRatesInUse } from '../io/rates-in-use.js';
import { addCommonOptions, printWarnings, resolveToday, useColor, writeOut } from './common.js';



const EXAMPLES = `
Examples:
  relance rates                             the shipped tables, 2015-H1 onwards
  relance rates --rates my-rates.yaml       with your own half-years added or replaced
  relance rates --format json               every value with its source

A rates file maps half-years to rates in percent (b2b defaults to mro + 10):
  2026-H2: { mro: 2.40, legal_individual: 6.84, legal_other: 2.75, source: "ECB decision of 4 June 2026" }
  2027-H1: { mro: 2.15, legal_individual: 6.50, legal_other: 2.60, provisional: true }`;

export function register(program: Command, cli: Cli): void {
  addCommonOptions(program.command('rates'), ['table', 'json', 'csv'])
    .description(
      'The rate tables in use, by half-year: ECB main refinancing rate (MRO), default B2B late-payment rate (MRO + 10), legal interest rates; provisional and user values marked.',
    )
    .option('-r, --rates <file>', 'a rates file of your own (instead of the one relance.yaml names)')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: RatesOptions) => {
      cli.exitCode = await rates(opts, cli);
    });
}

export async function rates(opts: RatesOptions, cli: Cli): Promise<number> {
  const inUse = await loadRatesInUse(opts, cli);
  const rows = [...inUse.rates.entries()].map(([key, r]) => rateRow(key, r));
  if (opts.format === 'json') await writeOut(cli, `${JSON.stringify(rows.map(jsonRow), null, 2)}\n`);
  else if (opts.format === 'csv') await printCsv(rows, cli);
  else {
    const today = await resolveToday(opts.today, cli, inUse.config?.timezone);
    await printTable(rows, { file: inUse.file, today, color: useColor(opts, cli) }, cli);
  }
  printWarnings(cli, inUse.warnings, opts.quiet);
  return 0;
}

interface RateRow {
  halfYear: string;
  rates: HalfYearRates;
  provisional: boolean;
  origin: RateValue['origin'];
}

const FIELDS = [
  ['mro', 'mro'],
  ['b2b', 'b2b'],
  ['legalIndividual', 'legal_individual'],
  ['legalOther', 'legal_other'],
] as const;

function rateRow(halfYear: string, rates: HalfYearRates): RateRow {
  const values = FIELDS.map(([field]) => rates[field]);
  return {
    halfYear,
    rates,
    provisional: values.some((v) => v.provisional),
    // A user's entry replaces a half-year whole, so its values share one origin.
    origin: values.some((v) => v.origin === 'user') ? 'user' : 'shipped',
  };
}

function jsonRow(row: RateRow): Record<string, unknown> {
  return {
    half_year: row.halfYear,
    ...Object.fromEntries(FIELDS.map(([field, name]) => [name, formatPercent(row.rates[field].rate)])),
    provisional: row.provisional,
    origin: row.origin,
    sources: Object.fromEntries(FIELDS.map(([field, name]) => [name, row.rates[field].source])),
  };
}

async function printCsv(rows: readonly RateRow[], cli: Cli): Promise<void> {
  const header = ['half_year', ...FIELDS.map(([, name]) => name), 'provisional', 'origin', ...FIELDS.map(([, name]) => `${name}_source`)];
  const lines = rows.map((row) =>
    csvLine([
      row.halfYear,
      ...FIELDS.map(([field]) => formatPercent(row.rates[field].rate)),
      String(row.provisional),
      row.origin,
      ...FIELDS.map(([field]) => row.rates[field].source),
    ]),
  );
  await writeOut(cli, csvLine(header) + lines.join(''));
}

/** `12.40*` for a provisional value, `2.75 (user)` for one from the user's file. */
function cell(value: RateValue): string {
  return `${formatPercent(value.rate)}${value.provisional ? '*' : ''}${value.origin === 'user' ? ' (user)' : ''}`;
}

async function printTable(rows: readonly RateRow[], options: { file: string | null; today: Day; color: boolean }, cli: Cli): Promise<void> {
  const { renderTable } = await import('../render/table.js');
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const source = options.file === null ? 'shipped with relance' : `shipped with relance, with ${options.file}`;
  const lines: string[] = [c.bold(`Rate tables in use (% a year), ${source}`)];
  const current = halfYearKey(halfYearOf(options.today));
  lines.push(
    renderTable(
      [
        { header: 'Half-year' },
        { header: 'ECB MRO', align: 'right' },
        { header: 'B2B (MRO + 10)', align: 'right' },
        { header: 'Legal, particuliers', align: 'right' },
        { header: 'Legal, autres cas', align: 'right' },
      ],
      rows.map((row) => [
        row.halfYear === current ? c.bold(row.halfYear) : row.halfYear,
        cell(row.rates.mro),
        cell(row.rates.b2b),
        cell(row.rates.legalIndividual),
        cell(row.rates.legalOther),
      ]),
      { color: options.color },
    ),
  );
  lines.push('');
  if (rows.some((r) => r.provisional)) {
    lines.push('* provisional: from a single secondary source, not yet checked against the ECB or the Journal officiel; confirm or replace it in a rates file.');
  }
  if (rows.some((r) => r.origin === 'user')) lines.push(`(user): from ${options.file ?? 'your rates file'}; a half-year there replaces the shipped one whole.`);
  lines.push('B2B: the default late-payment rate (art. L441-10 C. com.); legal rates: art. L313-2 CMF ("autres cas" applies to a business creditor).');
  const now = rows.find((r) => r.halfYear === current);
  lines.push(
    now === undefined
      ? c.yellow(`Today (${formatFrenchDay(options.today)}) falls in ${current}, which these tables do not have: add it to a rates file.`)
      : `Today (${formatFrenchDay(options.today)}) falls in ${current}. Each value's source: relance rates --format json.`,
  );
  await writeOut(cli, `${lines.join('\n')}\n`);
}
