// Where an invoice's reminder cycle stands, in words: its state, its formal notice and its
// next step. `log INVOICE` shows it, `record` says it after each entry.

import type { Day } from './dates.js';
import { formatFrenchDay } from './dates.js';
import type { History } from './history.js';
import type { Invoice } from './invoice.js';
import { bounceOf, closedInFile, holdOf, timeBarredSince } from './invoice-state.js';
import type { SendCalendar } from './send-calendar.js';
import type { NextStep } from './plan.js';
import { nextStep } from './plan.js';
import type { Policy } from './policy.js';
import { noticeDateOf } from './claim.js';

export interface NextStepView {
  step: string | null;
  date: Day | null;
  /** `relance-2 on 27/11/2026`, `relance-2, due now`, or why there is none. */
  text: string;
  /** Why there is no next step: the hold and the closed invoice say so themselves. */
  none: 'not-in-files' | 'closed' | 'held' | 'bounced' | 'done' | 'time-barred' | null;
}

/** The invoice's next step and its day, as a sentence for people. */
export function nextStepView(invoice: Invoice | null, policy: Policy, history: History, today: Day, calendar?: SendCalendar): NextStepView {
  if (invoice === null) return { step: null, date: null, text: 'none: the invoice is not in the invoice files', none: 'not-in-files' };
  const next: NextStep | null = nextStep(invoice, policy, history, today, calendar);
  if (next !== null) {
    const id = next.step.id;
    if (next.reason === 'uncertain') {
      return { step: id, date: next.date, text: `${id}, uncertain since ${formatFrenchDay(next.date)}: settle it first`, none: null };
    }
    const moved = next.movedFrom != null ? ` (due ${formatFrenchDay(next.movedFrom)}, a day nothing goes out: send_days: business)` : '';
    const when = next.date <= today ? `${id}, due now (the next "relance send" does it)` : `${id} on ${formatFrenchDay(next.date)}${moved}`;
    const refused = bouncedText(invoice, history);
    return { step: id, date: next.date, text: refused === null ? when : `${refused}; meanwhile ${when}`, none: null };
  }
  const refused = bouncedText(invoice, history);
  if (refused !== null) return { step: null, date: null, text: `${refused}; no other step meanwhile`, none: 'bounced' };
  const closed = closedInFile(invoice);
  if (closed !== null) return { step: null, date: null, text: `none: the invoice is ${closed}`, none: 'closed' };
  const barred = timeBarredSince(invoice, history, today);
  if (barred !== null) return { step: null, date: null, text: `none: the claim is time-barred since ${formatFrenchDay(barred)}, so no reminder goes out`, none: 'time-barred' };
  const hold = holdOf(invoice, history, today);
  if (hold !== null) return { step: null, date: null, text: `none while ${hold.reason === 'paid-by-hand' ? 'paid by hand' : hold.reason}`, none: 'held' };
  return { step: null, date: null, text: 'none: every step of the policy is done', none: 'done' };
}

/** `address refused: fix the e-mail, then …` when the invoice's e-mail steps are held by a bounce. */
export function bouncedText(invoice: Invoice, history: History): string | null {
  const bounce = bounceOf(invoice, history);
  if (bounce === null) return null;
  const retry = `relance record ${invoice.number} retry`;
  const why = `${bounce.to.join(', ')} on ${formatFrenchDay(bounce.date)}${bounce.error ? `: ${bounce.error}` : ''}`;
  return bounce.what === 'address'
    ? `address refused (${why}): fix the e-mail in the invoice file, then the e-mail steps resume (or ${retry} if it was right)`
    : `message refused (${why}): fix what the server refused, then ${retry}`;
}

export interface InvoiceSummary {
  invoice: string;
  client: string | null;
  /** One word: open, paid, cancelled, insolvency, time-barred, disputed, paused, uncertain, bounced. */
  state: string;
  history: History;
  /** The last day of a pause in force (file or journal); null for "until resume". */
  pause: { through: Day | null } | null;
  /** The formal notice: the first of the file's and the journal's (noticeDateOf). */
  notice: Day | null;
  b2c: boolean;
  next: NextStepView;
}

export function summaryOf(number: string, invoice: Invoice | null, policy: Policy, history: History, today: Day, calendar?: SendCalendar): InvoiceSummary {
  const hold = holdOf(invoice, history, today);
  const pause = hold?.reason === 'paused' ? { through: hold.until } : null;
  let state = 'open';
  if (invoice !== null && (invoice.status === 'cancelled' || invoice.status === 'insolvency')) state = invoice.status;
  else if (history.paidByHand !== null || (invoice !== null && closedInFile(invoice) === 'paid')) state = 'paid';
  else if (invoice !== null && timeBarredSince(invoice, history, today) !== null) state = 'time-barred';
  else if (history.disputedSince !== null || invoice?.status === 'disputed') state = 'disputed';
  else if (history.uncertain.length > 0) state = 'uncertain';
  else if (pause !== null) state = 'paused';
  else if (invoice !== null && bounceOf(invoice, history) !== null) state = 'bounced';
  const notice = noticeDateOf({ noticeDate: invoice?.noticeDate ?? null }, history);
  return {
    invoice: number,
    client: invoice?.client ?? null,
    state,
    history,
    pause,
    notice,
    b2c: invoice?.clientType === 'b2c',
    next: nextStepView(invoice, policy, history, today, calendar),
  };
}
