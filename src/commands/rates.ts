// relance rates — the rate tables in use, one row per half-year: the shipped ones with a
// user's rates file (`--rates FILE`, or `rates:` in relance.yaml) adding or replacing
// half-years, and up to today's half-year the last known rates carried forward.
// `--update` (commands/rates-update.ts) fetches the ECB's rates into that file.

import type { Command } from 'commander';
import { Chalk } from 'chalk';
import type { Day } from '../domain/dates.js';
import { formatFrenchDay, halfYearKey, halfYearOf, parseHalfYearKey } from '../domain/dates.js';
import { formatPercent } from '../domain/money.js';
import type { HalfYearRates, RateTable, RateValue } from '../domain/rates.js';
import { carriedHalfYears, ratesOrCarried } from '../domain/carried-rates.js';
import { csvLine } from '../render/csv.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../io/ecb-fetch.js';
import type { Cli } from './common.js';
import type { RatesRequest } from '../io/rates-in-use.js';
import { loadRatesInUse } from '../io/rates-in-use.js';
import type { CommonOptions } from './common.js';
import { UsageError } from '../errors.js';
import { addCommonOptions, printWarnings, resolveToday, useColor, writeOut } from './common.js';

type RatesOptions = CommonOptions & RatesRequest;

export interface RatesCommandOptions extends RatesOptions {
  update?: boolean;
  from?: string;
  timeout?: string;
}

const EXAMPLES = `
Examples:
  relance rates                             the shipped tables, 2015-H1 onwards
  relance rates --rates my-rates.yaml       with your own half-years added or replaced
  relance rates --format json               every value with its source
  relance rates --update                    fetch the ECB rate for the half-years the tables lack
  relance rates --update --from ecb.csv     the same from an answer saved by hand

Past the last half-year of the tables, relance carries the last known rates forward, marked
provisional, until a rates file (rates: in relance.yaml, or --rates FILE) gives that
half-year. It maps half-years to rates in percent (b2b defaults to mro + 10), e.g.:
  2027-H1: { mro: 2.40, legal_individual: 6.90, legal_other: 2.80, source: "ECB decision of …; arrêté, JO of …" }
  2027-H2: { mro: 2.15, legal_individual: 6.50, legal_other: 2.60, provisional: true }
mro: the ECB main refinancing rate in force on 1 January (H1) or 1 July (H2); legal_*: the
legal interest rates of the arrêté published in the Journal officiel. provisional: true marks
every value as not confirmed; legal_provisional: true the legal rates alone, and
legal_source says where they come from (source then speaks for mro).

--update reads the ECB Data Portal (series FM.D.U2.EUR.4F.KR.MRR_FR.LEV, no key needed), takes
the rate in force on each 1 January and 1 July, and adds to your rates file every half-year
up to today's that the tables lack (created as rates.yaml beside relance.yaml, and named
there, when there is none). It changes nothing else: an entry of yours is never replaced, a
shipped value the ECB contradicts is reported. The legal rates cannot be fetched: the new
entries carry them forward with legal_provisional: true, until you confirm them from the
arrêté in the Journal officiel (service-public.fr, « Taux d'intérêt légal »).
Offline, an error from the server or an answer in another format: exit 2, nothing written.`;

export function register(program: Command, cli: Cli): void {
  addCommonOptions(program.command('rates'), ['table', 'json', 'csv'])
    .description(
      'The rate tables in use, by half-year: ECB main refinancing rate (MRO), default B2B late-payment rate (MRO + 10), legal interest rates; provisional and user values marked.',
    )
    .option('-r, --rates <file>', 'a rates file of your own (instead of the one relance.yaml names)')
    .option('-u, --update', 'add the half-years the tables lack to your rates file, with the ECB rate (fetched)')
    .option('--from <url-or-file>', 'with --update: another URL, or an answer saved in a file (CSV or SDMX-JSON)')
    .option('--timeout <seconds>', `with --update: how long to wait for the server (default ${DEFAULT_TIMEOUT_SECONDS})`)
    .addHelpText('after', EXAMPLES)
    .action(async (opts: RatesCommandOptions) => {
      if (opts.update) {
        if (opts.format !== undefined && opts.format !== 'table') throw new UsageError(`--update prints what it added, not --format ${opts.format}`, 'run relance rates --format json after the update');
        const { updateRates } = await import('./rates-update.js');
        cli.exitCode = await updateRates(opts, cli);
      } else {
        for (const flag of ['from', 'timeout'] as const) if (opts[flag] !== undefined) throw new UsageError(`--${flag} goes with --update`, `run relance rates --update --${flag} …`);
        cli.exitCode = await rates(opts, cli);
      }
    });
}

export async function rates(opts: RatesOptions, cli: Cli): Promise<number> {
  const inUse = await loadRatesInUse(opts, cli);
  const today = await resolveToday(opts.today, cli, inUse.config?.timezone);
  const rows = rowsInUse(inUse.rates, today);
  if (opts.format === 'json') await writeOut(cli, `${JSON.stringify(rows.map(jsonRow), null, 2)}\n`);
  else if (opts.format === 'csv') await printCsv(rows, cli);
  else await printTable(rows, { file: inUse.file, today, color: useColor(opts, cli) }, cli);
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

/** The table's rows, then the half-years up to today's that carry the last known rates forward. */
function rowsInUse(table: RateTable, today: Day): RateRow[] {
  const rows = [...table.entries()].map(([key, r]) => rateRow(key, r));
  for (const key of carriedHalfYears(table, halfYearOf(today))) rows.push(rateRow(key, ratesOrCarried(table, parseHalfYearKey(key)!)!));
  return rows;
}

function rateRow(halfYear: string, rates: HalfYearRates): RateRow {
  // A user's entry replaces a half-year whole, and a carried one is carried whole: one origin a row.
  return { halfYear, rates, provisional: FIELDS.some(([field]) => rates[field].provisional), origin: rates.mro.origin };
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
  const carried = rows.filter((r) => r.origin === 'carried');
  if (carried.length > 0) {
    const keys = carried.map((r) => r.halfYear).join(', ');
    lines.push(`* provisional: ${keys} ${carried.length === 1 ? 'is' : 'are'} not in the tables yet: the last known rates are carried forward from ${carried[0]!.rates.carriedFrom}; to confirm them, write ${keys} in a rates file with the ECB main refinancing rate and the legal interest rates published in the Journal officiel.`);
  }
  const legalOnly = rows.filter((r) => r.origin === 'user' && !r.rates.mro.provisional && r.provisional);
  if (legalOnly.length > 0) {
    const keys = legalOnly.map((r) => r.halfYear).join(', ');
    lines.push(`* provisional: the legal rates of ${keys} are carried forward (legal_provisional: true in ${options.file ?? 'your rates file'}): confirm them from the arrêté published in the Journal officiel (service-public.fr, « Taux d'intérêt légal »), write them there and remove legal_provisional.`);
  }
  if (rows.some((r) => r.provisional && r.origin === 'user' && r.rates.mro.provisional)) lines.push('* provisional: marked provisional in your rates file; confirm it there once the ECB or the Journal officiel has published it.');
  if (rows.some((r) => r.origin === 'user')) lines.push(`(user): from ${options.file ?? 'your rates file'}; a half-year there replaces the shipped one whole.`);
  lines.push('B2B: the default late-payment rate (art. L441-10 C. com.); legal rates: art. L313-2 CMF ("autres cas" applies to a business creditor).');
  const now = rows.find((r) => r.halfYear === current);
  const day = formatFrenchDay(options.today);
  lines.push(
    now === undefined
      ? c.yellow(`Today (${day}) falls in ${current}, before these tables start: add it to a rates file.`)
      : now.origin === 'carried'
        ? c.yellow(`Today (${day}) falls in ${current}, carried forward from ${now.rates.carriedFrom}: its figures are provisional until ${current} is in a rates file. Each value's source: relance rates --format json.`)
        : `Today (${day}) falls in ${current}. Each value's source: relance rates --format json.`,
  );
  await writeOut(cli, `${lines.join('\n')}\n`);
}
