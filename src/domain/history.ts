// What the journal says about one invoice: which steps are done, when something last
// happened, what is uncertain or failed, and the state set by `relance record`.
// Entries are read in file order: the journal is append-only, so order is history.

import type { Day } from './dates.js';
import { parseIsoDay } from './dates.js';
import type { Payment } from './invoice.js';
import type { JournalEntry } from './journal-entry.js';
import { groupByInvoice } from './journal-entry.js';
import { parseAmount } from './money.js';
import type { Channel } from './policy.js';

export interface DoneStep {
  readonly step: string;
  readonly date: Day;
  readonly channel: Channel | null;
  readonly messageId: string | null;
  readonly subject: string | null;
  /** `sent` by SMTP, `issued` as a to-do by `send`, or `record`ed by hand. */
  readonly by: 'sent' | 'issued' | 'record';
}

/** A formal notice posted by registered letter: when, its tracking number, and when it was received. */
export interface NoticeRecord {
  readonly postedOn: Day;
  readonly tracking: string | null;
  readonly receivedOn: Day | null;
  /** The letter step it did (`--step`), or null. */
  readonly step: string | null;
}

/** An earlier message, for threading (In-Reply-To/References) and for templates. */
export interface PreviousReminder {
  readonly step: string;
  readonly date: Day;
  readonly subject: string | null;
  readonly messageId: string | null;
}

/** An intent with no outcome: the message may or may not have left. */
export interface UncertainStep {
  /** The journal's intent line itself. */
  readonly entry: JournalEntry;
  readonly step: string;
  readonly date: Day;
  readonly channel: Channel | null;
  readonly messageId: string | null;
  readonly subject: string | null;
  readonly run: string | null;
}

/** A send that failed and has not succeeded since: the next run tries again. */
export interface FailedAttempt {
  readonly step: string;
  readonly date: Day;
  readonly error: string | null;
}

/** An e-mail refused for good (a `bounced` line): its step, the addresses refused and why. */
export interface Bounce {
  readonly step: string;
  readonly date: Day;
  /** The client's addresses the server refused, lower case. */
  readonly to: readonly string[];
  readonly error: string | null;
  /** The address was refused (no such mailbox…), or the message itself (too big, its content). */
  readonly what: 'address' | 'message';
}

export interface History {
  readonly invoice: string;
  /** Each step done, the first time it was done, in file order. */
  readonly done: readonly DoneStep[];
  /** The step done last (in file order), for `status`. */
  readonly last: DoneStep | null;
  /** The latest day something was done to the invoice: the min_gap_days clock. */
  readonly lastAction: Day | null;
  readonly uncertain: readonly UncertainStep[];
  readonly failed: readonly FailedAttempt[];
  /** E-mails refused for good since the last `record retry`, oldest first (invoice-state.ts: bounceOf). */
  readonly bounces: readonly Bounce[];
  /**
   * The day of the first bounce ever (a retry does not clear it): e-mail steps left undone
   * before a step done since then were passed over, and are not gone back to.
   */
  readonly bouncedSince: Day | null;
  /** Set by `record dispute`, cleared by `record resume`. */
  readonly disputedSince: Day | null;
  /**
   * Set by `record pause` and `record promise --until`, cleared by `record resume`.
   * `through` is the last paused day; null = until `resume`.
   */
  readonly pause: { readonly from: Day; readonly through: Day | null } | null;
  /** Set by `record paid-by-hand`, cleared by `record resume`. */
  readonly paidByHand: Day | null;
  /** `record paid-by-hand --amount`: parts paid by hand, each from its date; cleared by `record resume`. */
  readonly handPayments: readonly Payment[];
  /** The first recorded `letter`: the formal notice that starts B2C interest. */
  readonly noticeDate: Day | null;
  /** The formal notice's posting, as `record letter --tracking N --received D` gave it (the latest of each); null without a letter recorded. */
  readonly notice: NoticeRecord | null;
  /** Messages that went out (sent, or recorded as sent), oldest first. */
  readonly previous: readonly PreviousReminder[];
}

export function emptyHistory(invoice: string): History {
  return {
    invoice,
    done: [],
    last: null,
    lastAction: null,
    uncertain: [],
    failed: [],
    bounces: [],
    bouncedSince: null,
    disputedSince: null,
    pause: null,
    paidByHand: null,
    handPayments: [],
    noticeDate: null,
    notice: null,
    previous: [],
  };
}

export function isDone(history: History, stepId: string): boolean {
  return history.done.some((d) => d.step === stepId);
}

/**
 * Folds the entries of one invoice (in file order) into its history. Entries are
 * trusted: `readJournal` has checked them. Entries of other invoices are ignored.
 *
 * - A step is done when `sent`, `issued`, or recorded `sent --step` (also `call` or
 *   `letter --step`: the user did that step by hand).
 * - An `intent` stays uncertain until a `sent`/`failed` for the same step, or a
 *   `record sent|not-sent` (with `--step`, for that step; without, for every uncertain
 *   step of the invoice). `not-sent` makes the step plannable again.
 * - Actions (the min_gap_days clock): sent, issued, recorded call/letter/promise/sent,
 *   and an intent still without outcome. A failed or bounced send is not an action.
 * - A `bounced` line closes its intent and is kept until a `record retry`.
 * - A promise without `--until` pauses nothing: being an action, it holds the next
 *   reminder for min_gap_days, which is how long it lasts.
 */
export function historyOf(invoice: string, entries: readonly JournalEntry[]): History {
  const done: DoneStep[] = [];
  let last: DoneStep | null = null;
  let lastAction: Day | null = null;
  const pending = new Map<string, UncertainStep>();
  const failed = new Map<string, FailedAttempt>();
  let bounces: Bounce[] = [];
  let bouncedSince: Day | null = null;
  let disputedSince: Day | null = null;
  let pause: History['pause'] = null;
  let paidByHand: Day | null = null;
  let handPayments: Payment[] = [];
  let noticeDate: Day | null = null;
  let notice: NoticeRecord | null = null;
  const previous: PreviousReminder[] = [];

  const action = (date: Day): void => {
    if (lastAction === null || date > lastAction) lastAction = date;
  };
  const markDone = (d: DoneStep): void => {
    if (!done.some((x) => x.step === d.step)) done.push(d);
    last = d;
    failed.delete(d.step);
    pending.delete(d.step);
    action(d.date);
  };
  const sentByHand = (step: string, date: Day, e: JournalEntry): void => {
    const intent = pending.get(step);
    const d: DoneStep = {
      step,
      date,
      channel: e.channel ?? intent?.channel ?? null,
      messageId: e.message_id ?? intent?.messageId ?? null,
      subject: e.subject ?? intent?.subject ?? null,
      by: 'record',
    };
    markDone(d);
    previous.push({ step, date, subject: d.subject, messageId: d.messageId });
  };

  for (const e of entries) {
    if (e.invoice !== invoice) continue;
    const date = parseIsoDay(e.date);
    if (date === null) continue;
    const step = e.step;
    switch (e.type) {
      case 'intent':
        if (step !== null) {
          pending.set(step, { entry: e, step, date, channel: e.channel, messageId: e.message_id, subject: e.subject, run: e.run });
        }
        break;
      case 'sent':
        if (step !== null) {
          const intent = pending.get(step);
          const messageId = e.message_id ?? intent?.messageId ?? null;
          const subject = e.subject ?? intent?.subject ?? null;
          markDone({ step, date, channel: e.channel ?? intent?.channel ?? null, messageId, subject, by: 'sent' });
          previous.push({ step, date, subject, messageId });
        }
        break;
      case 'failed':
        if (step !== null) {
          pending.delete(step);
          failed.set(step, { step, date, error: e.error });
        }
        break;
      case 'bounced':
        if (step !== null) {
          pending.delete(step);
          failed.delete(step);
          const to = (e.to ?? []).map((a) => a.trim().toLowerCase());
          bounces.push({ step, date, to, error: e.error, what: e.note === 'message refused' ? 'message' : 'address' });
          if (bouncedSince === null) bouncedSince = date;
        }
        break;
      case 'issued':
        if (step !== null) markDone({ step, date, channel: e.channel, messageId: null, subject: e.subject, by: 'issued' });
        break;
      case 'record':
        switch (e.event) {
          case 'sent':
            if (step !== null) sentByHand(step, date, e);
            else if (pending.size > 0) for (const s of [...pending.keys()]) sentByHand(s, date, e);
            else action(date);
            break;
          case 'not-sent':
            if (step !== null) pending.delete(step);
            else pending.clear();
            break;
          case 'call':
          case 'letter':
            // The first formal notice starts the interest (art. 1231-6 C. civ.); a later letter does not move it.
            if (e.event === 'letter' && (noticeDate === null || date < noticeDate)) noticeDate = date;
            if (e.event === 'letter') {
              // A later `letter --received D` completes the notice already recorded.
              const received = e.received === undefined ? null : parseIsoDay(e.received);
              const before = notice as NoticeRecord | null;
              notice = {
                postedOn: before === null ? date : Math.min(before.postedOn, date),
                tracking: e.tracking ?? before?.tracking ?? null,
                receivedOn: received ?? before?.receivedOn ?? null,
                step: before?.step ?? step,
              };
            }
            if (step !== null) markDone({ step, date, channel: e.channel ?? e.event, messageId: null, subject: null, by: 'record' });
            else action(date);
            break;
          case 'promise':
            action(date);
            if (e.until !== null) pause = { from: date, through: parseIsoDay(e.until) };
            break;
          case 'pause':
            pause = { from: date, through: e.until === null ? null : parseIsoDay(e.until) };
            break;
          case 'dispute':
            if (disputedSince === null) disputedSince = date;
            break;
          case 'resume':
            pause = null;
            disputedSince = null;
            paidByHand = null;
            handPayments = [];
            break;
          case 'paid-by-hand': {
            const part = e.amount === undefined ? null : parseAmount(e.amount);
            if (part === null) paidByHand = date;
            else handPayments.push({ date, amount: part });
            break;
          }
          case 'retry':
            bounces = [];
            break;
          case null:
            break;
        }
        break;
    }
  }

  const uncertain = [...pending.values()];
  for (const u of uncertain) action(u.date);
  return {
    invoice,
    done,
    last,
    lastAction,
    uncertain,
    failed: [...failed.values()],
    bounces,
    bouncedSince,
    disputedSince,
    pause,
    paidByHand,
    handPayments,
    noticeDate,
    notice,
    previous,
  };
}

/** The history of every invoice named in the journal. */
export function historiesOf(entries: readonly JournalEntry[]): Map<string, History> {
  const histories = new Map<string, History>();
  for (const [invoice, group] of groupByInvoice(entries)) histories.set(invoice, historyOf(invoice, group));
  return histories;
}

/** The intent lines still without outcome, by the rules of `historyOf`: what `log` marks UNCERTAIN. */
export function uncertainIntents(histories: Iterable<History>): Set<JournalEntry> {
  const intents = new Set<JournalEntry>();
  for (const h of histories) for (const u of h.uncertain) intents.add(u.entry);
  return intents;
}
