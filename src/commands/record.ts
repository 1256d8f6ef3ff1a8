// relance record — what was done by hand (a call, a letter, a promise, a dispute…), as
// one line of the journal. Checked first against the invoices, the policy and the
// invoice's history: a bad record is never written, every problem is told at once.

import type { Command } from 'commander';
import { Chalk } from 'chalk';
import { closestName } from '../domain/closest.js';
import type { Day } from '../domain/dates.js';
import { formatFrenchDay, formatIsoDay, parseIsoDay } from '../domain/dates.js';
import type { History } from '../domain/history.js';
import { emptyHistory, historyOf } from '../domain/history.js';
import type { Invoice } from '../domain/invoice.js';
import type { JournalEntry, RecordEvent } from '../domain/journal-entry.js';
import { RECORD_EVENTS, journalEntry, serializeEntry } from '../domain/journal-entry.js';
import { holdOf } from '../domain/plan.js';
import type { Policy } from '../domain/policy.js';
import { stepsFor } from '../domain/policy.js';
import { EXIT_BAD_INPUT, UsageError } from '../errors.js';
import { readInvoices } from '../io/invoices.js';
import { appendJournal } from '../io/journal.js';
import { displayPath } from '../io/paths.js';
import { loadSetup } from '../io/setup.js';
import type { Cli, CommonOptions } from './common.js';
import { addCommonOptions, printWarnings, useColor, writeOut } from './common.js';
import { policyStepIds } from '../domain/policy.js';
import { confirmation } from '../render/record-confirmation.js';

export interface RecordOptions extends CommonOptions {
  date?: string;
  note?: string;
  until?: string;
  step?: string;
  /** `--uncertain sent|not-sent`: every uncertain step at once (record-uncertain.ts). */
  uncertain?: string;
  /** With --uncertain: only these invoices'. */
  invoice: string[];
}

const EXAMPLES = `
Examples:
  relance record F-2026-014 call --note "promet de payer vendredi"
  relance record F-2026-014 call --step appel           the policy's call step, done
  relance record F-2026-014 letter --date 2026-11-20    formal notice posted that day
  relance record F-2026-014 promise --until 2026-12-05  nothing is sent through 5 December
  relance record F-2026-014 dispute --note "conteste la livraison"
  relance record F-2026-014 pause --until 2026-12-01    reminders resume on 2 December
  relance record F-2026-014 resume                      ends a dispute, a pause, paid-by-hand
  relance record F-2026-014 paid-by-hand --date 2026-11-21
  relance record F-2026-014 sent                        the uncertain message did go out
  relance record F-2026-014 not-sent --step relance-2   it did not: the next send does it
  relance record --uncertain sent                       every uncertain message did go out
  relance record --uncertain not-sent --invoice F-2026-040   none of F-2026-040's did

Events:
  call, letter    done by you; with --step ID that policy step is done too. A letter is
                  the formal notice: for a consumer (B2C) it starts the legal interest
                  the day after its date.
  promise         a promise to pay: the next reminder waits min_gap_days, or with
                  --until the day after that date
  pause           no reminders through --until, or until "resume"
  dispute         no reminders until "resume"
  resume          ends a dispute, a pause or a payment recorded by hand
  paid-by-hand    paid (cash, cheque…) although the invoice file does not say so yet
  sent, not-sent  settle an UNCERTAIN step (a send interrupted before its outcome was
                  written): it went out, or it did not and the next send does it again.
                  Find out first: look for the Message-ID that send, log and check print
                  in the Bcc mailbox (mail.bcc) or the SMTP server's sent folder or log,
                  not in .relance/sent (a message taken just before a stop may be missing
                  there). --uncertain sent|not-sent settles them all at once.

The entry is dated --date (default: today) and is never changed afterwards: to undo a
dispute, a pause or a payment by hand, record "resume". "relance log INVOICE" shows it.`;

export function register(program: Command, cli: Cli): void {
  addCommonOptions(
    program
      .command('record')
      .argument('[invoice]', 'the invoice number, as in the invoice file')
      .argument('[event]', RECORD_EVENTS.join(' | ')),
    ['table', 'json'],
  )
    .description('Record what you did by hand — a call, a letter, a promise, a dispute, a pause… — in the journal.')
    .option('--date <date>', 'the day it happened (YYYY-MM-DD; default: today)')
    .option('--note <text>', 'a free note, shown by "relance log"')
    .option('--until <date>', 'pause and promise: the last day without reminders (YYYY-MM-DD)')
    .option('--step <id>', 'call, letter: the policy step this did; sent, not-sent: the uncertain step meant')
    .option('--uncertain <outcome>', 'sent | not-sent: settle every uncertain step at once (no INVOICE EVENT)')
    .option('--invoice <number>', 'with --uncertain: only this invoice’s uncertain steps (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .addHelpText('after', EXAMPLES)
    .action(async (invoice: string | undefined, event: string | undefined, opts: RecordOptions) => {
      if (opts.uncertain !== undefined) {
        const { recordUncertain } = await import('./record-uncertain.js');
        cli.exitCode = await recordUncertain(opts.uncertain, [invoice, event], opts, cli);
        return;
      }
      const usage = `relance record INVOICE EVENT (the events: ${RECORD_EVENTS.join(', ')}), or relance record --uncertain sent|not-sent`;
      if (invoice === undefined) throw new UsageError("missing required argument 'invoice'", usage);
      if (event === undefined) throw new UsageError("missing required argument 'event'", usage);
      if (opts.invoice.length > 0) throw new UsageError('--invoice goes with --uncertain', `relance record --uncertain sent --invoice ${opts.invoice[0]}, or relance record ${invoice} ${event}`);
      cli.exitCode = await record(invoice, event, opts, cli);
    });
}

export async function record(invoiceArg: string, eventArg: string, opts: RecordOptions, cli: Cli): Promise<number> {
  const setup = await loadSetup(opts, cli);
  const number = invoiceArg.trim();
  const match: { invoice: Invoice | null } = { invoice: null };
  const numbers: string[] = [];
  const fileIssues = await readInvoices(
    { files: setup.config.invoices, cwd: cli.cwd, defaults: setup.config.defaults, columns: setup.config.columns },
    (found) => {
      numbers.push(found.number);
      if (found.number === number) match.invoice = found;
    },
  );
  const { invoice } = match;
  const fileErrors = fileIssues.filter((i) => i.severity === 'error').length;
  const request: RecordRequest = { invoice: number, event: eventArg.trim(), date: opts.date, until: opts.until, step: opts.step, note: opts.note };
  const check = checkRecord(request, {
    today: setup.today,
    now: cli.now,
    policy: setup.policy,
    invoice,
    numbers,
    history: setup.histories.get(number) ?? emptyHistory(number),
    invoiceFiles: setup.config.invoices.map((f) => displayPath(f, cli.cwd)).join(', '),
    fileErrors,
  });

  printWarnings(cli, setup.warnings, opts.quiet);
  if (check.entry === null || invoice === null) {
    for (const p of check.errors) cli.stderr.write(`relance: ${p.message}${p.hint ? ` — ${p.hint}` : ''}\n`);
    const n = check.errors.length;
    cli.stderr.write(`relance: ${n} error${n === 1 ? '' : 's'}, nothing was recorded.\n`);
    return EXIT_BAD_INPUT;
  }
  const { entry } = check;
  await appendJournal(setup.config.journal, [entry]);

  if (!opts.quiet) {
    for (const p of check.warnings) cli.stderr.write(`warning: ${p.message}${p.hint ? ` — ${p.hint}` : ''}\n`);
  }
  const after = historyOf(number, [...setup.journal, entry]);
  const line = confirmation(entry, invoice, setup.policy, after, setup.today);
  if (opts.format === 'json') {
    await writeOut(cli, `${serializeEntry(entry)}\n`);
    if (!opts.quiet) cli.stderr.write(`${line}\n`);
  } else if (!opts.quiet) {
    const c = new Chalk({ level: useColor(opts, cli) ? 1 : 0 });
    await writeOut(cli, `${c.bold(`${number}:`)}${line.slice(number.length + 1)}\n`);
  }
  return 0;
}

// ---------------------------------------------------------------- checking

/** What the command line asks for, as typed. */
export interface RecordRequest {
  invoice: string;
  event: string;
  date: string | undefined;
  until: string | undefined;
  step: string | undefined;
  note: string | undefined;
}

export interface RecordContext {
  today: Day;
  now: Date;
  policy: Policy;
  /** The invoice as the files have it; null when none has that number. */
  invoice: Invoice | null;
  /** Every invoice number in the files, for "did you mean". */
  numbers: readonly string[];
  /** The invoice's history before this record. */
  history: History;
  /** The invoice files as the user names them. */
  invoiceFiles: string;
  /** Errors in the invoice files: their bad rows were skipped. */
  fileErrors: number;
}

export interface Problem {
  message: string;
  hint?: string;
}

export interface RecordCheck {
  errors: Problem[];
  warnings: Problem[];
  /** The entry to append; null when there are errors. */
  entry: JournalEntry | null;
}

/** Events that say something was done: they cannot be dated after today. */
const DONE_EVENTS: Partial<Record<RecordEvent, string>> = {
  call: 'a call cannot have been made yet',
  letter: 'a letter cannot have been posted yet',
  'paid-by-hand': 'a payment cannot have been received yet',
  sent: 'a message cannot have gone out yet',
};
const UNTIL_EVENTS: readonly RecordEvent[] = ['pause', 'promise'];
const STEP_EVENTS: readonly RecordEvent[] = ['call', 'letter', 'sent', 'not-sent'];

/**
 * The journal entry the request makes, or every reason it cannot be made. Pure: the
 * command reads the files, this decides.
 */
export function checkRecord(req: RecordRequest, ctx: RecordContext): RecordCheck {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const { invoice, history, today } = ctx;
  const n = req.invoice;

  const event = (RECORD_EVENTS as readonly string[]).includes(req.event) ? (req.event as RecordEvent) : null;
  if (event === null) {
    const close = closestName(req.event, RECORD_EVENTS);
    errors.push({ message: `unknown event "${req.event}"`, hint: `${close ? `did you mean "${close}"? The` : 'the'} events are: ${RECORD_EVENTS.join(', ')}` });
  }

  if (invoice === null) {
    const close = closestName(n, ctx.numbers);
    const broken = ctx.fileErrors > 0 ? ` (the invoice files have ${ctx.fileErrors} error${ctx.fileErrors === 1 ? '' : 's'}: "relance status" shows them)` : '';
    errors.push({
      message: `invoice "${n}" is not in the invoice files (${ctx.invoiceFiles})`,
      hint: (close ? `did you mean "${close}"?` : '"relance status --all" lists the invoices') + broken,
    });
  }

  const date = req.date === undefined ? today : parseIsoDay(req.date);
  if (date === null) errors.push({ message: `--date "${req.date}" is not a date`, hint: 'write it as YYYY-MM-DD, e.g. --date 2026-11-22' });
  else if (event !== null && date > today && DONE_EVENTS[event] !== undefined) {
    errors.push({ message: `--date ${req.date} is after today (${formatFrenchDay(today)}): ${DONE_EVENTS[event]}`, hint: 'record it once done, dated the day it happened' });
  }

  let until: Day | null = null;
  if (req.until !== undefined) {
    until = parseIsoDay(req.until);
    if (event !== null && !UNTIL_EVENTS.includes(event)) {
      const hint = event === 'dispute' ? 'a dispute lasts until "resume": leave --until out' : 'leave it out: --until is the last day of a pause or of a promise to pay';
      errors.push({ message: `--until is only for pause and promise, not for ${event}`, hint });
    } else if (until === null) {
      errors.push({ message: `--until "${req.until}" is not a date`, hint: 'write it as YYYY-MM-DD, e.g. --until 2026-12-01' });
    } else if (date !== null && until < date) {
      errors.push({
        message: `--until ${req.until} is before the ${event ?? 'record'}'s date (${formatFrenchDay(date)})`,
        hint: '--until is the last day without reminders: give a day on or after --date',
      });
    }
  }

  const step = req.step;
  let stepOk = true;
  if (step !== undefined) {
    const ids = invoice === null ? policyStepIds(ctx.policy) : stepsFor(ctx.policy, invoice).map((s) => s.id);
    const uncertain = history.uncertain.some((u) => u.step === step);
    if (event !== null && !STEP_EVENTS.includes(event)) {
      stepOk = false;
      errors.push({ message: `--step is only for call, letter, sent and not-sent, not for ${event}`, hint: `a ${event} concerns the whole invoice: leave --step out` });
    } else if (!ids.includes(step) && !uncertain) {
      stepOk = false;
      const close = closestName(step, ids);
      errors.push({ message: `step "${step}" is not in the policy`, hint: `${close ? `did you mean "${close}"? The` : 'the'} steps are: ${ids.join(', ')}` });
    }
  }

  if (invoice !== null && (event === 'sent' || event === 'not-sent')) {
    const pending = history.uncertain;
    const list = pending.map((u) => `${u.step} (${formatFrenchDay(u.date)})`).join(', ');
    if (pending.length === 0) {
      errors.push({
        message: `${n} has no uncertain step: "${event}" settles a message whose outcome is unknown`,
        hint: `"relance log ${n}" shows what happened; a step done by hand is recorded with call or letter --step ID`,
      });
    } else if (step === undefined && pending.length > 1) {
      errors.push({
        message: `${n} has ${pending.length} uncertain steps: ${list}`,
        hint: `name the one that ${event === 'sent' ? 'went out' : 'did not go out'}: --step ${pending[0]!.step}`,
      });
    } else if (step !== undefined && stepOk && !pending.some((u) => u.step === step)) {
      errors.push({ message: `step "${step}" of ${n} is not uncertain`, hint: `the uncertain step${pending.length === 1 ? ' is' : 's are'} ${list}: --step ${pending[0]!.step}` });
    }
  }

  if (invoice !== null && event === 'resume' && errors.length === 0) {
    const held = history.disputedSince !== null || history.paidByHand !== null || (history.pause !== null && (history.pause.through === null || history.pause.through >= today));
    if (!held) {
      const hold = holdOf(invoice, history, today);
      if (hold?.reason === 'paused') {
        warnings.push({
          message: `${n} is paused by its invoice file (${invoice.status === 'paused' ? 'status paused' : 'paused_until'}): "resume" does not lift that`,
          hint: `change it in ${invoice.source.file}`,
        });
      } else {
        warnings.push({ message: `${n} is not disputed, paused or paid by hand: the resume is recorded but changes nothing` });
      }
    }
  }

  if (errors.length > 0 || event === null || date === null) return { errors, warnings, entry: null };
  // sent / not-sent name the step they settle, so that the line reads on its own.
  const settled = event === 'sent' || event === 'not-sent' ? (step ?? history.uncertain[0]?.step ?? null) : (step ?? null);
  const entry = journalEntry({
    type: 'record',
    date,
    at: ctx.now,
    invoice: n,
    event,
    step: settled,
    channel: event === 'call' || event === 'letter' ? event : null,
    until: until === null ? null : formatIsoDay(until),
    note: req.note === undefined || req.note.trim() === '' ? null : req.note,
  });
  return { errors, warnings, entry };
}
