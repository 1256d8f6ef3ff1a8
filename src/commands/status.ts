// relance status — what is overdue, by how much, what the law lets you claim, and what
// comes next. Reads every invoice as a stream and keeps one compact row each.

import type { Command } from 'commander';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Day } from '../domain/dates.js';
import { formatFrenchDay, formatIsoDay } from '../domain/dates.js';
import type { Issue } from '../domain/issue.js';
import { hasErrors } from '../domain/issue.js';
import { formatCents, formatEurosFr } from '../domain/money.js';
import { Claims, isUncomputable } from '../domain/claim.js';
import { emptyHistory } from '../domain/history.js';
import type { AgingBucket, StatusRow, Totals } from '../domain/status.js';
import { AGING_BUCKETS, addToAging, addToTotals, emptyAging, emptyTotals, isOverdue, statusRow } from '../domain/status.js';
import { StatusNotes } from '../domain/status-notes.js';
import type { Snapshot } from '../domain/balances-as-of.js';
import { Snapshots, snapshotLine, staleSnapshotIssues } from '../domain/balances-as-of.js';
import { StatusTable } from '../domain/status-table.js';
import { InputError, UsageError } from '../errors.js';
import type { UnallocatedCredit } from '../domain/credit-notes.js';
import { invoiceSources, readInvoices } from '../io/invoices.js';
import { csvLine } from '../render/csv.js';
import { MAX_ISSUES_SHOWN, formatIssue, moreLine, sortIssues } from '../render/issues.js';
import { visible } from '../render/visible.js';
import type { Cli, SetupOptions } from './common.js';
import { addCommonOptions, readingProgress, setupFor, useColor, writeOut } from './common.js';
import type { Imputation } from '../domain/law-settings.js';
import { calendarOf } from '../domain/send-calendar.js';

interface StatusOptions extends SetupOptions {
  all?: boolean;
  limit: string;
}

const EXAMPLES = `
Examples:
  relance status                          overdue invoices, worst first
  relance status --all --limit 200        every invoice, paid and not yet due too
  relance status --format json > status.json
  relance status --invoices export.csv    a file alone, no relance.yaml needed
  relance status --invoices 123456789FEC20261231.txt   a client's FEC: its open receivables on its date
  relance status --today 2026-12-31       as it will stand on 31 December`;

export function register(program: Command, cli: Cli): void {
  addCommonOptions(program.command('status'), ['table', 'json', 'csv'])
    .description('Overdue invoices, worst first: balance, days late, interest, €40 fee, total claimable, last and next step; totals and aging below.')
    .option('-a, --all', 'list every invoice (paid, not yet due, cancelled) with its state')
    .option('-n, --limit <n>', 'rows shown in the table (JSON and CSV list every invoice)', '50')
    .option('-i, --invoices <file>', 'read this CSV, .xlsx or YAML file instead of the config’s (works without relance.yaml)')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: StatusOptions) => {
      cli.exitCode = await status(opts, cli);
    });
}

export interface StatusReport {
  today: Day;
  /** The invoices listed, kept compact; `order` gives them worst first. */
  table: StatusTable;
  order: Int32Array;
  totals: Totals;
  aging: Record<AgingBucket, number>;
  /** Problems found in the files (warnings only: errors stop the command). */
  issues: Issue[];
  /** What the law says about particular invoices: limitation, provisional rates… */
  notes: string[];
  /** The files that are snapshots (a FEC): their balances stand on a past day. */
  snapshots: Snapshot[];
  /** Credit notes left over once the invoices they concern are reduced, by client. */
  credits: UnallocatedCredit[];
  /** The reading applied for each rule of the law that has two (docs/law.md). */
  readings: Readings;
  /** Some invoice listed was paid in part: how its payments were imputed is said. */
  partlyPaid: boolean;
}

interface Readings {
  rate_mode: string;
  imputation: Imputation;
  floor: string;
  end_of_month: string;
}

export async function status(opts: StatusOptions, cli: Cli): Promise<number> {
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit "${opts.limit}" is not a number of rows`, 'give a whole number, e.g. --limit 100');
  const report = await buildStatus(opts, cli);
  if (opts.format === 'json') await printJson(report, cli);
  else if (opts.format === 'csv') await printCsv(report, cli);
  else await printTable(report, cli, { limit, all: opts.all === true, color: useColor(opts, cli) });
  if (!opts.quiet) printWarningLines(report, cli);
  return 0;
}

export async function buildStatus(opts: StatusOptions, cli: Cli): Promise<StatusReport> {
  const setup = await setupFor(opts, cli);
  const { law } = setup.config;
  const ctx = { today: setup.today, rates: setup.rates, rateMode: setup.config.rateMode, policy: setup.policy, law, calendar: calendarOf(law), creditorOutsideMetropole: law.creditorOutsideMetropole };
  // Everything the invoices add up to; made anew if the files are read again (credit notes found).
  const fresh = () => ({ table: new StatusTable(), totals: emptyTotals(), aging: emptyAging(), notes: new StatusNotes(), claims: new Claims(ctx), snapshots: new Snapshots(), partlyPaid: false });
  let run = fresh();
  const credits: UnallocatedCredit[] = [];
  const progress = readingProgress(cli, 'invoices');

  const issues = await readInvoices(invoiceSources(setup.config, cli.cwd), {
    invoice: (invoice) => {
      progress.tick();
      run.snapshots.add(invoice);
      const history = setup.histories.get(invoice.number) ?? emptyHistory(invoice.number);
      const claim = run.claims.of(invoice, history);
      if (isUncomputable(claim)) return;
      const { row, notes: found } = statusRow(invoice, history, claim, ctx);
      addToAging(run.aging, row);
      if (!opts.all && !isOverdue(row)) return;
      for (const note of found) run.notes.add(note);
      addToTotals(run.totals, row);
      if (row.partlyPaid) run.partlyPaid = true;
      run.table.push(row);
    },
    credit: (credit) => credits.push(credit),
    restart: () => {
      run = fresh();
    },
  });
  progress.done();
  issues.push(...run.claims.missingRateIssues());
  issues.push(...staleSnapshotIssues(run.snapshots.list(), setup.today));
  const all = [...setup.warnings, ...issues];
  if (hasErrors(all)) throw new InputError(all);
  const { table, totals, aging, notes, partlyPaid } = run;
  const readings = { rate_mode: setup.config.rateMode, imputation: law.imputation, floor: law.floor, end_of_month: setup.config.defaults.endOfMonthRule };
  return { today: setup.today, table, order: table.worstFirst(), totals, aging, credits, issues: sortIssues(all), notes: notes.lines(), snapshots: run.snapshots.list(), readings, partlyPaid };
}

/** The rows from `start` to `end` (worst first), as objects, one at a time. */
function* rowsOf(report: StatusReport, start = 0, end = report.order.length): Generator<StatusRow> {
  for (let i = start; i < Math.min(end, report.order.length); i++) yield report.table.row(report.order[i]!);
}

const money = formatCents;
const day = (d: Day | null): string | null => (d === null ? null : formatIsoDay(d));

/** One invoice of the JSON output. Written by hand: JSON.stringify on an object a row costs twice as much. */
function jsonRow(r: StatusRow): string {
  return (
    `{"number":${JSON.stringify(r.number)},"client":${JSON.stringify(r.client)},"status":"${r.status}",` +
    `"balance":"${money(r.balance)}","due_date":"${formatIsoDay(r.dueDate)}","days_late":${r.daysLate},` +
    `"interest":"${money(r.interest)}","flat_fee":"${money(r.flatFee)}","total":"${money(r.total)}",` +
    `"last_step":${jsonOrNull(r.lastStep)},"last_date":${jsonOrNull(day(r.lastDate))},` +
    `"next_step":${jsonOrNull(r.nextStep)},"next_date":${jsonOrNull(day(r.nextDate))},` +
    `"limitation_date":"${formatIsoDay(r.limitation)}","provisional":${r.provisional},` +
    `"interest_paid":"${money(r.interestPaid)}","principal_left":"${money(r.principalLeft)}"}`
  );
}

function jsonOrNull(text: string | null): string {
  return text === null ? 'null' : JSON.stringify(text);
}

async function printJson(report: StatusReport, cli: Cli): Promise<void> {
  const { totals, aging } = report;
  await writeOut(cli, `{"today":${JSON.stringify(formatIsoDay(report.today))},"readings":${JSON.stringify(report.readings)},\n"invoices":[`);
  // Written in slices: a million rows never sit in memory as one string.
  for (let i = 0; i < report.order.length; i += 2000) {
    let slice = '';
    for (const row of rowsOf(report, i, i + 2000)) slice += `${slice === '' ? (i === 0 ? '\n' : ',\n') : ',\n'}${jsonRow(row)}`;
    await writeOut(cli, slice);
  }
  const tail = {
    totals: { count: totals.count, balance: money(totals.balance), interest: money(totals.interest), flat_fee: money(totals.flatFee), total: money(totals.total), provisional: totals.provisional },
    aging: Object.fromEntries(AGING_BUCKETS.map((b) => [b, money(aging[b])])),
    warnings: [...report.issues.map(formatIssue), ...report.notes],
    // Only for snapshots (a FEC): the day each file's balances stand on.
    ...(report.snapshots.length === 0 ? {} : { balances_as_of: report.snapshots.map((s) => ({ file: s.file, date: formatIsoDay(s.asOf.day), from: s.asOf.from })) }),
  };
  await writeOut(cli, `],\n${JSON.stringify(tail).slice(1, -1)}}\n`);
}

const CSV_HEADER = ['number', 'client', 'status', 'balance', 'due_date', 'days_late', 'interest', 'flat_fee', 'total', 'last_step', 'last_date', 'next_step', 'next_date', 'limitation_date', 'provisional', 'interest_paid', 'principal_left'];

async function printCsv(report: StatusReport, cli: Cli): Promise<void> {
  await writeOut(cli, csvLine(CSV_HEADER));
  for (let i = 0; i < report.order.length; i += 2000) {
    let lines = '';
    for (const r of rowsOf(report, i, i + 2000)) {
      lines += csvLine([r.number, r.client, r.status, money(r.balance), formatIsoDay(r.dueDate), r.daysLate, money(r.interest), money(r.flatFee), money(r.total), r.lastStep, day(r.lastDate), r.nextStep, day(r.nextDate), formatIsoDay(r.limitation), String(r.provisional), money(r.interestPaid), money(r.principalLeft)]);
    }
    await writeOut(cli, lines);
  }
}

const AGING_LABELS: Record<AgingBucket, string> = { not_due: 'not yet due', '1-30': '1–30 days', '31-60': '31–60', '61-90': '61–90', '90+': '> 90' };

async function printTable(report: StatusReport, cli: Cli, options: { limit: number; all: boolean; color: boolean }): Promise<void> {
  const { renderTable } = await import('../render/table.js');
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const { totals, aging } = report;
  const count = report.order.length;
  const title = options.all ? 'All invoices' : 'Overdue invoices';
  const lines: string[] = [c.bold(`${title} on ${formatFrenchDay(report.today)}`)];
  for (const snapshot of report.snapshots) lines.push(visible(snapshotLine(snapshot, report.today)));
  if (count === 0) {
    lines.push(options.all ? 'No invoices.' : 'Nothing overdue.');
  } else {
    const shown = [...rowsOf(report, 0, options.limit)];
    // A provisional figure is starred; the others keep the star's place, so the column stays aligned.
    const starred = shown.some((r) => r.provisional);
    const figure = (cents: number, provisional: boolean): string => `${formatEurosFr(cents)}${provisional ? '*' : starred ? ' ' : ''}`;
    const table = renderTable(
      [
        { header: 'Invoice' },
        { header: 'Client' },
        { header: 'Status' },
        { header: 'Due' },
        { header: 'Late', align: 'right' as const },
        { header: 'Balance', align: 'right' as const },
        { header: 'Interest', align: 'right' as const },
        { header: 'Fee', align: 'right' as const },
        { header: 'Total', align: 'right' as const },
        { header: 'Last step' },
        { header: 'Next step' },
      ],
      shown.map((r) => {
        const tint = ageColor(c, r.daysLate, r.balance > 0);
        return [
          tint(visible(r.number)),
          visible(truncate(r.client, 26)),
          r.status === 'open' ? 'open' : c.cyan(r.status),
          formatFrenchDay(r.dueDate),
          tint(r.daysLate > 0 ? `${r.daysLate} d` : '–'),
          formatEurosFr(r.balance),
          figure(r.interest, r.provisional),
          formatEurosFr(r.flatFee),
          c.bold(figure(r.total, r.provisional)),
          stepCell(r.lastStep, r.lastDate),
          r.nextUncertain ? c.yellow(`${visible(r.nextStep ?? '')} (uncertain)`) : stepCell(r.nextStep, r.nextDate, report.today),
        ];
      }),
      { color: options.color },
    );
    lines.push(table);
    if (count > shown.length) {
      const more = count - shown.length;
      lines.push(c.dim(`… and ${more} more invoice${more === 1 ? '' : 's'} (show them with --limit ${count}, or list every one with --format csv)`));
    }
  }
  lines.push('');
  const noun = options.all ? 'invoice' : 'overdue invoice';
  const star = totals.provisional ? '*' : '';
  lines.push(
    `${c.bold(`${totals.count} ${noun}${totals.count === 1 ? '' : 's'}`)} · balance ${formatEurosFr(totals.balance)} · interest ${formatEurosFr(totals.interest)}${star} · fees ${formatEurosFr(totals.flatFee)} · ${c.bold(`total claimable ${formatEurosFr(totals.total)}${star}`)}`,
  );
  lines.push(`Aging of unpaid balances: ${AGING_BUCKETS.map((b) => `${AGING_LABELS[b]} ${formatEurosFr(aging[b])}`).join(' · ')}`);
  if (report.credits.length > 0) lines.push(creditsLine(report.credits));
  if (totals.provisional) lines.push(c.yellow(PROVISIONAL_LEGEND));
  if (report.partlyPaid) lines.push(IMPUTATION_LEGEND[report.readings.imputation]);
  await writeOut(cli, `${lines.join('\n')}\n`);
}

// Said whenever a listed invoice was paid in part: the reading changes the interest (art. 1343-1 C. civ.).
const IMPUTATION_LEGEND: Record<Imputation, string> = {
  'principal-first': 'Partial payments are imputed to the principal (imputation: principal-first); imputation: interest-first imputes them to the interest accrued first (art. 1343-1 C. civ.)',
  'interest-first': 'Partial payments are imputed to the interest accrued first, then the principal (imputation: interest-first, art. 1343-1 C. civ.): the JSON gives interest_paid and principal_left',
};

/** The credit notes left over, under the totals: they are deducted in the clients' reminders. */
function creditsLine(credits: readonly UnallocatedCredit[]): string {
  const sum = credits.reduce((total, c) => total + c.amount, 0);
  const shown = credits.slice(0, 3).map((c) => `${visible(truncate(c.client, 26))} ${formatEurosFr(c.amount)}`);
  const more = credits.length > 3 ? ` and ${credits.length - 3} more` : '';
  return `Unallocated credits: ${formatEurosFr(sum)} (${shown.join(', ')}${more}) — deducted in those clients' reminders`;
}

const PROVISIONAL_LEGEND = '* provisional: the interest uses rates not confirmed yet (carried forward past the rate tables, or marked provisional) — the warning says which and how to confirm them';

function stepCell(step: string | null, date: Day | null, today?: Day): string {
  if (step === null) return '–';
  const shown = visible(step);
  if (date === null) return shown;
  if (today !== undefined && date <= today) return `${shown} (due now)`;
  return `${shown} ${formatFrenchDay(date).slice(0, 5)}`;
}

function ageColor(c: ChalkInstance, daysLate: number, unpaid: boolean): (s: string) => string {
  if (!unpaid || daysLate <= 0) return (s) => s;
  if (daysLate <= 30) return c.yellow;
  if (daysLate <= 60) return c.magenta;
  if (daysLate <= 90) return c.red;
  return c.bold.red;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function printWarningLines(report: StatusReport, cli: Cli): void {
  const { issues, notes } = report;
  const notesShown = Math.max(0, MAX_ISSUES_SHOWN - issues.length);
  const lines = [...issues.slice(0, MAX_ISSUES_SHOWN).map(formatIssue), ...notes.slice(0, notesShown).map((n) => visible(`warning: ${n}`))];
  const rest = issues.length + notes.length - lines.length;
  if (rest > 0) lines.push(moreLine(rest, 'all of them are in --format json'));
  if (lines.length > 0) cli.stderr.write(`${lines.join('\n')}\n`);
}
