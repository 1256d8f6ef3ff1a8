// The planner: given today, the invoices, the policy and the journal's histories, which
// reminder step is due for which invoice, grouped into messages and to-dos.
// docs/contract.md § Planning. Pure: `send` and `status` read the files and do the rest.

import type { Day } from './dates.js';
import type { Invoice, Language } from './invoice.js';
import { FOREVER, bounceOf, emailStepsPassedOver, holdOf, isChaseable, pausedThrough, timeBarredSince } from './invoice-state.js';
import type { History, UncertainStep } from './history.js';
import { emptyHistory, isDone } from './history.js';
import type { Channel, Policy, Step } from './policy.js';
import { DEFAULT_DEADLINE_DAYS, stepsFor } from './policy.js';
import type { SendCalendar } from './send-calendar.js';
import { EVERY_DAY, sendingDay } from './send-calendar.js';

/** Which constraint set the day a step becomes due (the latest of them). */
export type NextReason = 'schedule' | 'min_gap' | 'pause' | 'uncertain' | 'business-day';

export interface NextStep {
  /** The step, as the invoice's segment has it (its template included). */
  readonly step: Step;
  /**
   * The day it becomes due: max(due + day, last action + min_gap_days, end of pause + 1).
   * May be before today: the next `send` does it. For an uncertain step, the day of its intent.
   */
  readonly date: Day;
  readonly reason: NextReason;
  /** With `send_days: business`: the day it fell due, before it moved to the next business day. */
  readonly movedFrom?: Day | null;
}

/** One message or one to-do: a step for one or more invoices of one client. */
export interface Action {
  readonly step: Step;
  readonly channel: Channel;
  /** After the segment; null for a call or task step without one. */
  readonly template: string | null;
  readonly client: string;
  /** The recipients (email steps). May be empty: `send` refuses that before anything goes out. */
  readonly emails: readonly string[];
  readonly language: Language;
  /** Sorted by number; each is journaled on its own. */
  readonly invoices: readonly Invoice[];
}

export interface UncertainInvoice {
  readonly invoice: Invoice;
  readonly uncertain: UncertainStep;
}

/** A step due on a day nothing goes out (`send_days: business`) that goes out today, or waits past today. */
export interface MovedStep {
  readonly invoice: string;
  readonly step: string;
  /** The day it fell due… */
  readonly from: Day;
  /** …and the business day it goes out. */
  readonly to: Day;
}

export interface Plan {
  readonly actions: Action[];
  /** Invoices with an intent that has no outcome: nothing is sent for them until recorded. */
  readonly uncertain: UncertainInvoice[];
  /** Steps moved to a business day that concern today's run: they go out today, or wait for a later day. */
  readonly moved: MovedStep[];
}

/**
 * The step the invoice is waiting for and the day it becomes due, or null when nothing
 * will go out by itself (closed, paid, disputed, paused without end, every step done).
 *
 * The next step is the first step of the policy, in order, not yet done (docs/contract.md §
 * Planning). A step before the due date (negative day) is passed over once it could only
 * go out after the due date. An uncertain intent blocks the invoice: its step is
 * returned with reason `uncertain`. While its addresses bounce, its e-mail steps are
 * passed over (invoice-state.ts: bounceOf), so the calls, letters and tasks still come.
 * A time-barred claim has no next step; with `send_days: business` a step falling on a
 * day off moves to the next business day.
 */
export function nextStep(invoice: Invoice, policy: Policy, history: History, today: Day, calendar: SendCalendar = EVERY_DAY): NextStep | null {
  if (!isChaseable(invoice, history)) return null;
  const steps = stepsFor(policy, invoice);

  const uncertain = history.uncertain[0];
  if (uncertain) {
    const step = steps.find((s) => s.id === uncertain.step) ?? unknownStep(uncertain);
    return { step, date: uncertain.date, reason: 'uncertain' };
  }
  if (history.paidByHand !== null || history.disputedSince !== null) return null;
  if (timeBarredSince(invoice, history, today) !== null) return null;
  const through = pausedThrough(invoice, history);
  if (through === FOREVER) return null;

  // Never two steps on one day, even with min_gap_days: 0: one step per invoice per run.
  const gapEnd = history.lastAction === null ? null : history.lastAction + Math.max(policy.minGapDays, 1);
  const bounced = bounceOf(invoice, history) !== null;
  const passedOver = emailStepsPassedOver(steps, history);
  for (const [i, step] of steps.entries()) {
    if (isDone(history, step.id)) continue;
    if (step.channel === 'email' && (bounced || i < passedOver)) continue;
    const scheduled = invoice.dueDate + step.day;
    let date = scheduled;
    let reason: NextReason = 'schedule';
    if (gapEnd !== null && gapEnd > date) {
      date = gapEnd;
      reason = 'min_gap';
    }
    if (through !== null && through + 1 > date) {
      date = through + 1;
      reason = 'pause';
    }
    const sending = sendingDay(date, today, calendar);
    if (step.day < 0 && (today > invoice.dueDate || sending.date > invoice.dueDate)) continue;
    if (sending.movedFrom !== null) return { step, date: sending.date, reason: 'business-day', movedFrom: sending.movedFrom };
    return { step, date, reason };
  }
  return null;
}

/**
 * Today's work: for each invoice, its next step if it is due today (one step per
 * invoice per run, so a cron that missed days catches up one step at a time), grouped
 * into one action per client, recipients, language, step and template, sorted by
 * client, then step order, then invoice number.
 */
export function planActions(
  invoices: readonly Invoice[],
  policy: Policy,
  histories: ReadonlyMap<string, History>,
  today: Day,
  calendar: SendCalendar = EVERY_DAY,
): Plan {
  const uncertain: UncertainInvoice[] = [];
  const moved: MovedStep[] = [];
  const groups = new Map<string, { action: Action & { invoices: Invoice[] }; order: number }>();

  for (const invoice of invoices) {
    const history = histories.get(invoice.number) ?? emptyHistory(invoice.number);
    if (!isChaseable(invoice, history)) continue;
    const first = history.uncertain[0];
    if (first) {
      uncertain.push({ invoice, uncertain: first });
      continue;
    }
    if (holdOf(invoice, history, today)) continue;
    const next = nextStep(invoice, policy, history, today, calendar);
    if (next?.movedFrom != null && next.movedFrom <= today) moved.push({ invoice: invoice.number, step: next.step.id, from: next.movedFrom, to: next.date });
    if (!next || next.date > today) continue;

    const { step } = next;
    const emails = invoice.emails;
    const key = JSON.stringify([
      invoice.client,
      emails.map((e) => e.trim().toLowerCase()).sort(),
      invoice.language,
      // One message speaks to a business or to a consumer: the law it quotes differs.
      invoice.clientType,
      step.id,
      step.channel,
      step.template,
    ]);
    const group = groups.get(key);
    if (group) {
      group.action.invoices.push(invoice);
    } else {
      const order = stepsFor(policy, invoice).findIndex((s) => s.id === step.id);
      groups.set(key, {
        order,
        action: {
          step,
          channel: step.channel,
          template: step.template,
          client: invoice.client,
          emails,
          language: invoice.language,
          invoices: [invoice],
        },
      });
    }
  }

  const sorted = [...groups.values()];
  for (const g of sorted) g.action.invoices.sort((a, b) => compareText(a.number, b.number));
  sorted.sort(
    (a, b) =>
      compareText(a.action.client, b.action.client) ||
      a.order - b.order ||
      compareText(a.action.step.id, b.action.step.id) ||
      compareText(a.action.invoices[0]!.number, b.action.invoices[0]!.number) ||
      compareText(a.action.emails.join(','), b.action.emails.join(',')),
  );
  uncertain.sort((a, b) => compareText(a.invoice.client, b.invoice.client) || compareText(a.invoice.number, b.invoice.number));
  moved.sort((a, b) => compareText(a.invoice, b.invoice));
  return { actions: sorted.map((g) => g.action), uncertain, moved };
}

// French collation with numbers in numeric order (F-9 before F-10); ties broken on code
// units so that the order never depends on anything but the text.
const collator = new Intl.Collator('fr', { numeric: true });
function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A step the policy no longer has (it was renamed since the intent was written). */
function unknownStep(u: UncertainStep): Step {
  return { id: u.step, day: 0, channel: u.channel ?? 'email', template: null, attachPrevious: false, deadlineDays: DEFAULT_DEADLINE_DAYS };
}
