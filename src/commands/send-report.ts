// What `relance send` says once done: one report per action (docs/contract.md § JSON), the
// summary on stdout, and on stderr each failure and each uncertain step with what to do
// about it, then what went wrong beside the messages (the journal, the archive).

import { formatFrenchDay, formatIsoDay } from '../domain/dates.js';
import type { UncertainInvoice } from '../domain/plan.js';
import type { Prepared, Skipped } from '../mail/message.js';
import { formatIssue } from '../render/issues.js';
import type { Incident, Outcome } from '../mail/outbox.js';
import { SETTLE_ALL, settleOne, whereToLook } from '../render/uncertain-steps.js';
import type { Cli } from './common.js';

/** How many actions a line names before it says how many more. */
const NAMED = 20;

/** One line of the report: what happened to one action. */
export interface ActionReport {
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

export function actionReport(item: Pick<Prepared, 'action' | 'subject'>, outcome: Outcome): ActionReport {
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

/** A step a problem of its own held today: `error` says what, and how to fix it. */
export function skippedReport(s: Skipped): ActionReport {
  return actionReport(s, { status: 'skipped', messageId: null, error: s.problems.map(formatIssue).join('; '), file: null });
}

export function uncertainReport(u: UncertainInvoice): ActionReport {
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

/** `notAttempted`: failed e-mails that never went to the server (the run stopped first). */
export function summary(all: readonly ActionReport[], notAttempted: ReadonlySet<ActionReport>, today: number, dryRun: boolean): string {
  const by = (s: ActionReport['status']) => all.filter((r) => r.status === s);
  const failed = by('failed').filter((r) => !notAttempted.has(r)).length;
  // Said only when there are some: a run without them reads as it always did.
  const some = (status: ActionReport['status']) => (by(status).length > 0 ? [`${by(status).length} ${status}`] : []);
  const parts = dryRun
    ? [count(by('drafted').length, 'e-mail') + ' drafted', count(by('todo').length, 'to-do'), ...some('skipped')]
    : [
        count(by('sent').length, 'e-mail') + ' sent',
        `${failed} failed`,
        ...some('bounced'),
        ...some('skipped'),
        ...(notAttempted.size > 0 ? [`${notAttempted.size} not attempted`] : []),
        count(by('todo').length, 'to-do') + ' issued',
        `${by('uncertain').length} uncertain`,
      ];
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

/**
 * Failures and uncertain steps go to stderr, each with what to do about it; then each
 * incident, named by its file. `bcc`: where a copy of each message went, if anywhere.
 */
export function reportProblems(cli: Cli, all: readonly ActionReport[], notAttempted: ReadonlySet<ActionReport>, incidents: readonly Incident[], bcc: string | null): void {
  let uncertain = 0;
  const unattempted = new Map<string, ActionReport[]>();
  for (const r of all) {
    const what = `relance: ${r.invoices.join(', ')} ${r.step}:`;
    if (notAttempted.has(r)) {
      const reason = r.error ?? 'not attempted';
      unattempted.set(reason, [...(unattempted.get(reason) ?? []), r]);
    } else if (r.status === 'failed' && r.channel !== 'email') {
      cli.stderr.write(`${what} ${r.error ?? 'not issued'} — it is issued again on the next run\n`);
    } else if (r.status === 'failed') {
      cli.stderr.write(`${what} not sent to ${r.to.join(', ') || '(no address)'}: ${r.error ?? 'unknown error'} — it will be tried again on the next run\n`);
    } else if (r.status === 'bounced') {
      cli.stderr.write(
        `${what} refused for good, not sent to ${r.to.join(', ')}: ${r.error ?? 'refused'} — its e-mail steps are passed over (its calls, letters and tasks still come) until the address changes in the invoice file or "relance record ${r.invoices[0]} retry"\n`,
      );
    } else if (r.status === 'skipped') {
      cli.stderr.write(`${what} skipped: ${r.error ?? 'a problem of its own'} (the next run does it once this is fixed)\n`);
    } else if (r.status === 'uncertain') {
      uncertain++;
      cli.stderr.write(`${what} uncertain — ${r.error}; ${whereToLook(r.message_id, bcc)}, then: ${settleOne(r.invoices[0]!, r.step)}\n`);
    }
  }
  if (uncertain > 1) cli.stderr.write(`relance: ${uncertain} steps are uncertain: ${SETTLE_ALL}\n`);
  // One line for all those a stop left behind: they are all in the same case.
  for (const [reason, reports] of unattempted) {
    const names = reports.slice(0, NAMED).map((r) => `${r.invoices.join(', ')} ${r.step}`);
    const more = reports.length > NAMED ? ` and ${reports.length - NAMED} more` : '';
    cli.stderr.write(`relance: ${count(reports.length, 'e-mail')} ${reason} — ${names.join(', ')}${more}: the next run sends ${reports.length === 1 ? 'it' : 'them'}\n`);
  }
  for (const incident of incidents) cli.stderr.write(`relance: ${incident.file}: ${incident.message}\n`);
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
