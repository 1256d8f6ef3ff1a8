// What `relance check` says about each invoice beyond what the loader validates: what the
// law says of it (payment terms, limitation) and what a later `send` will need (an address,
// a rate for every day of delay). Pure: the command reads the files and looks at the disk.

import type { Claim } from './claim.js';
import type { Day } from './dates.js';
import { endOfMonth, formatIsoDay, halfYearKey, halfYearOf, halfYearStart, nextHalfYear, parseHalfYearKey, ymdFromDay } from './dates.js';
import type { History } from './history.js';
import type { Invoice } from './invoice.js';
import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { MissingRateError } from './penalty.js';
import type { RateTable } from './rates.js';
import { ratesFor } from './rates.js';
import { carriedHalfYears, carriedRatesWarning, howToConfirm, ratesOrCarried } from './carried-rates.js';
import type { Policy } from './policy.js';
import { stepsFor } from './policy.js';
import { nextStep } from './plan.js';
import { prescriptionOf } from './prescription.js';

/** Something is still claimed: a balance on an invoice that is not cancelled. */
export function isClaimed(claim: Claim): boolean {
  return claim.balance > 0 && claim.status !== 'cancelled' && claim.status !== 'paid';
}

/**
 * The latest due date art. L441-10 I C. com. allows between businesses: 60 days from the
 * invoice date, or 45 days end of month read either way (invoice date + 45 days then the
 * end of that month, relance's default; or the end of the invoice month + 45 days).
 * Terms are only "beyond the limit" when they are beyond every reading.
 */
export function latestLegalDueDate(issueDate: Day): Day {
  return Math.max(issueDate + 60, endOfMonth(issueDate + 45), endOfMonth(issueDate) + 45);
}

export function termsBeyondLimitIssue(invoice: Invoice): Issue | null {
  if (invoice.clientType !== 'b2b' || invoice.issueDate === null) return null;
  const latest = latestLegalDueDate(invoice.issueDate);
  if (invoice.dueDate <= latest) return null;
  return warning(
    invoice.source.file,
    invoice.source.line,
    'due_date',
    `${invoice.number} is due ${invoice.dueDate - invoice.issueDate} days after its invoice date (${formatIsoDay(invoice.issueDate)} → ${formatIsoDay(invoice.dueDate)}): beyond the legal limit between businesses, 60 days from the invoice date or 45 days end of month, here ${formatIsoDay(latest)} at the latest (art. L441-10 I C. com.)`,
    'check the due date; if it is right, agree shorter terms with this client',
  );
}

const LIMITATION_LAW = { b2b: '5 years from the due date, art. L110-4 C. com.', b2c: '2 years from the due date, art. L218-2 C. conso.' } as const;

/** Warns in the 6 months before the claim is time-barred, and once it is. */
export function prescriptionIssue(invoice: Invoice, today: Day): Issue | null {
  const { limit, state } = prescriptionOf(invoice.clientType, invoice.dueDate, today);
  const law = LIMITATION_LAW[invoice.clientType];
  if (state === 'near') {
    const days = limit - today;
    return warning(
      invoice.source.file,
      invoice.source.line,
      'due_date',
      `${invoice.number} can be claimed in court until ${formatIsoDay(limit)} (${law}), ${days} day${days === 1 ? '' : 's'} from now`,
      'a reminder does not stop the clock: only a claim in court (e.g. an injonction de payer) or the client’s acknowledgement of the debt does (art. 2240–2241 C. civ.)',
    );
  }
  if (state === 'past') {
    return warning(
      invoice.source.file,
      invoice.source.line,
      'due_date',
      `${invoice.number} has been time-barred since ${formatIsoDay(limit + 1)} (${law})`,
      'a court would dismiss the claim; the client may still pay of their own accord (set its status to cancelled to stop the reminders)',
    );
  }
  return null;
}

/** An open invoice with no address while e-mail steps are still to come: `send` will stop on it. */
export function missingEmailIssue(invoice: Invoice, policy: Policy, history: History, today: Day): Issue | null {
  if (invoice.emails.length > 0) return null;
  const next = nextStep(invoice, policy, history, today);
  if (next === null) return null;
  const steps = stepsFor(policy, invoice);
  const from = steps.findIndex((s) => s.id === next.step.id);
  const email = steps.slice(Math.max(from, 0)).find((s) => s.channel === 'email');
  if (!email) return null;
  const when = email.id !== next.step.id ? 'is still to come' : next.date <= today ? 'is due now' : `is due on ${formatIsoDay(next.date)}`;
  return warning(
    invoice.source.file,
    invoice.source.line,
    'email',
    `${invoice.number} has no e-mail address, and its e-mail step "${email.id}" ${when}`,
    'add the client’s address: relance send stops with an error when an e-mail step is due for an invoice without one',
  );
}

/**
 * Missing rates, one error per half-year (the fix is one line in a rates file), on the
 * first invoice that needs it, counting the others.
 */
export class MissingRates {
  private readonly byHalfYear = new Map<string, { invoice: Invoice; message: string; hint: string; count: number }>();

  add(invoice: Invoice, e: MissingRateError): void {
    const seen = this.byHalfYear.get(e.halfYear);
    if (seen) seen.count += 1;
    else this.byHalfYear.set(e.halfYear, { invoice, message: e.reason, hint: e.hint, count: 1 });
  }

  issues(): Issue[] {
    return [...this.byHalfYear.values()].map(({ invoice, message, hint, count }) => {
      const others = count > 1 ? ` (and ${count - 1} other invoice${count > 2 ? 's' : ''})` : '';
      return error(invoice.source.file, invoice.source.line, 'due_date', `${invoice.number}: ${message}${others}`, hint);
    });
  }
}

/**
 * What `check` says of the rate tables: each half-year up to today whose rates are carried
 * forward (and any other provisional rate the claims used), and from 1 December or 1 June
 * the coming half-year the tables do not have yet. Warnings only: a cron never stops on it.
 */
export function rateTableIssues(table: RateTable, today: Day, used: Iterable<string>, where: { file: string; line?: number; field?: string }): Issue[] {
  const sentences = new Set<string>();
  for (const key of carriedHalfYears(table, halfYearOf(today))) {
    const halfYear = parseHalfYearKey(key)!;
    sentences.add(carriedRatesWarning(halfYear, ratesOrCarried(table, halfYear)!));
  }
  for (const sentence of used) sentences.add(sentence);
  const issues = [...sentences].map((s) => warning(where.file, where.line, where.field, s));
  const coming = comingHalfYearIssue(table, today, where);
  if (coming) issues.push(coming);
  return issues;
}

function comingHalfYearIssue(table: RateTable, today: Day, where: { file: string; line?: number; field?: string }): Issue | null {
  const { month } = ymdFromDay(today);
  if (month !== 6 && month !== 12) return null;
  const next = nextHalfYear(halfYearOf(today));
  if (ratesFor(table, next) !== null) return null;
  const carried = ratesOrCarried(table, next);
  if (carried?.carriedFrom === undefined) return null;
  const days = halfYearStart(next) - today;
  const key = halfYearKey(next);
  return warning(
    where.file,
    where.line,
    where.field,
    `${key} starts in ${days} day${days === 1 ? '' : 's'} and is not in the rate tables: from 1 ${next.half === 1 ? 'January' : 'July'} its rates will be carried forward from ${carried.carriedFrom} and marked provisional`,
    `confirm them once they are published: ${howToConfirm(next)}`,
  );
}
