// The planner: given today, the invoices, the policy and the journal's histories, which
// reminder step is due for which invoice, grouped into messages and to-dos.
// DESIGN.md § Planning. Pure: `send` and `status` read the files and do the rest.

import type { Day } from './dates.js';
import type { Invoice, Language } from './invoice.js';
import { FOREVER, holdOf, isChaseable, pausedThrough } from './invoice-state.js';
import type { History, UncertainStep } from './history.js';
import { emptyHistory, isDone } from './history.js';
import type { Channel, Policy, Step } from './policy.js';
import { DEFAULT_DEADLINE_DAYS, stepsFor } from './policy.js';

/** Which constraint set the day a step becomes due (the latest of them). */
export type NextReason = 'schedule' | 'min_gap' | 'pause' | 'uncertain';

export interface NextStep {
  /** The step, as the invoice's segment has it (its template included). */
  readonly step: Step;
  /**
   * The day it becomes due: max(due + day, last action + min_gap_days, end of pause + 1).
   * May be before today: the next `send` does it. For an uncertain step, the day of its intent.
   */
  readonly date: Day;
  readonly reason: NextReason;
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

export interface Plan {
  readonly actions: Action[];
  /** Invoices with an intent that has no outcome: nothing is sent for them until recorded. */
  readonly uncertain: UncertainInvoice[];
}

/**
 * The step the invoice is waiting for and the day it becomes due, or null when nothing
 * will go out by itself (closed, paid, disputed, paused without end, every step done).
 *
 * The next step is the first step of the policy, in order, not yet done (DESIGN.md §
 * Planning). A step before the due date (negative day) is passed over once it could only
 * go out after the due date. An uncertain intent blocks the invoice: its step is
 * returned with reason `uncertain`.
 */
export function nextStep(invoice: Invoice, policy: Policy, history: History, today: Day): NextStep | null {
  if (!isChaseable(invoice, history)) return null;
  const steps = stepsFor(policy, invoice);

  const uncertain = history.uncertain[0];
  if (uncertain) {
    const step = steps.find((s) => s.id === uncertain.step) ?? unknownStep(uncertain);
    return { step, date: uncertain.date, reason: 'uncertain' };
  }
  if (history.paidByHand !== null || history.disputedSince !== null) return null;
  const through = pausedThrough(invoice, history);
  if (through === FOREVER) return null;

  // Never two steps on one day, even with min_gap_days: 0: one step per invoice per run.
  const gapEnd = history.lastAction === null ? null : history.lastAction + Math.max(policy.minGapDays, 1);
  for (const step of steps) {
    if (isDone(history, step.id)) continue;
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
    if (step.day < 0 && (today > invoice.dueDate || date > invoice.dueDate)) continue;
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
): Plan {
  const uncertain: UncertainInvoice[] = [];
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
    const next = nextStep(invoice, policy, history, today);
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
  return { actions: sorted.map((g) => g.action), uncertain };
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
