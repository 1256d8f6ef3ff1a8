// relance report — the receivables as a page people look at: headline figures and their
// change since the previous report, aging, top debtors, reminder effectiveness, DSO and the
// per-client history, in one self-contained HTML file; or the same figures as JSON.

import type { Command } from 'commander';
import { Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Day } from '../domain/dates.js';
import { formatIsoDay, parseIsoDay } from '../domain/dates.js';
import { Claims, isUncomputable } from '../domain/claim.js';
import { emptyHistory } from '../domain/history.js';
import { groupByInvoice } from '../domain/journal-entry.js';
import { hasErrors } from '../domain/issue.js';
import { formatEurosFr } from '../domain/money.js';
import type { ReportFigures } from '../domain/report-figures.js';
import { ReportTally } from '../domain/report-figures.js';
import { InputError, UsageError } from '../errors.js';
import { invoiceSources, readInvoices } from '../io/invoices.js';
import { displayPath } from '../io/paths.js';
import type { PreviousReport } from '../io/report-files.js';
import { findPreviousReport, writeReportFile } from '../io/report-files.js';
import { reportDocument, tenthsText } from '../render/report-json.js';
import type { Cli, SetupOptions } from './common.js';
import { addCommonOptions, printWarnings, readingProgress, setupFor, writeOut } from './common.js';

interface ReportOptions extends Omit<SetupOptions, 'format'> {
  out?: string;
  from?: string;
  limit: string;
  format: 'html' | 'json';
}

/** The default period of DSO and effectiveness: the 90 days ending today. */
const PERIOD_DAYS = 90;

const EXAMPLES = `
Examples:
  relance report                            writes relance-report-YYYY-MM-DD.html here
  relance report --out ~/partage/encours.html
  relance report --from 2026-01-01          DSO and effectiveness since 1 January
  relance report --format json > report.json
  relance report --invoices export.csv      a file alone, no relance.yaml needed

The page is one file with everything inside (styles, charts, data): it opens offline, from
a mail attachment or a shared folder. It is written in the config's language (language: fr or en).
When an earlier relance-report-*.html is in the same folder, the page shows how each
headline figure changed since the most recent one.

DSO (days sales outstanding) = receivables today ÷ sales invoiced over the period × the
days of the period. Receivables: every unpaid balance, due or not; sales: the invoices
issued from --from to today, tax included.`;

export function register(program: Command, cli: Cli): void {
  addCommonOptions(program.command('report'), null)
    .description('The receivables as a page: total due, overdue, interest and fees, DSO, aging, top debtors, reminder effectiveness, per-client history.')
    .option('-o, --out <file>', 'the HTML file to write (default: relance-report-YYYY-MM-DD.html in this folder)')
    .option('--from <date>', `first day of the period for DSO and reminder effectiveness (default: the ${PERIOD_DAYS} days ending today)`)
    .addOption(new Option('-f, --format <format>', 'html writes the page; json prints the same figures on stdout and writes nothing').choices(['html', 'json']).default('html'))
    .option('-n, --limit <n>', 'clients listed one by one in the per-client table (the others are summed in one line)', '100')
    .option('-i, --invoices <file>', 'read this CSV, .xlsx or YAML file instead of the config’s (works without relance.yaml)')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: ReportOptions) => {
      cli.exitCode = await report(opts, cli);
    });
}

export async function report(opts: ReportOptions, cli: Cli): Promise<number> {
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit "${opts.limit}" is not a number of clients`, 'give a whole number, e.g. --limit 500');
  const { format, ...setupOptions } = opts;
  const setup = await setupFor(setupOptions, cli);
  const { today } = setup;
  const from = periodStart(opts.from, today);
  const ctx = { today, from, rates: setup.rates, rateMode: setup.config.rateMode, policy: setup.policy, law: setup.config.law };
  const byInvoice = groupByInvoice(setup.journal);
  // Made anew if the files are read again (credit notes found: the invoices they reduce come again).
  let tally = new ReportTally(ctx, byInvoice);
  let claims = new Claims(ctx);
  const progress = readingProgress(cli, 'invoices');
  const issues = await readInvoices(invoiceSources(setup.config, cli.cwd), {
    invoice: (invoice) => {
      progress.tick();
      const history = setup.histories.get(invoice.number) ?? emptyHistory(invoice.number);
      const claim = claims.of(invoice, history);
      if (!isUncomputable(claim)) tally.add(invoice, history, claim);
    },
    restart: () => {
      tally = new ReportTally(ctx, byInvoice);
      claims = new Claims(ctx);
    },
  });
  progress.done();
  issues.push(...claims.missingRateIssues());
  const all = [...setup.warnings, ...issues];
  if (hasErrors(all)) throw new InputError(all);
  const figures = tally.figures();

  const out = resolve(cli.cwd, opts.out ?? `relance-report-${formatIsoDay(today)}.html`);
  const previous = await findPreviousReport(dirname(out), today);
  const options = { language: setup.config.defaults.language, limit, previous, creditor: setup.config.creditor.name };
  if (format === 'json') {
    await writeOut(cli, `${JSON.stringify(reportDocument(figures, options), null, 2)}\n`);
  } else {
    // Loaded here: `--format json` does not pay for the page's code.
    const { renderReportHtml } = await import('../render/report-html.js');
    const html = renderReportHtml(figures, { ...options, version: await packageVersion() });
    const shown = displayPath(out, cli.cwd);
    try {
      await writeReportFile(out, html);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message;
      throw new UsageError(`cannot write ${shown}: ${why}`, 'give --out a file in a folder you can write to');
    }
    await writeOut(cli, `${summary(figures, shown, Buffer.byteLength(html), previous)}\n`);
  }
  printWarnings(cli, all, opts.quiet);
  return 0;
}

function periodStart(text: string | undefined, today: Day): Day {
  if (text === undefined) return today - (PERIOD_DAYS - 1);
  const from = parseIsoDay(text);
  if (from === null) throw new UsageError(`--from "${text}" is not a date`, 'write it as YYYY-MM-DD, e.g. --from 2026-09-01');
  if (from > today) throw new UsageError(`--from ${text} is after today (${formatIsoDay(today)})`, 'the period runs from --from to today: give an earlier date');
  return from;
}

/** The line printed once the page is written: where, how big, and the figures a glance needs. */
function summary(f: ReportFigures, file: string, bytes: number, previous: PreviousReport | null): string {
  const size = bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const dso = f.dso.tenths === null ? 'DSO – (no sales in the period)' : `DSO ${tenthsText(f.dso.tenths)} days`;
  const h = f.headline;
  const compared = previous === null ? '' : `; compared with ${previous.file} (${formatIsoDay(previous.today)})`;
  return `Wrote ${file} (${size}): total due ${formatEurosFr(h.due)}, overdue ${formatEurosFr(h.overdue)}, interest and fees ${formatEurosFr(h.interest + h.flatFees)}, ${dso} over ${formatIsoDay(f.from)} – ${formatIsoDay(f.today)}${compared}`;
}

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
