// A message or a to-do as a person reads it in a terminal: the headers that matter, then
// the body. `send --dry-run` and `preview` print these.

import type { OutgoingEmail, Todo } from './message.js';
import { recipientName } from './message.js';

export function formatEmailDraft(email: OutgoingEmail, heading: string): string {
  // As the message carries it: the client's name with each address (compose.ts).
  const name = recipientName(email.action);
  const lines = [heading, `From: ${email.from}`, `To: ${email.to.map((a) => `"${name}" <${a}>`).join(', ')}`];
  if (email.replyTo) lines.push(`Reply-To: ${email.replyTo}`);
  if (email.bcc) lines.push(`Bcc: ${email.bcc}`);
  lines.push(`Subject: ${email.subject}`);
  if (email.inReplyTo) lines.push(`In-Reply-To: ${email.inReplyTo}`);
  for (const [name, value] of Object.entries(email.headers)) lines.push(`${name}: ${value}`);
  for (const a of email.attachments) lines.push(`Attachment: ${a.filename}`);
  if (email.html !== null) lines.push('(with an HTML version)');
  return `${lines.join('\n')}\n\n${email.text}`;
}

/** Said under a letter shown as text: where its PDF is written. */
export const LETTER_PDF_NOTE = 'PDF: relance send writes the letter to print into the letters folder beside the journal (.relance/letters/), relance send --dry-run --out DIR into DIR';

export function formatTodo(todo: Todo, heading: string): string {
  const subject = todo.subject ? `Subject: ${todo.subject}\n` : '';
  const pdf = todo.letter === null ? '' : `${LETTER_PDF_NOTE}\n`;
  return `${heading}\n${todo.title}\n${subject}${pdf}\n${todo.text}`;
}

/** `── e-mail 2/9 · relance-1 · Atelier Martin · F-2026-014`, the line above each draft. */
export function draftHeading(kind: string, index: number, total: number, item: OutgoingEmail | Todo): string {
  const numbers = item.action.invoices.map((i) => i.number).join(', ');
  return `── ${kind} ${index}/${total} · ${item.action.step.id} · ${item.action.client} · ${numbers} ${'─'.repeat(8)}`;
}
