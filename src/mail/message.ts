// What `send` hands to an outbox: e-mails ready to go and to-dos for a person.

import type { Issue } from '../domain/issue.js';
import type { Action } from '../domain/plan.js';
import type { LetterDocument } from '../render/letter-document.js';

/** A file to attach (the invoice PDF), or bytes (an earlier reminder, from the archive). */
export type Attachment = { filename: string; contentType?: string } & ({ path: string; content?: undefined } | { content: Buffer; path?: undefined });

export interface OutgoingEmail {
  kind: 'email';
  action: Action;
  from: string;
  to: readonly string[];
  replyTo: string | null;
  bcc: string | null;
  subject: string;
  text: string;
  html: string | null;
  /** Chosen before sending, so the journal's intent names the very message. */
  messageId: string;
  /** The last reminder about these invoices, so the client's mailbox shows one thread. */
  inReplyTo: string | null;
  references: readonly string[];
  attachments: readonly Attachment[];
  headers: Readonly<Record<string, string>>;
  /** The config's time zone, for the Date header; null: the machine's. */
  timeZone: string | null;
}

/** A letter to post, a call to make, a task to do: listed, done by hand, then recorded. */
export interface Todo {
  kind: 'todo';
  action: Action;
  channel: 'letter' | 'call' | 'task';
  /** One line: what to do, for whom, about which invoices. */
  title: string;
  /** The letter itself, or the notes for the call or task. */
  text: string;
  subject: string | null;
  /** A letter step's document, printed as a PDF by the outbox (letter-pdf.ts); null for a call or a task. */
  letter: LetterDocument | null;
}

/**
 * A step that a problem of its own holds today (no address, a missing PDF): not handed to
 * any outbox, reported `skipped` with its issues, done by a later run once fixed.
 */
export interface Skipped {
  kind: 'skipped';
  action: Action;
  subject: string | null;
  /** What holds it, the first one first: each said as file:line: field: message — hint. */
  problems: readonly Issue[];
  /** A to-do held (a letter without its address): its text, without the PDF it cannot have. */
  todo?: Todo;
}

export type Prepared = OutgoingEmail | Todo;

/** The invoice numbers of an action, as the X-Relance-Invoice header lists them. */
export function invoiceNumbers(action: Action): string[] {
  return action.invoices.map((i) => i.number);
}

/**
 * The headers every reminder carries (README § Templates), and Auto-Submitted (RFC
 * 3834): out-of-office robots do not answer a message sent by a program.
 */
export function relanceHeaders(action: Action): Record<string, string> {
  return { 'X-Relance-Invoice': invoiceNumbers(action).join(','), 'X-Relance-Step': action.step.id, 'Auto-Submitted': 'auto-generated' };
}

/** The client's name as a message's To shows it: one line, without the characters that would end it. */
export function recipientName(action: Action): string {
  return action.client.replace(/[\x00-\x1f\x7f"<>]+/g, ' ').replace(/\s+/g, ' ').trim();
}
