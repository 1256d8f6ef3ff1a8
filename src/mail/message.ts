// What `send` hands to an outbox: e-mails ready to go and to-dos for a person.

import type { Action } from '../domain/plan.js';

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
}

export type Prepared = OutgoingEmail | Todo;

/** The invoice numbers of an action, as the X-Relance-Invoice header lists them. */
export function invoiceNumbers(action: Action): string[] {
  return action.invoices.map((i) => i.number);
}

/** The headers every reminder carries (DESIGN.md § Templates). */
export function relanceHeaders(action: Action): Record<string, string> {
  return { 'X-Relance-Invoice': invoiceNumbers(action).join(','), 'X-Relance-Step': action.step.id };
}
