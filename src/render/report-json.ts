// The report's figures as one JSON document: what `report --format json` prints and what
// the page embeds (so the next report can compare, and a script can read the page).
// Money as "1234.50", dates YYYY-MM-DD, DSO in days with one decimal, as docs/contract.md says.

import type { Day } from '../domain/dates.js';
import { formatIsoDay } from '../domain/dates.js';
import type { Language } from '../domain/invoice.js';
import { formatCents } from '../domain/money.js';
import type { Action } from '../domain/report-actions.js';
import type { ClientFigures, Oldest, ReportFigures } from '../domain/report-figures.js';
import { PAID_WITHIN_DAYS } from '../domain/report-figures.js';
import { AGING_BUCKETS } from '../domain/status.js';
import type { PreviousReport } from '../io/report-files.js';

/** The worst clients shown as bars: the "top debtors". */
export const TOP_DEBTORS = 10;
/** Actions listed for one client: the latest ones (the count says how many there are in all). */
export const ACTIONS_PER_CLIENT = 10;

export interface ReportOptions {
  language: Language;
  /** Clients listed one by one; the others are summed in `clients_more`. */
  limit: number;
  previous: PreviousReport | null;
  /** The creditor's name, for the page's title. */
  creditor: string | null;
}

const money = formatCents;
const day = formatIsoDay;
const dayOrNull = (d: Day | null): string | null => (d === null ? null : day(d));

/** `412` tenths → "41.2". */
export function tenthsText(tenths: number): string {
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

export function reportDocument(f: ReportFigures, options: ReportOptions): Record<string, unknown> {
  const h = f.headline;
  const listed = f.clients.slice(0, options.limit);
  const rest = f.clients.slice(options.limit);
  const p = options.previous;
  return {
    today: day(f.today),
    from: day(f.from),
    language: options.language,
    creditor: options.creditor,
    headline: {
      due: money(h.due),
      due_count: h.dueCount,
      overdue: money(h.overdue),
      overdue_count: h.overdueCount,
      interest: money(h.interest),
      flat_fees: money(h.flatFees),
      claimable: money(h.interest + h.flatFees),
      provisional: h.provisional,
    },
    dso: {
      days: f.dso.tenths === null ? null : tenthsText(f.dso.tenths),
      receivables: money(f.dso.receivables),
      sales: money(f.dso.sales),
      sales_count: f.dso.salesCount,
      period_days: f.dso.days,
      from: day(f.from),
      to: day(f.today),
      without_issue_date: f.dso.withoutIssueDate,
    },
    aging: Object.fromEntries(AGING_BUCKETS.map((b) => [b, { amount: money(f.aging[b].amount), count: f.aging[b].count }])),
    top_debtors: f.clients.slice(0, TOP_DEBTORS).map((c) => ({
      client: c.client,
      balance: money(c.balance),
      overdue: money(c.overdue),
      invoices: c.invoices,
      oldest: oldestJson(c.oldest),
      last_action: c.lastAction === null ? null : actionJson(c.lastAction),
    })),
    effectiveness: {
      window_days: PAID_WITHIN_DAYS,
      steps: f.effectiveness.steps.map((s) => ({ step: s.step, channel: s.channel, invoices: s.invoices, paid_within: s.paidWithin, waiting: s.waiting })),
      paid_in_period: f.effectiveness.paidCount,
      median_days_due_to_payment: f.effectiveness.medianDaysFromDue,
      paid_without_date: f.effectiveness.paidUndated,
    },
    clients: listed.map(clientJson),
    clients_more: { count: rest.length, balance: money(rest.reduce((sum, c) => sum + c.balance, 0)) },
    issued_after_today: f.issuedAfterToday,
    previous:
      p === null
        ? null
        : { file: p.file, today: day(p.today), due: money(p.due), overdue: money(p.overdue), claimable: money(p.claimable), dso: p.dsoTenths === null ? null : tenthsText(p.dsoTenths) },
  };
}

function clientJson(c: ClientFigures): Record<string, unknown> {
  return {
    client: c.client,
    invoices: c.invoices,
    balance: money(c.balance),
    overdue: money(c.overdue),
    interest: money(c.interest),
    flat_fees: money(c.flatFees),
    oldest: oldestJson(c.oldest),
    last_action: c.lastAction === null ? null : actionJson(c.lastAction),
    actions_count: c.actions.length,
    actions: c.actions.slice(-ACTIONS_PER_CLIENT).map(actionJson),
  };
}

function oldestJson(o: Oldest | null): Record<string, unknown> | null {
  return o === null ? null : { number: o.number, due_date: day(o.dueDate), days_late: o.daysLate };
}

function actionJson(a: Action): Record<string, unknown> {
  return { date: day(a.date), invoice: a.invoice, action: a.kind, step: a.step, channel: a.channel, until: dayOrNull(a.until) };
}

/** The document as JSON that may sit inside a <script> element: no `<` in it at all. */
export function jsonForScript(doc: unknown): string {
  return JSON.stringify(doc).replace(/</g, '\\u003c');
}
