// Where prepared messages go. `send` picks one outbox, once: the drafts printed
// (--dry-run), written as .eml files (--dry-run --out DIR), or the real thing (SMTP, with
// the journal). Planning and rendering never know which.

import type { OutgoingEmail, Todo } from './message.js';

/**
 * `failed`: refused for now or never sent, tried again next run; `bounced`: refused for
 * good (its e-mail steps are passed over); `uncertain`: the message went out whole but
 * no answer came, the server may have it; `skipped`: a problem of its own held it today.
 */
export type OutcomeStatus = 'drafted' | 'sent' | 'failed' | 'bounced' | 'todo' | 'uncertain' | 'skipped';

export interface Outcome {
  status: OutcomeStatus;
  /** The Message-ID of a sent or drafted e-mail. */
  messageId: string | null;
  /** The SMTP reply or the network error of a failed or bounced e-mail; why a step was skipped. */
  error: string | null;
  /** A file written for it (.eml draft, letter to print), if any. */
  file: string | null;
  /** A failed e-mail that never went to the server: the run stopped before (the next run sends it). */
  notAttempted?: boolean;
}

/**
 * Something that went wrong beside each message's own outcome, once messages may have
 * left: the journal, the archive or the letters folder could not be written. One line on
 * stderr each, and exit 1.
 */
export interface Incident {
  /** The file or folder concerned. */
  file: string;
  /** What went wrong and what it means for the messages, in one line. */
  message: string;
}

export interface Outbox {
  /** Hands every e-mail on; `report` is called once per e-mail with its outcome, as it comes. */
  send(emails: readonly OutgoingEmail[], report: (email: OutgoingEmail, outcome: Outcome) => void): Promise<void>;
  /** Issues the to-dos (letters, calls, tasks): drafted in a dry run, journaled for real. */
  issue(todos: readonly Todo[], report: (todo: Todo, outcome: Outcome) => void): Promise<void>;
  /** Ends the run; says what went wrong beside the messages (nothing, for a clean run). */
  close(): Promise<Incident[]>;
}
