// relance send — today's reminders: each due step of each open invoice, exactly once.
// Read everything, plan, render and check every message, then hand them to one outbox:
// printed (--dry-run), .eml files (--dry-run --out DIR), or SMTP with the journal.

import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Claim } from '../domain/claim.js';
import { claimOf, provisionalRateWarnings } from '../domain/claim.js';
import { closestName } from '../domain/closest.js';
import { formatFrenchDay, formatIsoDay } from '../domain/dates.js';
import { emptyHistory } from '../domain/history.js';
import type { Issue } from '../domain/issue.js';
import { error, hasErrors } from '../domain/issue.js';
import type { Invoice } from '../domain/invoice.js';
import { MissingRateError } from '../domain/penalty.js';
import type { UncertainInvoice } from '../domain/plan.js';
import { planActions } from '../domain/plan.js';
import { InputError, UsageError, EXIT_OK, EXIT_SEND_FAILED } from '../errors.js';
import { loadInvoices } from '../io/invoices.js';
import type { Lock } from '../io/lock.js';
import type { Setup, SetupOptions } from '../io/setup.js';
import { loadSetup } from '../io/setup.js';
import type { OutgoingEmail, Prepared, Todo } from '../mail/message.js';
import type { Outbox, Outcome } from '../mail/outbox.js';
import { prepareActions, senderOf } from '../mail/prepare.js';
import type { Cli } from './common.js';
import { addCommonOptions, printNotes, printWarnings, readingProgress, writeOut } from './common.js';

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

Exit codes: 0 done · 1 some e-mails failed or are uncertain (see stderr) · 2 bad input, nothing sent · 3 another send is running`;

export function register(program: Command, cli: Cli): void {
  addCommonOptions(program.command('send'), ['table', 'json'])
    .description('Do today’s due reminder steps: e-mails sent over SMTP, letters, calls and tasks listed as to-dos; each step once.')
    .option('-n, --dry-run', 'draft everything, send nothing, record nothing')
    .option('-o, --out <dir>', 'with --dry-run: write each e-mail as a .eml file and each letter as a text file in DIR')
    .option('--invoice <number>', 'only this invoice (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('-i, --invoices <file>', 'read this CSV or YAML file instead of the config’s')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: SendOptions) => {
      cli.exitCode = await send(opts, cli);
    });
}

/** One line of the report: what happened to one action (DESIGN.md § send JSON). */
interface ActionReport {
  invoices: string[];
  client: string;
  step: string;
  channel: string;
  to: string[];
  subject: string | null;
  status: Outcome['status'];
  message_id: string | null;
  error: string | null;
  file: string | null;
}

export async function send(opts: SendOptions, cli: Cli): Promise<number> {
  if (opts.out !== undefined && !opts.dryRun) throw new UsageError('--out writes drafts: it goes with --dry-run', 'relance send --dry-run --out drafts/');
  const dryRun = opts.dryRun === true;
  let lock: Lock | null = null;
  try {
    const setup = await loadSetup(opts, cli, {
      // The lock is taken before the journal is read: two runs never plan from the same state.
      beforeJournal: dryRun
        ? undefined
        : async (config) => {
            const { acquireLock } = await import('../io/lock.js');
            const { displayPath } = await import('../io/paths.js');
            lock = await acquireLock(config.journal, displayPath(config.journal, cli.cwd), cli.now);
            if (lock.note !== null && !opts.quiet) cli.stderr.write(`relance: ${lock.note}\n`);
          },
    });
    return await sendWithSetup(setup, opts, cli, dryRun);
  } finally {
    await (lock as Lock | null)?.release();
  }
}

async function sendWithSetup(setup: Setup, opts: SendOptions, cli: Cli, dryRun: boolean): Promise<number> {
  const { config, today } = setup;
  const progress = readingProgress(cli, 'invoices');
  const loaded = await loadInvoices({ files: config.invoices, cwd: cli.cwd, defaults: config.defaults, columns: config.columns }, progress.tick);
  progress.done();
  const issues: Issue[] = [...setup.warnings, ...loaded.issues];
  if (hasErrors(issues)) throw new InputError(issues);
  const invoices = selectInvoices(loaded.invoices, opts.invoice);

  const plan = planActions(invoices, setup.policy, setup.histories, today);
  const claims = claimsOf(plan.actions.flatMap((a) => a.invoices), setup, issues);
  const { archiveReader } = await import('../mail/archive.js');
  const domain = messageIdDomain(senderOf(config));
  const { prepared, issues: prepareIssues } = await prepareActions(plan.actions, {
    config,
    templateDirs: setup.templateDirs,
    histories: setup.histories,
    claims,
    today,
    newMessageId: () => `<relance.${randomUUID()}@${domain}>`,
    archivedMessage: archiveReader(config.journal),
  });
  issues.push(...prepareIssues);
  if (hasErrors(issues)) throw new InputError(issues);
  printWarnings(cli, issues, opts.quiet);
  printNotes(cli, provisionalRateWarnings(claims.values()), opts.quiet);

  const json = opts.format === 'json';
  const emails = prepared.filter((p): p is OutgoingEmail => p.kind === 'email');
  const todos = prepared.filter((p): p is Todo => p.kind === 'todo');
  const print = (text: string) => writeOut(cli, text);
  if (dryRun && !json && !opts.quiet) {
    await print(`relance send --dry-run, ${formatFrenchDay(today)}: ${count(emails.length, 'e-mail')}, ${count(todos.length, 'to-do')} — nothing is sent, nothing recorded\n\n`);
  }
  const outbox = await chooseOutbox(setup, opts, cli, dryRun, json ? null : print);

  const reports = new Map<Prepared, ActionReport>();
  const report = (item: Prepared, outcome: Outcome) => reports.set(item, actionReport(item, outcome));
  try {
    await outbox.send(emails, report);
    await outbox.issue(todos, report);
  } finally {
    await outbox.close();
  }
  const done = prepared.map((p) => reports.get(p)!);
  const uncertain = plan.uncertain.map(uncertainReport);
  const all = [...done, ...uncertain];

  if (json) {
    await print(`${JSON.stringify({ today: formatIsoDay(today), dry_run: dryRun, actions: all }, null, 2)}\n`);
  } else if (!dryRun || opts.out !== undefined) {
    await print(summary(all, today, dryRun));
  }
  reportProblems(cli, all);
  return all.some((r) => r.status === 'failed' || r.status === 'uncertain') ? EXIT_SEND_FAILED : EXIT_OK;
}

async function chooseOutbox(setup: Setup, opts: SendOptions, cli: Cli, dryRun: boolean, print: ((text: string) => Promise<void>) | null): Promise<Outbox> {
  if (dryRun && opts.out !== undefined) {
    const { emlOutbox } = await import('../mail/eml-outbox.js');
    return emlOutbox(resolve(cli.cwd, opts.out), cli.now);
  }
  if (dryRun) {
    const { draftOutbox } = await import('../mail/draft-outbox.js');
    return draftOutbox(opts.quiet ? null : print);
  }
  const { liveOutbox } = await import('../mail/live-outbox.js');
  return liveOutbox({
    config: setup.config,
    env: cli.env,
    journalPath: setup.config.journal,
    today: setup.today,
    now: () => new Date(),
    run: `${formatIsoDay(setup.today)}.${randomUUID().slice(0, 8)}`,
    progress: cli.stderr.isTTY ? progressLine(cli) : null,
  });
}

/** `--invoice N`: only those; a number that is not in the files is a usage error. */
function selectInvoices(invoices: readonly Invoice[], wanted: readonly string[]): Invoice[] {
  if (wanted.length === 0) return [...invoices];
  const numbers = new Set(invoices.map((i) => i.number));
  for (const n of wanted) {
    if (!numbers.has(n)) {
      const near = closestName(n, numbers);
      throw new UsageError(`--invoice "${n}" is not in the invoice files`, near ? `did you mean ${near}?` : 'relance status --all lists every invoice');
    }
  }
  return invoices.filter((i) => wanted.includes(i.number));
}

/** What each invoice of today's actions can claim; a missing rate is bad input (exit 2). */
function claimsOf(invoices: readonly Invoice[], setup: Setup, issues: Issue[]): Map<string, Claim> {
  const claims = new Map<string, Claim>();
  const ctx = { today: setup.today, rates: setup.rates, rateMode: setup.config.rateMode };
  for (const invoice of invoices) {
    try {
      claims.set(invoice.number, claimOf(invoice, setup.histories.get(invoice.number) ?? emptyHistory(invoice.number), ctx));
    } catch (e) {
      if (!(e instanceof MissingRateError)) throw e;
      issues.push(error(invoice.source.file, invoice.source.line, 'due_date', `${invoice.number}: ${e.reason}`, e.hint));
    }
  }
  return claims;
}

function messageIdDomain(sender: string | null): string {
  const m = sender ? /@([A-Za-z0-9.-]+)>?\s*$/.exec(sender) : null;
  return m ? m[1]! : 'relance.invalid';
}

function actionReport(item: Prepared, outcome: Outcome): ActionReport {
  return {
    invoices: item.action.invoices.map((i) => i.number),
    client: item.action.client,
    step: item.action.step.id,
    channel: item.action.channel,
    to: [...item.action.emails],
    subject: item.subject,
    status: outcome.status,
    message_id: outcome.messageId,
    error: outcome.error,
    file: outcome.file,
  };
}

function uncertainReport(u: UncertainInvoice): ActionReport {
  return {
    invoices: [u.invoice.number],
    client: u.invoice.client,
    step: u.uncertain.step,
    channel: u.uncertain.channel ?? 'email',
    to: [...u.invoice.emails],
    subject: u.uncertain.subject,
    status: 'uncertain',
    message_id: u.uncertain.messageId,
    error: `an earlier run (${formatIsoDay(u.uncertain.date)}) stopped before knowing whether this was sent`,
    file: null,
  };
}

function summary(all: readonly ActionReport[], today: number, dryRun: boolean): string {
  const by = (s: ActionReport['status']) => all.filter((r) => r.status === s);
  const parts = dryRun
    ? [count(by('drafted').length, 'e-mail') + ' drafted', count(by('todo').length, 'to-do')]
    : [count(by('sent').length, 'e-mail') + ' sent', `${by('failed').length} failed`, count(by('todo').length, 'to-do') + ' issued', `${by('uncertain').length} uncertain`];
  const lines = [`relance send, ${formatFrenchDay(today)}: ${parts.join(', ')}`];
  for (const r of all) {
    if (r.file !== null) lines.push(`  ${r.status === 'todo' ? 'to-do' : 'e-mail'} ${r.invoices.join(', ')} ${r.step}: ${r.file}`);
  }
  const todos = by('todo');
  if (todos.length > 0 && !dryRun) {
    lines.push('To do by hand:');
    for (const t of todos) lines.push(`  - ${t.subject ?? t.step} · ${t.client} · ${t.invoices.join(', ')} (${t.channel})${t.file ? ` — ${t.file}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Failures and uncertain steps go to stderr, each with what to do about it. */
function reportProblems(cli: Cli, all: readonly ActionReport[]): void {
  for (const r of all) {
    if (r.status === 'failed') {
      cli.stderr.write(`relance: ${r.invoices.join(', ')} ${r.step}: not sent to ${r.to.join(', ') || '(no address)'}: ${r.error ?? 'unknown error'} — it will be tried again on the next run\n`);
    } else if (r.status === 'uncertain') {
      cli.stderr.write(
        `relance: ${r.invoices.join(', ')} ${r.step}: uncertain — ${r.error}; check the sent mail (Message-ID ${r.message_id ?? 'unknown'}), then: relance record ${r.invoices[0]} sent --step ${r.step}  (or not-sent, to send it again)\n`,
      );
    }
  }
}

function progressLine(cli: Cli): (done: number, total: number) => void {
  return (done, total) => {
    cli.stderr.write(`\rsending ${done}/${total}…${done === total ? '\n' : ''}`);
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
