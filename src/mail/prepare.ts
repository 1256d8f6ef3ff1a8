// From today's planned actions to finished e-mails and to-dos. Everything is rendered and
// checked here, before any outbox sees a single message. A problem in a file (a template,
// the sender) stops the run with every problem listed, and nothing goes out; a problem
// of one invoice's step today (no address, a missing PDF) skips that step alone, with
// its reason, and the others go out: one client's missing data never holds everyone's.

import { basename } from 'node:path';
import type { Claim } from '../domain/claim.js';
import type { Day } from '../domain/dates.js';
import { formatFrenchDay, formatIsoDay } from '../domain/dates.js';
import type { History } from '../domain/history.js';
import type { Issue } from '../domain/issue.js';
import { error, warning } from '../domain/issue.js';
import type { Invoice } from '../domain/invoice.js';
import { formatEurosFr } from '../domain/money.js';
import { isProvisional } from '../domain/penalty.js';
import type { Action } from '../domain/plan.js';
import { checkAttachment } from '../io/attachment-rules.js';
import type { Config } from '../io/config.js';
import { previousReminders, reminderContext } from '../render/reminder-context.js';
import type { TemplateDir } from '../io/template-dirs.js';
import { loadTemplate } from '../render/template.js';
import type { ReminderTemplate } from '../render/template-types.js';
import { renderReminder } from '../render/template-render.js';
import type { RenderedReminder } from '../render/template-types.js';
import type { LetterDocument } from '../render/letter-document.js';
import { noticeLetter } from '../render/notice-letter.js';
import { withoutAttachments } from './earlier-copy.js';
import type { UnallocatedCredit } from '../domain/credit-notes.js';
import type { Attachment, OutgoingEmail, Prepared, Skipped, Todo } from './message.js';
import { relanceHeaders } from './message.js';

export interface PrepareContext {
  config: Config;
  templateDirs: readonly TemplateDir[];
  histories: ReadonlyMap<string, History>;
  claims: ReadonlyMap<string, Claim>;
  /** Each client's credit notes left over, by client name: deducted in its reminders. */
  credits?: ReadonlyMap<string, UnallocatedCredit>;
  today: Day;
  /** A new globally unique Message-ID, `<…@domain>`. */
  newMessageId: () => string;
  /** A sent message as archived (for attach_previous), or null if it was not. */
  archivedMessage: (messageId: string) => Promise<Buffer | null>;
}

/**
 * `prepared`: what goes to an outbox; `skipped`: the steps a problem of their own holds
 * today (each with its issues); `issues`: what stops the run (errors) or is only said.
 */
export async function prepareActions(actions: readonly Action[], ctx: PrepareContext): Promise<{ prepared: Prepared[]; skipped: Skipped[]; issues: Issue[] }> {
  const issues: Issue[] = [];
  const prepared: Prepared[] = [];
  const skipped: Skipped[] = [];
  const sender = senderOf(ctx.config);
  let senderReported = false;
  const templates: TemplateMemo = new Map();
  for (const action of actions) {
    const rendered = await renderAction(action, ctx, issues, templates);
    // What only this step lacks: it is skipped, the others go on.
    const problems: Issue[] = [];
    const first = action.invoices[0]!;
    if (action.channel !== 'email') {
      // A letter is printed: its client's postal address and its décompte are this step's own needs.
      let letter: LetterDocument | null = null;
      if (action.channel === 'letter' && rendered !== null) {
        const made = noticeLetter(action, rendered, { claims: ctx.claims, credits: ctx.credits, histories: ctx.histories, creditor: ctx.config.creditor, today: ctx.today });
        if (made.ok) letter = made.letter;
        else problems.push(...made.problems.map((p) => error(first.source.file, first.source.line, p.field, p.message, p.hint)));
      }
      // A letter held by its own problem keeps its to-do (its text), for preview to show.
      if (problems.length > 0) skipped.push({ kind: 'skipped', action, subject: rendered?.subject ?? null, problems, todo: todoFor(action, rendered, null, ctx) });
      else prepared.push(todoFor(action, rendered, letter, ctx));
      continue;
    }
    if (action.emails.length === 0) {
      problems.push(error(first.source.file, first.source.line, 'email', `invoice ${first.number} is due for the e-mail step "${action.step.id}" but has no e-mail address`, 'add the client’s address, or record what you did instead: relance record … call'));
    }
    if (sender === null && !senderReported) {
      senderReported = true;
      issues.push(error(ctx.config.display, undefined, 'mail.from', 'no sender address for the e-mails', 'set mail.from (or creditor.email) in relance.yaml'));
    }
    const attachments = await attachmentsOf(action, ctx, issues, problems);
    if (rendered === null || sender === null) continue;
    const previous = previousReminders(action.invoices, ctx.histories).filter((p) => p.messageId !== null);
    if (problems.length > 0) {
      skipped.push({ kind: 'skipped', action, subject: threadSubject(previous) ?? rendered.subject, problems });
      continue;
    }
    prepared.push({
      kind: 'email',
      action,
      from: sender,
      to: action.emails,
      replyTo: ctx.config.mail.replyTo,
      bcc: ctx.config.mail.bcc,
      // One subject through the cycle, so that every mailbox shows one conversation; the
      // step's own wording is in the body (the shipped templates' first line).
      subject: threadSubject(previous) ?? rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: ctx.newMessageId(),
      inReplyTo: previous.at(-1)?.messageId ?? null,
      references: previous.map((p) => p.messageId!),
      attachments,
      headers: relanceHeaders(action),
      timeZone: ctx.config.timezone,
    } satisfies OutgoingEmail);
  }
  return { prepared, skipped, issues };
}

/** `Re: <the first message's subject>` once a message has gone out about these invoices; null before. */
export function threadSubject(previous: readonly { subject: string | null }[]): string | null {
  const first = previous.find((p) => p.subject !== null && p.subject.trim() !== '');
  if (first === undefined) return null;
  return `Re: ${first.subject!.replace(/^(\s*(re|tr|fwd?|aw)\s*:\s*)+/i, '').trim()}`;
}

// A run's templates, looked up once each (three stats a message otherwise): its problems said once.
type TemplateMemo = Map<string, ReminderTemplate | null>;

async function renderAction(action: Action, ctx: PrepareContext, issues: Issue[], templates: TemplateMemo): Promise<RenderedReminder | null> {
  if (action.template === null) return null;
  const key = `${action.language}\0${action.template}`;
  let template = templates.get(key);
  if (template === undefined) {
    const loaded = await loadTemplate(action.template, action.language, ctx.templateDirs);
    issues.push(...loaded.issues);
    template = loaded.template;
    templates.set(key, template);
  }
  if (template === null) return null;
  const context = reminderContext(action, { claims: ctx.claims, credits: ctx.credits, histories: ctx.histories, creditor: ctx.config.creditor, today: ctx.today });
  const { message, issues: renderIssues } = renderReminder(template, context);
  const numbers = action.invoices.map((i) => i.number).join(', ');
  issues.push(...renderIssues.map((i) => ({ ...i, message: `${i.message} (rendering ${action.step.id} for ${numbers})` })));
  return message;
}

/**
 * The invoices' PDFs, and with attach_previous the earlier reminders as .eml files, each
 * without its own attachments (earlier-copy.ts). A PDF that cannot be attached is a
 * problem of this step (`problems`).
 */
async function attachmentsOf(action: Action, ctx: PrepareContext, issues: Issue[], problems: Issue[]): Promise<Attachment[]> {
  const attachments: Attachment[] = [];
  for (const invoice of action.invoices) {
    if (invoice.attachment === null) continue;
    // Only a file within the rules is attached, and it is read only when the message is built.
    const found = await checkAttachment(invoice, ctx.config);
    if (found.kind !== 'ok') {
      problems.push(found.issue);
      continue;
    }
    attachments.push({ filename: basename(invoice.attachment), path: found.path });
  }
  if (action.step.attachPrevious) {
    for (const p of previousReminders(action.invoices, ctx.histories)) {
      const content = p.messageId === null ? null : await ctx.archivedMessage(p.messageId);
      if (content !== null) {
        attachments.push({ filename: `${p.step}-${formatIsoDay(p.date)}.eml`, content: withoutAttachments(content, action.language).raw, contentType: 'message/rfc822' });
      } else {
        const first = action.invoices[0]!;
        issues.push(warning(first.source.file, first.source.line, 'attachment', `the earlier reminder "${p.step}" of ${formatFrenchDay(p.date)} is not in the archive of sent mail, so it is not attached to "${action.step.id}"`, 'nothing to do: the message says when the earlier reminders went out'));
      }
    }
  }
  return attachments;
}

function todoFor(action: Action, rendered: RenderedReminder | null, letter: LetterDocument | null, ctx: PrepareContext): Todo {
  const channel = action.channel as Todo['channel'];
  const who = `${action.client}${action.emails.length > 0 ? ` (${action.emails.join(', ')})` : ''}`;
  const numbers = action.invoices.map((i) => i.number).join(', ');
  const title =
    channel === 'letter'
      ? `Print and post the letter "${action.step.id}" to ${action.client} about ${numbers}, registered with acknowledgement of receipt, then: relance record ${action.invoices[0]!.number} letter --step ${action.step.id} --date <posting date> --tracking <number>`
      : channel === 'call'
        ? `Call ${who} about ${numbers}, then: relance record ${action.invoices[0]!.number} call --note "…"`
        : `${action.step.id}: ${numbers} (${action.client}) — decide the next move: payment order (injonction de payer), a collection agency or a lawyer`;
  return { kind: 'todo', action, channel, title, text: rendered?.text ?? factSheet(action.invoices, ctx), subject: rendered?.subject ?? null, letter };
}

/** For a call or a task without a template: the facts to have at hand. */
function factSheet(invoices: readonly Invoice[], ctx: PrepareContext): string {
  return (
    invoices
      .map((invoice) => {
        const claim = ctx.claims.get(invoice.number);
        const penalty = claim?.penalty;
        const late = ctx.today - invoice.dueDate;
        const extra = penalty && penalty.interest + penalty.flatFee > 0 ? `; interest ${formatEurosFr(penalty.interest)}${isProvisional(penalty) ? ' (provisional)' : ''}, fee ${formatEurosFr(penalty.flatFee)}, total ${formatEurosFr(penalty.total)}` : '';
        return `- ${invoice.number}: ${formatEurosFr(claim?.balance ?? invoice.amount)} unpaid, due ${formatFrenchDay(invoice.dueDate)} (${late} days late)${extra}`;
      })
      .join('\n') + '\n'
  );
}

/** `mail.from`, else the creditor's name and address. */
export function senderOf(config: Config): string | null {
  if (config.mail.from) return config.mail.from;
  const { name, email } = config.creditor;
  if (!email) return null;
  return name ? `"${name.replace(/"/g, '')}" <${email}>` : email;
}
