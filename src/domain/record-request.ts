// What `relance record INVOICE EVENT` may write: the request as typed, checked against the
// invoice, its history and the policy, and either the journal entry it makes or every
// reason it cannot be made. Pure: the command reads the files, this decides.

import { closestName, didYouMean } from './closest.js';
import type { Day } from './dates.js';
import { formatFrenchDay, formatIsoDay, parseIsoDay } from './dates.js';
import { invoiceNotFound } from './find-invoice.js';
import type { History } from './history.js';
import type { Invoice } from './invoice.js';
import { holdOf, knownBalance } from './invoice-state.js';
import { formatCents, formatEurosFr, parseAmount } from './money.js';
import type { JournalEntry, RecordEvent } from './journal-entry.js';
import { RECORD_EVENTS, journalEntry } from './journal-entry.js';
import type { Policy } from './policy.js';
import { policyStepIds, stepsFor } from './policy.js';

/** What the command line asks for, as typed. */
export interface RecordRequest {
  invoice: string;
  event: string;
  date: string | undefined;
  until: string | undefined;
  step: string | undefined;
  note: string | undefined;
  /** paid-by-hand: the part paid, when it is not the whole balance. */
  amount?: string | undefined;
  /** letter: the registered letter's tracking number. */
  tracking?: string | undefined;
  /** letter: the day the avis de réception was signed. */
  received?: string | undefined;
}

export interface RecordContext {
  today: Day;
  now: Date;
  policy: Policy;
  /** The invoice as the files have it; null when none has that number. */
  invoice: Invoice | null;
  /** Every invoice number in the files, for "did you mean". */
  numbers: readonly string[];
  /** The invoice's history before this record. */
  history: History;
  /** The invoice files as the user names them. */
  invoiceFiles: string;
  /** Errors in the invoice files: their bad rows were skipped. */
  fileErrors: number;
}

export interface Problem {
  message: string;
  hint?: string;
}

export interface RecordCheck {
  errors: Problem[];
  warnings: Problem[];
  /** The entry to append; null when there are errors. */
  entry: JournalEntry | null;
}

/** Events that say something was done: they cannot be dated after today. */
const DONE_EVENTS: Partial<Record<RecordEvent, string>> = {
  call: 'a call cannot have been made yet',
  letter: 'a letter cannot have been posted yet',
  'paid-by-hand': 'a payment cannot have been received yet',
  sent: 'a message cannot have gone out yet',
};
const UNTIL_EVENTS: readonly RecordEvent[] = ['pause', 'promise'];
const STEP_EVENTS: readonly RecordEvent[] = ['call', 'letter', 'sent', 'not-sent'];

/**
 * The journal entry the request makes, or every reason it cannot be made. Pure: the
 * command reads the files, this decides.
 */
export function checkRecord(req: RecordRequest, ctx: RecordContext): RecordCheck {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const { invoice, history, today } = ctx;
  const n = req.invoice;

  const event = (RECORD_EVENTS as readonly string[]).includes(req.event) ? (req.event as RecordEvent) : null;
  if (event === null) {
    const near = closestName(req.event, RECORD_EVENTS);
    errors.push({ message: `unknown event "${req.event}"`, hint: `${near ? `${didYouMean(near)} The` : 'the'} events are: ${RECORD_EVENTS.join(', ')}` });
  }

  if (invoice === null) errors.push(invoiceNotFound(n, ctx.numbers, { files: ctx.invoiceFiles, fileErrors: ctx.fileErrors }));

  const date = req.date === undefined ? today : parseIsoDay(req.date);
  if (date === null) errors.push({ message: `--date "${req.date}" is not a date`, hint: 'write it as YYYY-MM-DD, e.g. --date 2026-11-22' });
  else if (event !== null && date > today && DONE_EVENTS[event] !== undefined) {
    errors.push({ message: `--date ${req.date} is after today (${formatFrenchDay(today)}): ${DONE_EVENTS[event]}`, hint: 'record it once done, dated the day it happened' });
  }

  let until: Day | null = null;
  if (req.until !== undefined) {
    until = parseIsoDay(req.until);
    if (event !== null && !UNTIL_EVENTS.includes(event)) {
      const hint = event === 'dispute' ? 'a dispute lasts until "resume": leave --until out' : 'leave it out: --until is the last day of a pause or of a promise to pay';
      errors.push({ message: `--until is only for pause and promise, not for ${event}`, hint });
    } else if (until === null) {
      errors.push({ message: `--until "${req.until}" is not a date`, hint: 'write it as YYYY-MM-DD, e.g. --until 2026-12-01' });
    } else if (date !== null && until < date) {
      errors.push({
        message: `--until ${req.until} is before the ${event ?? 'record'}'s date (${formatFrenchDay(date)})`,
        hint: '--until is the last day without reminders: give a day on or after --date',
      });
    }
  }

  const step = req.step;
  let stepOk = true;
  if (step !== undefined) {
    const ids = invoice === null ? policyStepIds(ctx.policy) : stepsFor(ctx.policy, invoice).map((s) => s.id);
    const uncertain = history.uncertain.some((u) => u.step === step);
    if (event !== null && !STEP_EVENTS.includes(event)) {
      stepOk = false;
      errors.push({ message: `--step is only for call, letter, sent and not-sent, not for ${event}`, hint: `a ${event} concerns the whole invoice: leave --step out` });
    } else if (!ids.includes(step) && !uncertain) {
      stepOk = false;
      const close = closestName(step, ids);
      errors.push({ message: `step "${step}" is not in the policy`, hint: `${close ? `${didYouMean(close)} The` : 'the'} steps are: ${ids.join(', ')}` });
    }
  }

  if (invoice !== null && (event === 'sent' || event === 'not-sent')) {
    const pending = history.uncertain;
    const list = pending.map((u) => `${u.step} (${formatFrenchDay(u.date)})`).join(', ');
    if (pending.length === 0) {
      errors.push({
        message: `${n} has no uncertain step: "${event}" settles a message whose outcome is unknown`,
        hint: `"relance log ${n}" shows what happened; a step done by hand is recorded with call or letter --step ID`,
      });
    } else if (step === undefined && pending.length > 1) {
      errors.push({
        message: `${n} has ${pending.length} uncertain steps: ${list}`,
        hint: `name the one that ${event === 'sent' ? 'went out' : 'did not go out'}: --step ${pending[0]!.step}`,
      });
    } else if (step !== undefined && stepOk && !pending.some((u) => u.step === step)) {
      errors.push({ message: `step "${step}" of ${n} is not uncertain`, hint: `the uncertain step${pending.length === 1 ? ' is' : 's are'} ${list}: --step ${pending[0]!.step}` });
    }
  }

  if (invoice !== null && event === 'resume' && errors.length === 0) {
    const held = history.disputedSince !== null || history.paidByHand !== null || history.handPayments.length > 0 || (history.pause !== null && (history.pause.through === null || history.pause.through >= today));
    if (!held) {
      const hold = holdOf(invoice, history, today);
      if (hold?.reason === 'paused') {
        warnings.push({
          message: `${n} is paused by its invoice file (${invoice.status === 'paused' ? 'status paused' : 'paused_until'}): "resume" does not lift that`,
          hint: `change it in ${invoice.source.file}`,
        });
      } else {
        warnings.push({ message: `${n} is not disputed, paused or paid by hand: the resume is recorded but changes nothing` });
      }
    }
  }

  if (invoice !== null && event === 'retry' && errors.length === 0 && history.bounces.length === 0) {
    warnings.push({ message: `no e-mail to ${n} was refused for good since the last retry: the retry is recorded but changes nothing` });
  }

  // paid-by-hand --amount: a part paid by hand, which makes a balance nobody knew known.
  let amount: string | undefined;
  if (req.amount !== undefined) {
    const cents = parseAmount(req.amount.trim());
    if (event !== null && event !== 'paid-by-hand') {
      errors.push({ message: `--amount is only for paid-by-hand, not for ${event}`, hint: 'leave it out' });
    } else if (cents === null || cents <= 0) {
      errors.push({ message: `--amount "${req.amount}" is not an amount paid`, hint: 'write what was received, e.g. --amount 500 or --amount "1 234,56"' });
    } else if (invoice !== null && cents > knownBalance(invoice, history)) {
      errors.push({ message: `--amount ${formatEurosFr(cents)} is more than the ${formatEurosFr(knownBalance(invoice, history))} left to pay on ${n}`, hint: 'a payment of the whole balance is "paid-by-hand" without --amount' });
    } else {
      amount = formatCents(cents);
    }
  }

  // letter --tracking N --received D: the proof of the formal notice, for the dossier.
  let tracking: string | undefined;
  let received: Day | null = null;
  if (req.tracking !== undefined || req.received !== undefined) {
    const flags = [req.tracking !== undefined ? '--tracking' : null, req.received !== undefined ? '--received' : null].filter((f) => f !== null).join(' and ');
    if (event !== null && event !== 'letter') errors.push({ message: `${flags} ${req.tracking !== undefined && req.received !== undefined ? 'are' : 'is'} only for letter, not for ${event}`, hint: 'leave it out: they say when the registered letter was posted and received' });
  }
  if (req.tracking !== undefined) {
    const t = req.tracking.replace(/\s+/g, ' ').trim();
    if (t === '') errors.push({ message: '--tracking is empty', hint: 'give the number on the registered letter’s receipt, e.g. --tracking "1A 234 567 8901 2"' });
    else tracking = t;
  }
  if (req.received !== undefined) {
    received = parseIsoDay(req.received);
    // Received no earlier than posted: this letter's date, or the first one recorded when this only adds the receipt.
    const posted = req.date !== undefined ? date : (history.notice?.postedOn ?? date);
    if (received === null) errors.push({ message: `--received "${req.received}" is not a date`, hint: 'write the day the avis de réception was signed as YYYY-MM-DD' });
    else if (received > today) errors.push({ message: `--received ${req.received} is after today (${formatFrenchDay(today)}): a letter cannot have been received yet`, hint: 'record it once the avis de réception is back' });
    else if (posted !== null && received < posted) errors.push({ message: `--received ${req.received} is before the letter was posted (${formatFrenchDay(posted)})`, hint: 'the avis de réception is signed on or after the posting day: check both dates' });
  }
  if (errors.length > 0 || event === null || date === null) return { errors, warnings, entry: null };
  // sent / not-sent name the step they settle, so that the line reads on its own.
  const settled = event === 'sent' || event === 'not-sent' ? (step ?? history.uncertain[0]?.step ?? null) : (step ?? null);
  const entry = journalEntry({
    type: 'record',
    date,
    at: ctx.now,
    invoice: n,
    event,
    step: settled,
    channel: event === 'call' || event === 'letter' ? event : null,
    until: until === null ? null : formatIsoDay(until),
    note: req.note === undefined || req.note.trim() === '' ? null : req.note,
    amount,
    tracking,
    received: received === null ? undefined : formatIsoDay(received),
  });
  return { errors, warnings, entry };
}
