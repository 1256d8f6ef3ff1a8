// relance record — what was done by hand (a call, a letter, a promise, a dispute…), as
// one line of the journal. Checked first against the invoices, the policy and the
// invoice's history: a bad record is never written, every problem is told at once.

import type { Command } from 'commander';
import { Chalk } from 'chalk';
import { emptyHistory, historyOf } from '../domain/history.js';
import { RECORD_EVENTS, serializeEntry } from '../domain/journal-entry.js';
import type { RecordRequest } from '../domain/record-request.js';
import { checkRecord } from '../domain/record-request.js';
import { EXIT_BAD_INPUT, UsageError } from '../errors.js';
import { invoiceSources, lookUpInvoice } from '../io/invoices.js';
import { appendJournal } from '../io/journal.js';
import { displayPath } from '../io/paths.js';
import type { Cli, CommonOptions } from './common.js';
import { addCommonOptions, printWarnings, setupFor, useColor, writeOut } from './common.js';
import { confirmation } from '../domain/record-confirmation.js';
import { calendarOf } from '../domain/send-calendar.js';

export interface RecordOptions extends CommonOptions {
  date?: string;
  note?: string;
  until?: string;
  step?: string;
  /** paid-by-hand: the part paid. */
  amount?: string;
  /** letter: the registered letter's tracking number and the day it was received. */
  tracking?: string;
  received?: string;
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
  relance record F-2026-014 letter --step mise-en-demeure --date 2026-11-20 --tracking "1A 234 567 8901 2"
  relance record F-2026-014 letter --received 2026-11-23   the avis de réception came back, signed that day
  relance record F-2026-014 promise --until 2026-12-05  nothing is sent through 5 December
  relance record F-2026-014 dispute --note "conteste la livraison"
  relance record F-2026-014 pause --until 2026-12-01    reminders resume on 2 December
  relance record F-2026-014 resume                      ends a dispute, a pause, paid-by-hand
  relance record F-2026-014 paid-by-hand --date 2026-11-21
  relance record F-2026-014 retry                       the refused address was right after all
  relance record F-2026-014 paid-by-hand --amount 500    a part paid: 500 € less to claim
  relance record F-2026-014 sent                        the uncertain message did go out
  relance record F-2026-014 not-sent --step relance-2   it did not: the next send does it
  relance record --uncertain sent                       every uncertain message did go out
  relance record --uncertain not-sent --invoice F-2026-040   none of F-2026-040's did

Events:
  call, letter    done by you; with --step ID that policy step is done too. A letter is
                  the formal notice: for a consumer (B2C) it starts the legal interest
                  the day after its date. --tracking N and --received DATE keep the proof
                  of the registered letter (its number, the day the avis de réception was
                  signed): the deadline to pay counts from receipt, and "relance dossier"
                  prints both. --received alone on a letter already recorded completes it.
  promise         a promise to pay: the next reminder waits min_gap_days, or with
                  --until the day after that date
  pause           no reminders through --until, or until "resume"
  dispute         no reminders until "resume"
  resume          ends a dispute, a pause or a payment recorded by hand
  paid-by-hand    paid (cash, cheque…) although the invoice file does not say so yet;
                  with --amount X, X was paid (a part): the rest is still claimed, and an
                  invoice marked partly paid with no amount in its file gets its balance
  retry           an e-mail refused for good (bounced): its e-mail steps come back for the
                  same address (a new address in the invoice file brings them back by itself)
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
    .option('--amount <amount>', 'paid-by-hand: the part paid, when it is not the whole balance (e.g. 500 or "1 234,56")')
    .option('--tracking <number>', 'letter: the registered letter’s tracking number (numéro de suivi)')
    .option('--received <date>', 'letter: the day the avis de réception was signed (YYYY-MM-DD)')
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
  const setup = await setupFor(opts, cli);
  const number = invoiceArg.trim();
  const { invoice, numbers, fileErrors } = await lookUpInvoice(number, invoiceSources(setup.config, cli.cwd));
  const request: RecordRequest = { invoice: number, event: eventArg.trim(), date: opts.date, until: opts.until, step: opts.step, note: opts.note, amount: opts.amount, tracking: opts.tracking, received: opts.received };
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
  cli.journalRun = { path: setup.config.journal, run: null, since: cli.now };
  await appendJournal(setup.config.journal, [entry]);

  if (!opts.quiet) {
    for (const p of check.warnings) cli.stderr.write(`warning: ${p.message}${p.hint ? ` — ${p.hint}` : ''}\n`);
  }
  const after = historyOf(number, [...setup.journal, entry]);
  const line = confirmation(entry, invoice, setup.policy, after, setup.today, calendarOf(setup.config.law));
  if (opts.format === 'json') {
    await writeOut(cli, `${serializeEntry(entry)}\n`);
    if (!opts.quiet) cli.stderr.write(`${line}\n`);
  } else if (!opts.quiet) {
    const c = new Chalk({ level: useColor(opts, cli) ? 1 : 0 });
    await writeOut(cli, `${c.bold(`${number}:`)}${line.slice(number.length + 1)}\n`);
  }
  return 0;
}
