// Limitation (prescription) of the claim: 5 years between businesses (art. L110-4 C. com.),
// 2 years against a consumer (art. L218-2 C. conso.), and for a public buyer the
// "déchéance quadriennale" (loi n° 68-1250 of 31 Dec 1968): 4 years from the 1 January after
// the year the debt arose. Between businesses and against a consumer a reminder does not
// interrupt it; a written claim to a public buyer does (art. 2 of that law).

import type { Day } from './dates.js';
import { addMonths, addYears, dayFromYmd, formatIsoDay, ymdFromDay } from './dates.js';
import type { ClientType, DueDateSource, Invoice } from './invoice.js';

export const PRESCRIPTION_YEARS: Readonly<Record<ClientType, number>> = { b2b: 5, b2c: 2, public: 4 };
/** relance warns this long before the limit. */
export const PRESCRIPTION_NEAR_MONTHS = 6;

export type PrescriptionState = 'ok' | 'near' | 'past';

/** What the limitation runs from. */
export type LimitationStart = 'due-date' | 'delivery-date' | 'invoice-date';

export interface Prescription {
  /** The last day on which the action can still be brought. */
  limit: Day;
  state: PrescriptionState;
  /** The day it runs from, and which date that is. */
  start: Day;
  from: LimitationStart;
}

/** What the limitation depends on; an invoice without `dueDateSource` had its due date agreed. */
export type LimitationFacts = Pick<Invoice, 'clientType' | 'dueDate'> & Partial<Pick<Invoice, 'dueDateSource' | 'deliveryDate' | 'issueDate'>>;

/** Terms in the file (a due date, or payment terms): agreed (art. 2233 3° C. civ.). */
export function termsAgreed(source: DueDateSource | undefined): boolean {
  return source === undefined || source === 'file' || source === 'file-terms';
}

/**
 * Where the limitation starts. Agreed terms: at the due date (art. 2233 3° C. civ.).
 * Nothing agreed in the file: the courts start it at the delivery or the completion of the
 * work (Cass. com. 26 Feb 2020 n° 18-25.036; Cass. 1re civ. 19 May 2021 n° 20-12.520) —
 * relance takes the earlier of the delivery and invoice dates, the earlier plausible start.
 */
export function limitationStart(facts: LimitationFacts): { start: Day; from: LimitationStart } {
  if (termsAgreed(facts.dueDateSource)) return { start: facts.dueDate, from: 'due-date' };
  const delivery = facts.deliveryDate ?? null;
  const issue = facts.issueDate ?? null;
  if (delivery !== null && (issue === null || delivery <= issue)) return { start: delivery, from: 'delivery-date' };
  if (issue !== null) return { start: issue, from: 'invoice-date' };
  return { start: facts.dueDate, from: 'due-date' };
}

/**
 * The limit is the start + N years, same day of the month (31 → 28/29 February when the
 * month is shorter): the term starts the day after and expires at the end of its last day
 * (art. 2229 C. civ., 641 CPC), so the limit day itself is still in time: 'past' only from
 * the day after it. A public buyer's is the 31 December of the fourth year after the start's,
 * moved on by each written claim made in time (`writtenClaims`: e-mails and letters sent).
 * 'near' in the 6 months up to the limit.
 */
export function prescriptionOf(facts: LimitationFacts, today: Day, writtenClaims: readonly Day[] = []): Prescription {
  const { start, from } = limitationStart(facts);
  let limit: Day;
  if (facts.clientType === 'public') {
    limit = quadrennialLimit(start);
    for (const claim of [...writtenClaims].sort((a, b) => a - b)) if (claim <= limit) limit = Math.max(limit, quadrennialLimit(claim));
  } else {
    limit = addYears(start, PRESCRIPTION_YEARS[facts.clientType]);
  }
  const state = today > limit ? 'past' : today >= addMonths(limit, -PRESCRIPTION_NEAR_MONTHS) ? 'near' : 'ok';
  return { limit, state, start, from };
}

/** 4 years from the 1 January after `day`'s year: the 31 December of year + 4. */
function quadrennialLimit(day: Day): Day {
  return dayFromYmd(ymdFromDay(day).year + 4, 12, 31);
}

/** `5 years from the due date, art. L110-4 C. com.`, or from the delivery date when nothing was agreed. */
export function limitationRule(clientType: ClientType, p: Pick<Prescription, 'start' | 'from'>): string {
  const date = p.from === 'due-date' ? 'the due date' : `the ${p.from === 'delivery-date' ? 'delivery' : 'invoice'} date ${formatIsoDay(p.start)}`;
  const from = p.from === 'due-date' ? `from ${date}` : `from ${date}, no payment term being agreed in the file`;
  switch (clientType) {
    case 'b2b':
      return `5 years ${from}, art. L110-4 C. com.`;
    case 'b2c':
      return `2 years ${from}, art. L218-2 C. conso.`;
    case 'public':
      return `4 years from the 1 January after the year of ${date}, each written claim starting them again: déchéance quadriennale, loi n° 68-1250`;
  }
}
