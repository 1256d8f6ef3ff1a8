// relance preview INVOICE [--step ID] — one reminder rendered as it would go out: the
// invoice's next step, or the one named, whatever the day. Sends and records nothing.

import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { Claims } from '../domain/claim.js';
import { suggestion } from '../domain/closest.js';
import { invoiceNotFound } from '../domain/find-invoice.js';
import { displayPath } from '../io/paths.js';
import { formatFrenchDay } from '../domain/dates.js';
import { emptyHistory } from '../domain/history.js';
import { hasErrors } from '../domain/issue.js';
import type { Action } from '../domain/plan.js';
import { nextStep } from '../domain/plan.js';
import { timeBarredSince } from '../domain/invoice-state.js';
import { calendarOf } from '../domain/send-calendar.js';
import { stepsFor } from '../domain/policy.js';
import { InputError, UsageError } from '../errors.js';
import { invoiceSources, loadInvoices } from '../io/invoices.js';
import { archivedMessage } from '../mail/archive.js';
import { prepareActions } from '../mail/prepare.js';
import { formatEmailDraft, formatTodo } from '../mail/draft-text.js';
import type { Cli, SetupOptions } from './common.js';
import { addCommonOptions, printNotes, printWarnings, setupFor, writeOut } from './common.js';

interface PreviewOptions extends SetupOptions {
  step?: string;
}

const EXAMPLES = `
Examples:
  relance preview F-2026-014                   its next reminder, as it would go out
  relance preview F-2026-014 --step relance-2  that step's message, whatever the day
  relance preview F-2026-014 --format json     subject, text and HTML as JSON`;

export function register(program: Command, cli: Cli): void {
  addCommonOptions(program.command('preview').argument('<invoice>', 'the invoice number'), ['table', 'json'])
    .description('Render one invoice’s reminder as it would go out (its next step, or --step). Sends and records nothing.')
    .option('-s, --step <id>', 'the policy step to render (default: the invoice’s next step)')
    .option('-i, --invoices <file>', 'read this CSV, .xlsx or YAML file instead of the config’s')
    .addHelpText('after', EXAMPLES)
    .action(async (number: string, opts: PreviewOptions) => {
      cli.exitCode = await preview(number, opts, cli);
    });
}

export async function preview(number: string, opts: PreviewOptions, cli: Cli): Promise<number> {
  const setup = await setupFor(opts, cli);
  const { invoices, issues, credits } = await loadInvoices(invoiceSources(setup.config, cli.cwd));
  if (hasErrors(issues)) throw new InputError([...setup.warnings, ...issues]);
  const invoice = invoices.find((i) => i.number === number);
  if (!invoice) {
    const { message, hint } = invoiceNotFound(number, invoices.map((i) => i.number), { files: setup.config.invoices.map((f) => displayPath(f, cli.cwd)).join(', '), fileErrors: 0 });
    throw new UsageError(message, hint);
  }
  const history = setup.histories.get(invoice.number) ?? emptyHistory(invoice.number);
  const steps = stepsFor(setup.policy, invoice);
  let step = steps.find((s) => s.id === opts.step);
  if (opts.step !== undefined && !step) {
    throw new UsageError(`no step "${opts.step}" in the policy`, suggestion(opts.step, steps.map((s) => s.id), `the steps are ${steps.map((s) => s.id).join(', ')}`));
  }
  // A time-barred claim gets no reminder, and never a letter threatening court action.
  const barred = timeBarredSince(invoice, history, setup.today);
  if (barred !== null) {
    throw new UsageError(`${invoice.number} is time-barred since ${formatFrenchDay(barred)}: relance sends no reminder for it, and no letter that threatens court action`, 'the client may still pay of their own accord: write to them yourself if you wish, without demanding payment in court');
  }
  const next = step ? null : nextStep(invoice, setup.policy, history, setup.today, calendarOf(setup.config.law));
  step ??= next?.step;
  if (!step) throw new UsageError(`${invoice.number} has no next step (${invoice.status}, or every step done)`, `name one to see it anyway: --step ${steps[0]?.id ?? 'ID'}`);

  const action: Action = { step, channel: step.channel, template: step.template, client: invoice.client, emails: invoice.emails, language: invoice.language, invoices: [invoice] };
  const book = new Claims({ today: setup.today, rates: setup.rates, rateMode: setup.config.rateMode, law: setup.config.law });
  const claims = book.byNumber([invoice], setup.histories);
  if (hasErrors(book.missingRateIssues())) throw new InputError([...setup.warnings, ...book.missingRateIssues()]);
  const { prepared, skipped, issues: renderIssues } = await prepareActions([action], {
    config: setup.config,
    templateDirs: setup.templateDirs,
    histories: setup.histories,
    claims,
    credits: new Map(credits.map((c) => [c.client, c])),
    today: setup.today,
    newMessageId: () => `<preview.${randomUUID()}@relance.invalid>`,
    archivedMessage: (id) => archivedMessage(setup.config.journal, id),
  });
  if (hasErrors(renderIssues)) throw new InputError(renderIssues);
  // What a send would skip today (no e-mail address, a missing PDF) cannot be shown as it
  // would go out; a letter without its postal address shows its text, the problem said.
  const held = skipped[0]?.todo;
  if (skipped.length > 0 && held === undefined) throw new InputError([...skipped[0]!.problems]);
  printWarnings(cli, [...setup.warnings, ...issues, ...renderIssues, ...(skipped[0]?.problems ?? []).map((p) => ({ ...p, severity: 'warning' as const }))], opts.quiet);
  printNotes(cli, book.provisionalWarnings(), opts.quiet);

  const item = prepared[0] ?? held!;
  if (opts.format === 'json') {
    const body = item.kind === 'email'
      ? { invoice: invoice.number, step: step.id, channel: step.channel, from: item.from, to: item.to, subject: item.subject, text: item.text, html: item.html, headers: item.headers, attachments: item.attachments.map((a) => a.filename) }
      : { invoice: invoice.number, step: step.id, channel: step.channel, title: item.title, subject: item.subject, text: item.text };
    await writeOut(cli, `${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  const when = next === null ? 'as asked with --step' : next.date <= setup.today ? 'due now' : `due on ${formatFrenchDay(next.date)}`;
  const heading = `── preview · ${step.id} (${step.channel}, ${when}) · ${invoice.client} · ${invoice.number} ${'─'.repeat(8)}`;
  await writeOut(cli, `${item.kind === 'email' ? formatEmailDraft(item, heading) : formatTodo(item, heading)}`);
  return 0;
}
