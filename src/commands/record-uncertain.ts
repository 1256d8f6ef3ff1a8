// relance record --uncertain sent|not-sent [--invoice N]... — settles every uncertain step
// at once (or those of some invoices), once the user has looked them up: a stopped run
// can leave twenty. One `record` line per step, all written together, each told with
// what comes next.

import { Chalk } from 'chalk';
import { formatFrenchDay, parseIsoDay } from '../domain/dates.js';
import type { History } from '../domain/history.js';
import { historyOf } from '../domain/history.js';
import type { Invoice } from '../domain/invoice.js';
import type { JournalEntry } from '../domain/journal-entry.js';
import { journalEntry, serializeEntry } from '../domain/journal-entry.js';
import { UsageError } from '../errors.js';
import { invoiceSources, readInvoices } from '../io/invoices.js';
import type { WhereLooked } from '../domain/find-invoice.js';
import { invoiceNotFound } from '../domain/find-invoice.js';
import { appendJournal } from '../io/journal.js';
import { displayPath } from '../io/paths.js';
import { confirmation } from '../domain/record-confirmation.js';
import type { Cli } from './common.js';
import { printWarnings, setupFor, useColor, writeOut } from './common.js';
import type { RecordOptions } from './record.js';

const OUTCOMES = ['sent', 'not-sent'] as const;

export async function recordUncertain(outcomeArg: string, positional: readonly (string | undefined)[], opts: RecordOptions, cli: Cli): Promise<number> {
  const outcome = OUTCOMES.find((o) => o === outcomeArg.trim());
  if (outcome === undefined) throw new UsageError(`--uncertain "${outcomeArg}": say sent (they went out) or not-sent (the next send does them again)`, 'relance record --uncertain sent');
  const given = positional.filter((p): p is string => p !== undefined);
  if (given.length > 0) throw new UsageError(`--uncertain settles the uncertain steps by itself: leave out "${given.join(' ')}"`, `relance record --uncertain ${outcome} --invoice ${given[0]}, for one invoice`);
  if (opts.step !== undefined) throw new UsageError('--step names one step of one invoice: it does not go with --uncertain', `relance record INVOICE ${outcome} --step ${opts.step}`);
  if (opts.until !== undefined) throw new UsageError(`--until is only for pause and promise, not for ${outcome}`, 'leave it out');

  const setup = await setupFor(opts, cli);
  const today = setup.today;
  const date = opts.date === undefined ? today : parseIsoDay(opts.date);
  if (date === null) throw new UsageError(`--date "${opts.date}" is not a date`, 'write it as YYYY-MM-DD, e.g. --date 2026-11-22');
  if (outcome === 'sent' && date > today) throw new UsageError(`--date ${opts.date} is after today (${formatFrenchDay(today)}): a message cannot have gone out yet`, 'record it once done, dated the day it happened');

  const invoices = new Map<string, Invoice>();
  const fileIssues = await readInvoices(invoiceSources(setup.config, cli.cwd), { invoice: (found) => invoices.set(found.number, found), restart: () => invoices.clear() });
  const where = { files: setup.config.invoices.map((f) => displayPath(f, cli.cwd)).join(', '), fileErrors: fileIssues.filter((i) => i.severity === 'error').length, journal: true };
  const wanted = [...new Set(opts.invoice.map((n) => n.trim()))];
  const settled = wanted.length === 0 ? [...setup.histories.values()].filter((h) => h.uncertain.length > 0) : wanted.map((n) => pending(n, setup.histories, invoices, where));
  printWarnings(cli, setup.warnings, opts.quiet);
  if (settled.length === 0) {
    if (!opts.quiet) await writeOut(cli, `No uncertain step in ${displayPath(setup.config.journal, cli.cwd)}: nothing recorded.\n`);
    return 0;
  }

  const note = opts.note === undefined || opts.note.trim() === '' ? null : opts.note;
  const entries = settled.flatMap((h) => h.uncertain.map((u) => journalEntry({ type: 'record', date, at: cli.now, invoice: h.invoice, event: outcome, step: u.step, note })));
  cli.journalRun = { path: setup.config.journal, run: null, since: cli.now };
  await appendJournal(setup.config.journal, entries);

  const lines = entries.map((entry) => lineFor(entry, invoices.get(entry.invoice) ?? null, setup, entries));
  if (opts.format === 'json') {
    await writeOut(cli, entries.map((e) => `${serializeEntry(e)}\n`).join(''));
    if (!opts.quiet) cli.stderr.write(lines.map((l) => `${l}\n`).join(''));
  } else if (!opts.quiet) {
    const c = new Chalk({ level: useColor(opts, cli) ? 1 : 0 });
    await writeOut(cli, lines.map((l) => `${c.bold(`${l.slice(0, l.indexOf(':') + 1)}`)}${l.slice(l.indexOf(':') + 1)}\n`).join(''));
  }
  return 0;
}

/** The history of an invoice named with --invoice, which must have an uncertain step. */
function pending(number: string, histories: ReadonlyMap<string, History>, invoices: ReadonlyMap<string, Invoice>, where: WhereLooked): History {
  const history = histories.get(number);
  if (history === undefined && !invoices.has(number)) {
    const { message, hint } = invoiceNotFound(number, [...invoices.keys(), ...histories.keys()], where);
    throw new UsageError(message, hint);
  }
  if (history === undefined || history.uncertain.length === 0) {
    throw new UsageError(`${number} has no uncertain step: nothing to settle`, `"relance log ${number}" shows what happened`);
  }
  return history;
}

/** What was recorded and what comes next, with the invoice's history after all of this run's lines. */
function lineFor(entry: JournalEntry, invoice: Invoice | null, setup: { journal: readonly JournalEntry[]; policy: Parameters<typeof confirmation>[2]; today: number }, added: readonly JournalEntry[]): string {
  const after = historyOf(entry.invoice, [...setup.journal, ...added]);
  if (invoice !== null) return confirmation(entry, invoice, setup.policy, after, setup.today);
  const what = entry.event === 'sent' ? `${entry.step} recorded as sent on ${formatFrenchDay(parseIsoDay(entry.date)!)}` : `${entry.step} recorded as not sent`;
  return `${entry.invoice}: ${what} — the invoice is no longer in the invoice files: nothing more is sent for it`;
}
