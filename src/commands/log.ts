// relance log — the journal, readable: every message sent or failed, every to-do issued,
// every action recorded by hand, in the order it was written. With an invoice number,
// that invoice's entries and where its reminder cycle stands.

import type { Command } from 'commander';
import { Chalk, type ChalkInstance } from 'chalk';
import { suggestion } from '../domain/closest.js';
import { formatFrenchDay, parseIsoDay } from '../domain/dates.js';
import { emptyHistory, uncertainIntents } from '../domain/history.js';
import type { Invoice } from '../domain/invoice.js';
import { serializeEntry } from '../domain/journal-entry.js';
import { UsageError } from '../errors.js';
import { invoiceSources, lookUpInvoice } from '../io/invoices.js';
import { invoiceNotFound } from '../domain/find-invoice.js';
import type { Setup } from '../io/setup.js';
import { displayPath } from '../io/paths.js';
import { csvLine } from '../render/csv.js';
import type { TextColumn } from '../render/text-table.js';
import { textTable } from '../render/text-table.js';
import { NOT_THE_ARCHIVE, lookUpPlaces } from '../render/uncertain-steps.js';
import type { LogLine } from '../render/journal-lines.js';
import { detailsOf, oneLine, summaryJson, summaryLines, whatOf } from '../render/journal-lines.js';
import type { InvoiceSummary } from '../domain/invoice-summary.js';
import { summaryOf } from '../domain/invoice-summary.js';
import { calendarOf } from '../domain/send-calendar.js';
import { policyStepIds } from '../domain/policy.js';
import type { Cli, CommonOptions } from './common.js';
import { addCommonOptions, printWarnings, setupFor, useColor, writeOut } from './common.js';

interface LogOptions extends CommonOptions {
  since?: string;
  step?: string;
  eml?: string;
}

const EXAMPLES = `
Examples:
  relance log                             everything, oldest first
  relance log F-2026-014                  one invoice, and where its cycle stands
  relance log --since 2026-11-01 --step relance-2
  relance log --format csv > journal.csv  every line of the journal, for a spreadsheet
  relance log F-2026-014 --eml relance-2  that step's e-mail as F-2026-014_relance-2.eml, the
                                          very bytes the server received (from .relance/sent/)

What happened: sent, failed (with the SMTP reply; tried again), bounced (refused for
good: the invoice's e-mail steps are passed over until its address changes or "relance
record INVOICE retry"), issued (a call, letter
or task listed as a to-do by "relance send"), UNCERTAIN (a send interrupted before its
outcome was written: look for its Message-ID in the Bcc mailbox or the SMTP server's sent
folder or log, then "relance record INVOICE sent" or "not-sent", or "relance record
--uncertain sent|not-sent" for all), or the event recorded by hand (call, letter, promise, dispute, pause,
resume, paid-by-hand, confirmed sent, not sent). The table leaves out the intents that
have an outcome (the outcome's line says it all); JSON and CSV give every line.`;

export function register(program: Command, cli: Cli): void {
  addCommonOptions(program.command('log').argument('[invoice]', 'only this invoice, followed by where its cycle stands'), ['table', 'json', 'csv'])
    .description('The journal of everything sent, issued and recorded, oldest first; with an invoice number, its history and next step.')
    .option('--since <date>', 'only entries dated on or after this day (YYYY-MM-DD)')
    .option('--step <id>', 'only entries of this policy step')
    .option('--eml <step>', 'with an invoice: write the e-mail sent for this step as a .eml file, as the server received it')
    .addHelpText('after', EXAMPLES)
    .action(async (invoice: string | undefined, opts: LogOptions) => {
      cli.exitCode = await log(invoice, opts, cli);
    });
}

export async function log(invoiceArg: string | undefined, opts: LogOptions, cli: Cli): Promise<number> {
  const setup = await setupFor(opts, cli);
  const since = opts.since === undefined ? null : parseIsoDay(opts.since);
  if (opts.since !== undefined && since === null) {
    throw new UsageError(`--since "${opts.since}" is not a date`, 'write it as YYYY-MM-DD, e.g. --since 2026-11-01');
  }
  if (opts.step !== undefined) checkStepFilter(opts.step, setup);

  const number = invoiceArg?.trim();
  if (opts.eml !== undefined) {
    if (number === undefined) throw new UsageError('--eml writes the e-mail of one invoice', `relance log INVOICE --eml ${opts.eml}`);
    await findInvoice(number, setup, cli);
    const { writeSentMessage } = await import('./log-eml.js');
    return writeSentMessage(number, opts.eml.trim(), setup, cli);
  }
  const found = number === undefined ? null : await findInvoice(number, setup, cli);
  const uncertain = uncertainIntents(setup.histories.values());
  const lines: LogLine[] = [];
  setup.journal.forEach((entry) => {
    if (number !== undefined && entry.invoice !== number) return;
    if (since !== null && parseIsoDay(entry.date)! < since) return;
    if (opts.step !== undefined && entry.step !== opts.step) return;
    lines.push({ entry, uncertain: uncertain.has(entry) });
  });
  const summary =
    number === undefined ? null : summaryOf(number, found, setup.policy, setup.histories.get(number) ?? emptyHistory(number), setup.today, calendarOf(setup.config.law));

  if (opts.format === 'json') await printJson(lines, summary, cli);
  else if (opts.format === 'csv') await printCsv(lines, cli);
  else {
    const journal = displayPath(setup.config.journal, cli.cwd);
    await printTable(lines, { summary, empty: setup.journal.length === 0, filtered: since !== null || opts.step !== undefined, journal, bcc: setup.config.mail.bcc }, opts, cli);
  }
  printWarnings(cli, setup.warnings, opts.quiet);
  return 0;
}

/** A step to filter on must be one the journal or the policy knows. */
function checkStepFilter(step: string, setup: Setup): void {
  const known = new Set<string>(policyStepIds(setup.policy));
  for (const e of setup.journal) if (e.step !== null) known.add(e.step);
  if (known.has(step)) return;
  throw new UsageError(`no step "${step}" in the journal or the policy`, suggestion(step, known, `the policy's steps are: ${policyStepIds(setup.policy).join(', ')}`));
}

/**
 * The invoice as the files have it, or null when only the journal knows it. Neither:
 * the user mistyped, and is told the nearest number.
 */
async function findInvoice(number: string, setup: Setup, cli: Cli): Promise<Invoice | null> {
  const { invoice, numbers, fileErrors } = await lookUpInvoice(number, invoiceSources(setup.config, cli.cwd));
  if (invoice !== null || setup.histories.has(number)) return invoice;
  const files = setup.config.invoices.map((f) => displayPath(f, cli.cwd)).join(', ');
  const { message, hint } = invoiceNotFound(number, [...numbers, ...setup.histories.keys()], { files, fileErrors, journal: true });
  throw new UsageError(message, hint);
}

// ---------------------------------------------------------------- output

const SLICE = 2000;

async function printJson(lines: readonly LogLine[], summary: InvoiceSummary | null, cli: Cli): Promise<void> {
  await writeOut(cli, '{"entries":[');
  // Written in slices, one entry a line: a long journal never sits in memory as one string.
  for (let i = 0; i < lines.length; i += SLICE) {
    const slice = lines.slice(i, i + SLICE).map((l) => serializeEntry(l.entry)).join(',\n');
    await writeOut(cli, `${i === 0 ? '\n' : ',\n'}${slice}`);
  }
  const tail = summary === null ? '' : `,\n"summary":${JSON.stringify(summaryJson(summary))}`;
  await writeOut(cli, `${lines.length > 0 ? '\n' : ''}]${tail}}\n`);
}

const CSV_HEADER = ['date', 'at', 'invoice', 'what', 'type', 'event', 'step', 'channel', 'to', 'subject', 'note', 'error', 'message_id', 'until', 'run'];

async function printCsv(lines: readonly LogLine[], cli: Cli): Promise<void> {
  await writeOut(cli, csvLine(CSV_HEADER));
  for (let i = 0; i < lines.length; i += SLICE) {
    const text = lines
      .slice(i, i + SLICE)
      .map((l) => {
        const e = l.entry;
        return csvLine([e.date, e.at, e.invoice, whatOf(l), e.type, e.event, e.step, e.channel, e.to === null ? null : e.to.join(';'), e.subject, e.note, e.error, e.message_id, e.until, e.run]);
      })
      .join('');
    await writeOut(cli, text);
  }
}

interface TableContext {
  summary: InvoiceSummary | null;
  /** The journal has no entry at all. */
  empty: boolean;
  filtered: boolean;
  journal: string;
  /** mail.bcc: a mailbox with a copy of each message. */
  bcc: string | null;
}

const TABLE_WIDTH = 120;

async function printTable(all: readonly LogLine[], ctx: TableContext, opts: LogOptions, cli: Cli): Promise<void> {
  const c = new Chalk({ level: useColor(opts, cli) ? 1 : 0 });
  const one = ctx.summary !== null;
  // An intent that has its outcome says nothing its outcome's line does not.
  const lines = all.filter((l) => l.entry.type !== 'intent' || l.uncertain);
  const hidden = all.length - lines.length;
  const out: string[] = [];

  if (ctx.empty) out.push(`The journal is empty (${ctx.journal}): nothing has been sent, issued or recorded yet.`);
  else if (all.length === 0) {
    const who = one ? `${ctx.summary!.invoice} has no entries in the journal` : 'No entries in the journal';
    out.push(`${who}${ctx.filtered ? ' that match --since / --step' : ' yet'}.`);
  } else {
    const columns: TextColumn[] = [
      { header: 'Date', max: 10 },
      ...(one ? [] : [{ header: 'Invoice', max: 16 }]),
      { header: 'What', max: 14 },
      { header: 'Step', max: 18 },
      { header: 'Channel', max: 7 },
      { header: 'To', max: 40, flexible: true, weight: 3 },
      { header: 'Subject / note / error', max: 90, flexible: true, weight: 4 },
      { header: 'Message-ID', max: 60, flexible: true, weight: 3 },
    ];
    const rows = lines.map((l) => {
      const e = l.entry;
      const date = parseIsoDay(e.date);
      return [
        date === null ? e.date : formatFrenchDay(date),
        ...(one ? [] : [e.invoice]),
        whatOf(l),
        e.step ?? '',
        e.channel ?? '',
        e.to?.join(', ') ?? '',
        detailsOf(e),
        // The brackets are part of the id, not of what one searches a mailbox for.
        e.message_id?.replace(/^<(.*)>$/, '$1') ?? '',
      ].map(oneLine);
    });
    const whatColumn = one ? 1 : 2;
    // 120 columns when piped or redirected; a terminal's own width when it has one.
    const width = cli.stdout.isTTY && cli.stdout.columns ? Math.min(Math.max(cli.stdout.columns, 80), 200) : TABLE_WIDTH;
    for (const text of textTable(columns, rows, width, c, (i, padded) => (i === whatColumn ? tintWhat(c, padded) : padded))) {
      out.push(text);
      if (out.length >= SLICE) await writeOut(cli, `${out.splice(0).join('\n')}\n`);
    }
    const n = lines.length;
    const uncertain = lines.filter((l) => l.uncertain).length;
    let footer = `${n} entr${n === 1 ? 'y' : 'ies'}`;
    if (hidden > 0) footer += ` (and ${hidden} intent${hidden === 1 ? '' : 's'} followed by ${hidden === 1 ? 'its' : 'their'} outcome, left out: --format csv lists every line)`;
    out.push(c.dim(footer));
    if (uncertain > 0 && !one) {
      const one = uncertain === 1;
      out.push(
        ...[
          `${uncertain} message${one ? ' has' : 's have'} no outcome (UNCERTAIN): did ${one ? 'it' : 'they'} go out? Look for ${one ? 'its' : 'each'} Message-ID`,
          `in ${lookUpPlaces(ctx.bcc)} (${NOT_THE_ARCHIVE}):`,
          ...lines.filter((l) => l.uncertain).map((l) => `  ${l.entry.invoice} ${l.entry.step ?? ''}: ${l.entry.message_id ?? '(unknown)'}`),
          `then: "relance record INVOICE sent --step ID" (it went out) or "not-sent" (send it again),`,
          `or ${one ? 'the same' : 'all at once'}: "relance record --uncertain sent" (or not-sent)`,
        ].map((line) => c.yellow(line)),
      );
    }
  }
  if (ctx.summary !== null) out.push('', ...summaryLines(ctx.summary, c, ctx.bcc));
  await writeOut(cli, `${out.join('\n')}\n`);
}

function tintWhat(c: ChalkInstance, padded: string): string {
  const word = padded.trim();
  if (word === 'sent' || word === 'confirmed sent') return c.green(padded);
  if (word === 'failed' || word === 'bounced') return c.red(padded);
  if (word === 'UNCERTAIN') return c.bold.yellow(padded);
  if (word === 'issued') return c.cyan(padded);
  return c.magenta(padded);
}

/** A cell of the table: one line, and nothing in it the terminal would obey. */
