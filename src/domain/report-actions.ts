// What was done about an invoice, as the report tells it: the journal's entries read as
// actions a person would name (an e-mail sent, a call to make, a promise, a dispute).
// Intents, failed and bounced sends, `not-sent` corrections and retries are bookkeeping, not actions.

import type { Day } from './dates.js';
import { parseIsoDay } from './dates.js';
import type { JournalEntry } from './journal-entry.js';
import type { Channel } from './policy.js';

export const ACTION_KINDS = ['sent', 'issued', 'call', 'letter', 'promise', 'dispute', 'pause', 'resume', 'paid-by-hand', 'sent-by-hand'] as const;
/**
 * - `sent`: an e-mail step went out by SMTP;
 * - `issued`: `send` listed a call, letter or task step as a to-do (`channel` says which);
 * - the others: recorded by hand with `relance record` (`sent-by-hand` is `record … sent`).
 */
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface Action {
  readonly date: Day;
  readonly invoice: string;
  readonly kind: ActionKind;
  /** The policy step, when the entry names one. */
  readonly step: string | null;
  readonly channel: Channel | null;
  /** A pause's or a promise's last day. */
  readonly until: Day | null;
}

/** The action an entry stands for, or null for bookkeeping (intent, failed, not-sent). */
export function actionOf(entry: JournalEntry): Action | null {
  const date = parseIsoDay(entry.date);
  if (date === null) return null;
  const kind = kindOf(entry);
  if (kind === null) return null;
  const until = entry.until === null ? null : parseIsoDay(entry.until);
  return { date, invoice: entry.invoice, kind, step: entry.step, channel: entry.channel, until };
}

function kindOf(entry: JournalEntry): ActionKind | null {
  switch (entry.type) {
    case 'sent':
      return 'sent';
    case 'issued':
      return 'issued';
    case 'intent':
    case 'failed':
    case 'bounced':
      return null;
    case 'record':
      if (entry.event === null || entry.event === 'not-sent' || entry.event === 'retry') return null;
      return entry.event === 'sent' ? 'sent-by-hand' : entry.event;
  }
}

/** The actions of one invoice's entries, in file order (the journal's order is history's). */
export function actionsOf(entries: readonly JournalEntry[]): Action[] {
  const actions: Action[] = [];
  for (const e of entries) {
    const a = actionOf(e);
    if (a !== null) actions.push(a);
  }
  return actions;
}
