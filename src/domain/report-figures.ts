// The figures of `relance report`: what is owed and how late, DSO, who owes most, whether
// reminders are followed by payment, and each client's history. Invoices are added one at a
// time as they are read (a million of them never sit in memory); `figures()` sums up.

import type { Day } from './dates.js';
import type { History } from './history.js';
import { emptyHistory } from './history.js';
import type { Invoice } from './invoice.js';
import type { JournalEntry } from './journal-entry.js';
import type { Cents } from './money.js';
import { roundHalfUp } from './money.js';
import type { ClaimContext } from './claim.js';
import type { Claim } from './claim.js';
import { isOwed } from './invoice-state.js';
import { isProvisional } from './penalty.js';
import type { Channel, Policy } from './policy.js';
import type { Action } from './report-actions.js';
import { actionsOf } from './report-actions.js';
import type { AgingBucket } from './status.js';
import { AGING_BUCKETS, agingBucket } from './status.js';

/** An invoice counts as "paid after a reminder" when it is settled within this many days of it. */
export const PAID_WITHIN_DAYS = 15;

export interface ReportContext extends ClaimContext {
  /** First day of the period of DSO and reminder effectiveness; the period ends today. */
  from: Day;
  policy: Policy;
}

export interface Oldest {
  number: string;
  dueDate: Day;
  daysLate: number;
}

export interface ClientFigures {
  client: string;
  /** Unpaid invoices (not cancelled), due or not. */
  invoices: number;
  balance: Cents;
  overdue: Cents;
  interest: Cents;
  flatFees: Cents;
  /** The unpaid invoice due first. */
  oldest: Oldest | null;
  /** Every action on the client's invoices, oldest first. */
  actions: Action[];
  lastAction: Action | null;
}

export interface StepEffect {
  step: string;
  channel: Channel | null;
  /** Invoices that got the step in the period. */
  invoices: number;
  /** Of those, settled within PAID_WITHIN_DAYS days after it. */
  paidWithin: number;
  /** Of those, still unpaid with the window still open (a payment today would count): too soon to tell. */
  waiting: number;
}

export interface ReportFigures {
  today: Day;
  from: Day;
  headline: {
    /** Everything unpaid today (not cancelled), due or not: the receivables. */
    due: Cents;
    dueCount: number;
    overdue: Cents;
    overdueCount: number;
    /** Interest and €40 fees claimable on the overdue invoices, as `status` totals them. */
    interest: Cents;
    flatFees: Cents;
    provisional: boolean;
  };
  /** Days sales outstanding: receivables ÷ sales invoiced over the period × its days. */
  dso: {
    receivables: Cents;
    sales: Cents;
    salesCount: number;
    days: number;
    /** Invoices with no issue date: they cannot be placed in the period, so are not in the sales. */
    withoutIssueDate: number;
    /** DSO in tenths of a day, rounded half up; null when nothing was invoiced in the period. */
    tenths: number | null;
  };
  aging: Record<AgingBucket, { amount: Cents; count: number }>;
  /** Every client owing something, most owed first. */
  clients: ClientFigures[];
  effectiveness: {
    steps: StepEffect[];
    /** Invoices settled in the period, and the median days from their due date to the payment. */
    paidCount: number;
    medianDaysFromDue: number | null;
    /** Settled invoices whose payment has no date: not counted above. */
    paidUndated: number;
  };
  /** Invoices issued after today (a report dated in the past): left out of every figure. */
  issuedAfterToday: number;
}

/** The figures, one invoice at a time, from its claim (`Claims`, as status computes it). */
export class ReportTally {
  private readonly ctx: ReportContext;
  private readonly entries: ReadonlyMap<string, readonly JournalEntry[]>;
  private readonly headline: ReportFigures['headline'] = { due: 0, dueCount: 0, overdue: 0, overdueCount: 0, interest: 0, flatFees: 0, provisional: false };
  private readonly aging = Object.fromEntries(AGING_BUCKETS.map((b) => [b, { amount: 0, count: 0 }])) as ReportFigures['aging'];
  private readonly clients = new Map<string, ClientFigures>();
  private readonly steps = new Map<string, StepEffect>();
  private readonly paidDays: number[] = [];
  private sales = 0;
  private salesCount = 0;
  private withoutIssueDate = 0;
  private paidUndated = 0;
  private issuedAfterToday = 0;

  constructor(ctx: ReportContext, entriesByInvoice: ReadonlyMap<string, readonly JournalEntry[]>) {
    this.ctx = ctx;
    this.entries = entriesByInvoice;
  }

  add(invoice: Invoice, history: History | undefined, claim: Claim): void {
    const { today, from } = this.ctx;
    if (invoice.issueDate !== null && invoice.issueDate > today) {
      this.issuedAfterToday += 1;
      return;
    }
    const h = history ?? emptyHistory(invoice.number);
    const client = this.clientOf(invoice.client);
    const entries = this.entries.get(invoice.number);
    // A report dated in the past knows nothing of what was done after its day.
    if (entries) for (const a of actionsOf(entries)) if (a.date <= today) client.actions.push(a);
    if (claim.status === 'cancelled') return;

    if (invoice.issueDate === null) this.withoutIssueDate += 1;
    else if (invoice.issueDate >= from) {
      this.sales += invoice.amount;
      this.salesCount += 1;
    }

    const daysLate = claim.penalty?.daysLate ?? 0;
    // The rule of status's aging: still owed (invoice-state.ts).
    if (isOwed(claim)) {
      const bucket = this.aging[agingBucket(daysLate)];
      bucket.amount += claim.balance;
      bucket.count += 1;
      const head = this.headline;
      head.due += claim.balance;
      head.dueCount += 1;
      client.invoices += 1;
      client.balance += claim.balance;
      if (daysLate > 0) {
        const interest = claim.penalty?.interest ?? 0;
        const fee = claim.penalty?.flatFee ?? 0;
        head.overdue += claim.balance;
        head.overdueCount += 1;
        head.interest += interest;
        head.flatFees += fee;
        if (claim.penalty !== null && isProvisional(claim.penalty)) head.provisional = true;
        client.overdue += claim.balance;
        client.interest += interest;
        client.flatFees += fee;
      }
      const o = client.oldest;
      if (o === null || invoice.dueDate < o.dueDate || (invoice.dueDate === o.dueDate && invoice.number < o.number)) {
        client.oldest = { number: invoice.number, dueDate: invoice.dueDate, daysLate };
      }
    }

    const settled = settlementOf(invoice, h, today);
    if (settled === 'undated') this.paidUndated += 1;
    else if (settled !== null && settled >= from) this.paidDays.push(settled - invoice.dueDate);
    for (const done of h.done) {
      if (done.date < from || done.date > today) continue;
      const effect = this.stepOf(done.step, done.channel);
      effect.invoices += 1;
      if (typeof settled === 'number' && settled >= done.date && settled <= done.date + PAID_WITHIN_DAYS) effect.paidWithin += 1;
      else if (settled === null && done.date + PAID_WITHIN_DAYS >= today) effect.waiting += 1;
    }
  }

  figures(): ReportFigures {
    const { today, from, policy } = this.ctx;
    const days = today - from + 1;
    const receivables = this.headline.due;
    const clients = [...this.clients.values()].filter((c) => c.balance > 0);
    for (const c of clients) {
      // Stable: actions of one day keep their file order.
      c.actions.sort((a, b) => a.date - b.date);
      c.lastAction = c.actions.at(-1) ?? null;
    }
    clients.sort((a, b) => b.balance - a.balance || (a.client < b.client ? -1 : a.client > b.client ? 1 : 0));
    const order = new Map(policy.steps.map((s, i) => [s.id, i]));
    const steps = [...this.steps.values()].sort((a, b) => (order.get(a.step) ?? Infinity) - (order.get(b.step) ?? Infinity) || (a.step < b.step ? -1 : 1));
    return {
      today,
      from,
      headline: { ...this.headline },
      dso: {
        receivables,
        sales: this.sales,
        salesCount: this.salesCount,
        days,
        withoutIssueDate: this.withoutIssueDate,
        tenths: this.sales > 0 ? roundHalfUp(BigInt(receivables) * BigInt(days) * 10n, BigInt(this.sales)) : null,
      },
      aging: this.aging,
      clients,
      effectiveness: { steps, paidCount: this.paidDays.length, medianDaysFromDue: median(this.paidDays), paidUndated: this.paidUndated },
      issuedAfterToday: this.issuedAfterToday,
    };
  }

  private clientOf(name: string): ClientFigures {
    let c = this.clients.get(name);
    if (c === undefined) {
      c = { client: name, invoices: 0, balance: 0, overdue: 0, interest: 0, flatFees: 0, oldest: null, actions: [], lastAction: null };
      this.clients.set(name, c);
    }
    return c;
  }

  private stepOf(step: string, channel: Channel | null): StepEffect {
    let e = this.steps.get(step);
    if (e === undefined) {
      const inPolicy = this.ctx.policy.steps.find((s) => s.id === step);
      e = { step, channel: inPolicy?.channel ?? channel, invoices: 0, paidWithin: 0, waiting: 0 };
      this.steps.set(step, e);
    }
    return e;
  }
}

/**
 * The day an invoice was settled as of today: its last payment (the file's, or the one
 * recorded with `record paid-by-hand`), 'undated' when the file gives a payment without a
 * date, null while a balance remains. Payments dated after today are not counted yet.
 */
export function settlementOf(invoice: Pick<Invoice, 'amount' | 'payments'>, history: Pick<History, 'paidByHand'>, today: Day): Day | 'undated' | null {
  if (invoice.amount <= 0) return null;
  let paid = 0;
  let last: Day | null = null;
  let undated = false;
  for (const p of invoice.payments) {
    if (p.date !== null && p.date > today) continue;
    paid += p.amount;
    if (p.date === null) undated = true;
    else if (last === null || p.date > last) last = p.date;
  }
  const byHand = history.paidByHand;
  if (paid < invoice.amount && byHand !== null && byHand <= today) {
    // What the hand-recorded payment settled was the rest: the day is known, whatever came before.
    return last === null || byHand > last ? byHand : last;
  }
  if (paid < invoice.amount) return null;
  return undated || last === null ? 'undated' : last;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
