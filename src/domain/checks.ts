// What `relance check` says about each invoice beyond what the loader validates: what the
// law says of it (payment terms, limitation) and what a later `send` will need (an address,
// a rate for every day of delay). Pure: the command reads the files and looks at the disk.

import type { Creditor } from './creditor.js';
import { PLACEHOLDERS } from './creditor.js';
import type { Day } from './dates.js';
import { endOfMonth, formatIsoDay, halfYearKey, halfYearOf, halfYearStart, nextHalfYear, parseHalfYearKey, ymdFromDay } from './dates.js';
import type { History } from './history.js';
import type { Invoice } from './invoice.js';
import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { RateTable } from './rates.js';
import { ratesFor } from './rates.js';
import { carriedHalfYears, carriedRatesWarning, howToConfirm, ratesOrCarried } from './carried-rates.js';
import type { Policy } from './policy.js';
import { stepsFor } from './policy.js';
import { nextStep } from './plan.js';
import { limitationRule } from './prescription.js';
import { limitationOf } from './invoice-state.js';
import { emptyHistory } from './history.js';
import { letterAddressProblems } from './letter-address.js';
import type { SendCalendar } from './send-calendar.js';
import { LEGAL_TERM_DAYS } from './payment-terms.js';

/**
 * The latest due date art. L441-10 I C. com. allows between businesses: 60 days from the
 * invoice date, or 45 days end of month read either way (invoice date + 45 days then the
 * end of that month, relance's default; or the end of the invoice month + 45 days).
 * Terms are only "beyond the limit" when they are beyond every reading.
 */
export function latestLegalDueDate(issueDate: Day): Day {
  return Math.max(issueDate + 60, endOfMonth(issueDate + 45), endOfMonth(issueDate) + 45);
}

/** The latest due date an invoice's terms may reach, and the rule that says so; null when none can be worked out. */
export interface TermsCap {
  latest: Day;
  /** Which date the days are counted from, in words: `invoice date`, `delivery date`. */
  from: string;
  start: Day;
  rule: string;
}

/** End of the ten-day period (décade: 1–10, 11–20, 21–end of month) a day falls in. */
function endOfDecade(day: Day): Day {
  const { day: d } = ymdFromDay(day);
  return d <= 10 ? day + (10 - d) : d <= 20 ? day + (20 - d) : endOfMonth(day);
}

/**
 * The cap on an invoice's terms: a public buyer's (30 days from the payment request, 50 for
 * a public health establishment: R2192-10, R2192-11 C. commande publique), a sector's
 * (L441-10 I for periodic invoices, L441-11 II for transport and food), else 60 days or 45
 * days end of month (L441-10 I). A delivery date missing, the invoice date stands in.
 */
export function termsCap(invoice: Invoice): TermsCap | null {
  if (invoice.clientType === 'b2c') return null;
  const issue = invoice.issueDate;
  const delivered = invoice.deliveryDate ?? issue;
  const deliveryWord = invoice.deliveryDate !== null ? 'delivery date' : 'invoice date, standing in for the delivery date';
  const at = (start: Day | null, word: string, latest: (d: Day) => Day, rule: string): TermsCap | null =>
    start === null ? null : { start, from: word, latest: latest(start), rule };
  if (invoice.clientType === 'public') {
    const health = invoice.sector === 'public-health';
    const days = health ? LEGAL_TERM_DAYS.publicHealth : LEGAL_TERM_DAYS.public;
    return at(issue, 'invoice date', (d) => d + days, `${days} days from the payment request for a public buyer${health ? ' (a public health establishment)' : ''} (art. ${health ? 'R2192-11' : 'R2192-10'} C. commande publique)`);
  }
  switch (invoice.sector) {
    case 'periodic':
      return at(issue, 'invoice date', (d) => d + 45, 'the limit for a periodic invoice, 45 days from its date (art. L441-10 I C. com.)');
    case 'transport':
      return at(issue, 'invoice date', (d) => d + 30, 'the limit for road transport, vehicle rental, transport commission, freight forwarding and customs brokerage, 30 days from the invoice date (art. L441-11 II 5° C. com.)');
    case 'perishable':
      return at(delivered, deliveryWord, (d) => d + 30, 'the limit for perishable food, 30 days after delivery (art. L441-11 II 1° C. com.)');
    case 'perishable-periodic':
      return at(delivered, deliveryWord, (d) => endOfDecade(d) + 30, 'the limit for perishable food on a periodic invoice, 30 days after the end of the ten-day period of delivery (art. L441-11 II 1° b C. com.)');
    case 'livestock':
      return at(delivered, deliveryWord, (d) => d + 20, 'the limit for livestock for slaughter and fresh meat, 20 days after the day of delivery (art. L441-11 II 2° C. com.)');
    case 'alcohol':
      return at(delivered, deliveryWord, (d) => endOfMonth(d) + 30, 'the limit for alcoholic drinks subject to excise duties, 30 days after the end of the month of delivery (art. L441-11 II 3° C. com.)');
    default:
      return at(issue, 'invoice date', latestLegalDueDate, 'the legal limit between businesses, 60 days from the invoice date or 45 days end of month');
  }
}

export function termsBeyondLimitIssue(invoice: Invoice): Issue | null {
  const cap = termsCap(invoice);
  if (cap === null || invoice.dueDate <= cap.latest) return null;
  const general = invoice.clientType === 'b2b' && (invoice.sector === null || invoice.sector === 'public-health');
  const law = general ? `, here ${formatIsoDay(cap.latest)} at the latest (art. L441-10 I C. com.)` : `: ${formatIsoDay(cap.latest)} at the latest`;
  return warning(
    invoice.source.file,
    invoice.source.line,
    'due_date',
    `${invoice.number} is due ${invoice.dueDate - cap.start} days after its ${cap.from} (${formatIsoDay(cap.start)} → ${formatIsoDay(invoice.dueDate)}): beyond ${cap.rule}${law}`,
    'check the due date; if it is right, agree shorter terms with this client',
  );
}

/** Warns in the 6 months before the claim is time-barred, and once it is. */
export function prescriptionIssue(invoice: Invoice, today: Day, history: History = emptyHistory(invoice.number)): Issue | null {
  const limitation = limitationOf(invoice, history, today);
  const { limit, state } = limitation;
  const law = limitationRule(invoice.clientType, limitation);
  if (state === 'near') {
    const days = limit - today;
    return warning(
      invoice.source.file,
      invoice.source.line,
      'due_date',
      `${invoice.number} can be claimed in court until ${formatIsoDay(limit)} (${law}), ${days} day${days === 1 ? '' : 's'} from now`,
      invoice.clientType === 'public'
        ? 'a written claim to the buyer (a reminder, a letter) starts the 4 years again from the next 1 January (art. 2, loi n° 68-1250)'
        : 'a reminder does not stop the clock: only a claim in court (e.g. an injonction de payer) or the client’s acknowledgement of the debt does (art. 2240–2241 C. civ.)',
    );
  }
  if (state === 'past') {
    return warning(
      invoice.source.file,
      invoice.source.line,
      'due_date',
      `${invoice.number} has been time-barred since ${formatIsoDay(limit + 1)} (${law})`,
      'a court would dismiss the claim: relance sends no more reminders for it; the client may still pay of their own accord',
    );
  }
  return null;
}

/** An open invoice with no address while e-mail steps are still to come: `send` will skip them. */
export function missingEmailIssue(invoice: Invoice, policy: Policy, history: History, today: Day, calendar?: SendCalendar): Issue | null {
  if (invoice.emails.length > 0) return null;
  const next = nextStep(invoice, policy, history, today, calendar);
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
    'add the client’s address: until then relance send skips its e-mail steps, and says so each run',
  );
}

/**
 * The next step a letter, for an invoice whose client has no postal address (or one
 * the envelope window cannot take): `send` would skip it, so `check` says it beforehand.
 */
export function missingAddressIssue(invoice: Invoice, policy: Policy, history: History, today: Day, calendar?: SendCalendar): Issue | null {
  // Said once the letter is the next step: earlier, the e-mails may still get the invoice paid.
  const next = nextStep(invoice, policy, history, today, calendar);
  if (next === null || next.step.channel !== 'letter') return null;
  const when = next.date <= today ? 'due now' : `due on ${formatIsoDay(next.date)}`;
  const problem = letterAddressProblems(invoice, next.step.id, when)[0];
  if (problem === undefined) return null;
  return warning(invoice.source.file, invoice.source.line, problem.field, problem.message, `${problem.hint}; until then relance send skips the letter, and says so each run`);
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

/** What check says of relance.yaml beyond its syntax: placeholders left by init, no sender. */
export interface ConfigFacts {
  display: string;
  /** null when running on `--invoices` alone. */
  file: string | null;
  creditor: Pick<Creditor, 'name' | 'email'>;
  mailFrom: string | null;
}

export function configRuleIssues(config: ConfigFacts, policy: Policy | null, lineOf: (path: readonly string[]) => number | undefined): Issue[] {
  const issues: Issue[] = [];
  const placeholder = (key: 'name' | 'email', what: string): void => {
    if (config.creditor[key] === PLACEHOLDERS[key]) {
      issues.push(warning(config.display, lineOf(['creditor', key]), `creditor.${key}`, `${JSON.stringify(PLACEHOLDERS[key])} is the placeholder relance init wrote`, what));
    }
  };
  placeholder('name', 'put your company’s name: it signs every reminder');
  placeholder('email', 'put the address your clients should reply to: the e-mails go out from it');
  if (config.file === null) return issues;
  const emailSteps = policy !== null && [policy.steps, ...policy.segments.map((s) => s.steps ?? [])].some((steps) => steps.some((s) => s.channel === 'email'));
  if (emailSteps && !config.mailFrom && !config.creditor.email) {
    issues.push(error(config.display, undefined, 'mail.from', 'no sender address for the e-mails', 'set mail.from (or creditor.email) in relance.yaml'));
  }
  return issues;
}

/** The templates a policy names, segments included: what check loads in each language. */
export function templatesOfPolicy(policy: Policy): string[] {
  const names = new Set<string>();
  const add = (steps: Policy['steps']) => steps.forEach((s) => s.template !== null && names.add(s.template));
  add(policy.steps);
  for (const segment of policy.segments) {
    if (segment.steps) add(segment.steps);
    for (const t of Object.values(segment.templates)) names.add(t);
  }
  return [...names].sort();
}
