// relance send — today's reminders: each due step of each open invoice, exactly once.
// Read everything, plan, render and check every message, then hand them to one outbox:
// printed (--dry-run), .eml files (--dry-run --out DIR), or SMTP with the journal.

import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Claims } from '../domain/claim.js';
import { formatFrenchDay, formatIsoDay } from '../domain/dates.js';
import { invoiceNotFound } from '../domain/find-invoice.js';
import type { Issue } from '../domain/issue.js';
import { hasErrors } from '../domain/issue.js';
import type { Invoice } from '../domain/invoice.js';
import type { MovedStep } from '../domain/plan.js';
import { planActions } from '../domain/plan.js';
import type { SendCalendar } from '../domain/send-calendar.js';
import { calendarOf, dayOffName } from '../domain/send-calendar.js';
import { businessDayOnOrAfter } from '../domain/holidays.js';
import type { Day } from '../domain/dates.js';
import { InputError, UsageError, EXIT_INTERNAL, EXIT_OK, EXIT_SEND_FAILED } from '../errors.js';
import { redactSecrets } from '../render/redact.js';
import { internalErrorText } from './internal-error.js';
import { invoiceSources, loadInvoices } from '../io/invoices.js';
import { Snapshots, staleSnapshotIssues } from '../domain/balances-as-of.js';
import type { Lock } from '../io/lock.js';
import type { Setup } from '../io/setup.js';
import type { OutgoingEmail, Prepared, Skipped, Todo } from '../mail/message.js';
import type { Incident, Outbox, Outcome } from '../mail/outbox.js';
import { prepareActions, senderOf } from '../mail/prepare.js';
import { displayPath } from '../io/paths.js';
import type { Cli, SetupOptions } from './common.js';
import { addCommonOptions, printNotes, printWarnings, readingProgress, setupFor, writeOut } from './common.js';
import type { ActionReport } from './send-report.js';
import { actionReport, count, reportProblems, skippedReport, summary, uncertainReport } from './send-report.js';

interface SendOptions extends SetupOptions {
  dryRun?: boolean;
  out?: string;
  invoice: string[];
}

const EXAMPLES = `
Examples:
  relance send --dry-run                  show today's e-mails and to-dos; send and record nothing
  relance send --dry-run --out drafts/    write each e-mail as a .eml file (opens in any mail client)
  relance send                            send them, and record each in the journal
  relance send --invoice F-2026-014       only this invoice (repeat the flag for more)
  relance send --format json              one JSON document: what was done for each action

SIGTERM or Ctrl-C stops cleanly: the e-mails on their way are finished and journaled (up to
30 s, RELANCE_STOP_WAIT=SECONDS), the rest is left for the next run. An uncertain e-mail
(sent, perhaps: no answer came) prints its Message-ID: look for it in the Bcc mailbox or
the SMTP server's sent folder or log, then settle it with "relance record".

A problem of one invoice's step today (no e-mail address, a PDF that is missing) skips
that step alone: it is reported "skipped" with the fix, and the others go out. An e-mail
refused for good (5xx: no such mailbox, too big) is "bounced": the invoice's e-mail steps
are passed over until its address changes or "relance record INVOICE retry", and its
calls, letters and tasks still come. One refused for now (4xx, greylisting) is tried
again within the run (mail.retry_seconds), then by the next run. A refused login stops
the run at once: relance never tries a wrong password twice.

Exit codes: 0 done · 1 some e-mails failed, bounced, skipped, not attempted or uncertain,
a file relance writes could not be written, or stopped by a signal (see stderr) · 2 bad
input, nothing sent · 3 another send is running`;

export function register(program: Command, cli: Cli): void {
  addCommonOptions(program.command('send'), ['table', 'json'])
    .description('Do today’s due reminder steps: e-mails sent over SMTP, letters, calls and tasks listed as to-dos; each step once.')
    .option('-n, --dry-run', 'draft everything, send nothing, record nothing')
    .option('-o, --out <dir>', 'with --dry-run: write each e-mail as a .eml file and each letter as a text file in DIR')
    .option('--invoice <number>', 'only this invoice (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('-i, --invoices <file>', 'read this CSV, .xlsx or YAML file instead of the config’s')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: SendOptions) => {
      cli.exitCode = await send(opts, cli);
    });
}

export async function send(opts: SendOptions, cli: Cli): Promise<number> {
  if (opts.out !== undefined && !opts.dryRun) throw new UsageError('--out writes drafts: it goes with --dry-run', 'relance send --dry-run --out drafts/');
  const dryRun = opts.dryRun === true;
  // A real run stops cleanly on SIGTERM or Ctrl-C: the messages on their way are waited
  // for and journaled, the lock released (cli.ts catches the signals).
  const stop = dryRun ? null : (cli.catchInterrupts?.() ?? null);
  let lock: Lock | null = null;
  try {
    const setup = await setupFor(opts, cli, {
      // The lock is taken before the journal is read: two runs never plan from the same state.
      beforeJournal: dryRun
        ? undefined
        : async (config) => {
            const { acquireLock } = await import('../io/lock.js');
            lock = await acquireLock(config.journal, displayPath(config.journal, cli.cwd), cli.now);
            if (lock.note !== null && !opts.quiet) cli.stderr.write(`relance: ${lock.note}\n`);
          },
    });
    return await sendWithSetup(setup, opts, cli, dryRun, stop);
  } finally {
    await (lock as Lock | null)?.release();
  }
}

async function sendWithSetup(setup: Setup, opts: SendOptions, cli: Cli, dryRun: boolean, stop: AbortSignal | null): Promise<number> {
  const { config, today } = setup;
  const progress = readingProgress(cli, 'invoices');
  const loaded = await loadInvoices(invoiceSources(config, cli.cwd), progress.tick);
  progress.done();
  const issues: Issue[] = [...setup.warnings, ...loaded.issues];
  if (hasErrors(issues)) throw new InputError(issues);
  const snapshots = new Snapshots();
  for (const invoice of loaded.invoices) snapshots.add(invoice);
  issues.push(...staleSnapshotIssues(snapshots.list(), today));
  const invoices = selectInvoices(loaded.invoices, opts.invoice, config.invoices.map((f) => displayPath(f, cli.cwd)).join(', '));

  const calendar = calendarOf(config.law);
  const plan = planActions(invoices, setup.policy, setup.histories, today, calendar);
  const book = new Claims({ today, rates: setup.rates, rateMode: config.rateMode, law: config.law });
  // In the files' order, as status reads them: a missing rate is named on the same invoice.
  const planned = new Set(plan.actions.flatMap((a) => a.invoices.map((i) => i.number)));
  const claims = book.byNumber(invoices.filter((i) => planned.has(i.number)), setup.histories);
  issues.push(...book.missingRateIssues());
  const { archiveReader } = await import('../mail/archive.js');
  const domain = messageIdDomain(senderOf(config));
  const { prepared, skipped, issues: prepareIssues } = await prepareActions(plan.actions, {
    config,
    templateDirs: setup.templateDirs,
    histories: setup.histories,
    claims,
    credits: new Map(loaded.credits.map((c) => [c.client, c])),
    today,
    newMessageId: () => `<relance.${randomUUID()}@${domain}>`,
    archivedMessage: archiveReader(config.journal),
  });
  issues.push(...prepareIssues);
  if (hasErrors(issues)) throw new InputError(issues);
  printWarnings(cli, issues, opts.quiet);
  printNotes(cli, book.provisionalWarnings(), opts.quiet);

  const json = opts.format === 'json';
  const emails = prepared.filter((p): p is OutgoingEmail => p.kind === 'email');
  const todos = prepared.filter((p): p is Todo => p.kind === 'todo');
  const print = (text: string) => writeOut(cli, text);
  if (dryRun && !json && !opts.quiet) {
    const held = skipped.length > 0 ? `, ${skipped.length} skipped` : '';
    await print(`relance send --dry-run, ${formatFrenchDay(today)}: ${count(emails.length, 'e-mail')}, ${count(todos.length, 'to-do')}${held} — nothing is sent, nothing recorded\n`);
    const days = sendDaysLines(plan.moved, today, calendar);
    await print(`${days.map((l) => `${l}\n`).join('')}\n`);
  } else if (!opts.quiet) {
    for (const line of sendDaysLines(plan.moved, today, calendar)) cli.stderr.write(`relance: ${line}\n`);
  }
  const outbox = await chooseOutbox(setup, opts, cli, dryRun, json ? null : print, stop);

  const reports = new Map<Prepared, ActionReport>();
  const notAttempted = new Set<ActionReport>();
  const report = (item: Prepared, outcome: Outcome) => {
    const r = actionReport(item, outcome);
    reports.set(item, r);
    if (outcome.notAttempted) notAttempted.add(r);
  };
  let crash: { error: unknown } | null = null;
  let incidents: Incident[];
  try {
    await outbox.send(emails, report);
    await outbox.issue(todos, report);
  } catch (error) {
    crash = { error };
  } finally {
    incidents = await outbox.close();
  }
  // A bug before anything left goes to cli.ts's one catch (exit 70, with what the journal
  // holds of the run); after, the summary says what was sent, and the exit is 70 too.
  const left = [...reports.values()].some((r) => r.status === 'sent' || r.status === 'uncertain');
  if (crash !== null && !left) throw crash.error;
  // In plan order, the skipped steps among the others; the uncertain ones after.
  const order = new Map(plan.actions.map((a, i) => [a, i]));
  const done = [...prepared.map((p) => ({ action: p.action, report: reports.get(p) ?? unknownOutcome(p) })), ...skipped.map((s: Skipped) => ({ action: s.action, report: skippedReport(s) }))]
    .sort((a, b) => order.get(a.action)! - order.get(b.action)!)
    .map((d) => d.report);
  const uncertain = plan.uncertain.map(uncertainReport);
  const all = [...done, ...uncertain];

  if (json) {
    await print(`${JSON.stringify({ today: formatIsoDay(today), dry_run: dryRun, actions: all }, null, 2)}\n`);
  } else if (!dryRun || opts.out !== undefined) {
    await print(summary(all, notAttempted, today, dryRun));
  }
  reportProblems(cli, all, notAttempted, incidents, dryRun ? null : config.mail.bcc);
  if (stop?.aborted && notAttempted.size === 0) cli.stderr.write(`relance: stopped by ${String(stop.reason)}, once every e-mail had been dealt with\n`);
  if (crash !== null) {
    cli.stderr.write(redactSecrets(await internalErrorText(crash.error, cli.journalRun ?? null)));
    return EXIT_INTERNAL;
  }
  const problems = all.some((r) => r.status === 'failed' || r.status === 'uncertain' || r.status === 'bounced' || r.status === 'skipped') || incidents.length > 0 || stop?.aborted === true;
  return problems ? EXIT_SEND_FAILED : EXIT_OK;
}

/**
 * What `send_days: business` did to today's run: a day off sends nothing, and the steps
 * it holds wait for the next business day; on a business day, the steps that fell due on
 * a day off go out now.
 */
function sendDaysLines(moved: readonly MovedStep[], today: Day, calendar: SendCalendar): string[] {
  if (calendar.days === 'any') return [];
  const lines: string[] = [];
  const off = dayOffName(today, calendar.region);
  const waiting = moved.filter((m) => m.to > today);
  if (off !== null) {
    const next = waiting[0]?.to ?? businessDayOnOrAfter(today, calendar.region);
    lines.push(`${formatFrenchDay(today)} is not a business day (${off}; send_days: business): nothing goes out today${waiting.length > 0 ? `, ${count(waiting.length, 'step')} wait for ${formatFrenchDay(next)}` : ''}`);
  }
  for (const m of moved.filter((x) => x.to === today)) {
    lines.push(`${m.invoice} ${m.step}: fell due on ${formatFrenchDay(m.from)} (${dayOffName(m.from, calendar.region) ?? 'a day off'}), goes out today, the next business day (send_days: business)`);
  }
  return lines;
}

/** An action a crashed outbox never reported: its e-mail may have gone out. */
function unknownOutcome(item: Prepared): ActionReport {
  const error = 'relance stopped on an internal error before knowing what became of it';
  return actionReport(item, { status: item.kind === 'email' ? 'uncertain' : 'failed', messageId: item.kind === 'email' ? item.messageId : null, error, file: null });
}

async function chooseOutbox(setup: Setup, opts: SendOptions, cli: Cli, dryRun: boolean, print: ((text: string) => Promise<void>) | null, stop: AbortSignal | null): Promise<Outbox> {
  if (dryRun && opts.out !== undefined) {
    const { emlOutbox } = await import('../mail/eml-outbox.js');
    return emlOutbox(resolve(cli.cwd, opts.out), cli.now);
  }
  if (dryRun) {
    const { draftOutbox } = await import('../mail/draft-outbox.js');
    return draftOutbox(opts.quiet ? null : print);
  }
  const { liveOutbox } = await import('../mail/live-outbox.js');
  const run = `${formatIsoDay(setup.today)}.${randomUUID().slice(0, 8)}`;
  cli.journalRun = { path: setup.config.journal, run, since: cli.now };
  return liveOutbox({
    config: setup.config,
    env: cli.env,
    journalPath: setup.config.journal,
    today: setup.today,
    now: () => new Date(),
    run,
    progress: cli.stderr.isTTY ? progressLine(cli) : null,
    smtp: stopWait(cli.env),
    stop,
    display: (path) => displayPath(path, cli.cwd),
  });
}

/** RELANCE_STOP_WAIT (seconds): how long a stopped run waits for the server's answers (30 s). */
function stopWait(env: Cli['env']): { stopWait: number } | undefined {
  const seconds = Number(env.RELANCE_STOP_WAIT);
  return env.RELANCE_STOP_WAIT !== undefined && env.RELANCE_STOP_WAIT.trim() !== '' && Number.isFinite(seconds) && seconds >= 0 ? { stopWait: seconds * 1000 } : undefined;
}

/** `--invoice N`: only those; a number that is not in the files is a usage error. */
function selectInvoices(invoices: readonly Invoice[], wanted: readonly string[], files: string): Invoice[] {
  if (wanted.length === 0) return [...invoices];
  const numbers = new Set(invoices.map((i) => i.number));
  for (const n of wanted) {
    if (!numbers.has(n)) {
      const { message, hint } = invoiceNotFound(n, numbers, { files, fileErrors: 0 });
      throw new UsageError(message, hint);
    }
  }
  return invoices.filter((i) => wanted.includes(i.number));
}

function messageIdDomain(sender: string | null): string {
  const m = sender ? /@([A-Za-z0-9.-]+)>?\s*$/.exec(sender) : null;
  return m ? m[1]! : 'relance.invalid';
}

function progressLine(cli: Cli): (done: number, total: number) => void {
  return (done, total) => {
    cli.stderr.write(`\rsending ${done}/${total}…${done === total ? '\n' : ''}`);
  };
}
