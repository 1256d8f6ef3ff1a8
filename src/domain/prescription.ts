// Limitation (prescription) of the claim: 5 years between businesses (art. L110-4 C. com.),
// 2 years against a consumer (art. L218-2 C. conso.), both from the due date. A reminder
// does not interrupt it.

import type { Day } from './dates.js';
import { addMonths, addYears } from './dates.js';
import type { ClientType } from './invoice.js';

export const PRESCRIPTION_YEARS: Readonly<Record<ClientType, number>> = { b2b: 5, b2c: 2 };
/** relance warns this long before the limit. */
export const PRESCRIPTION_NEAR_MONTHS = 6;

export type PrescriptionState = 'ok' | 'near' | 'past';

export interface Prescription {
  /** The last day on which the action can still be brought. */
  limit: Day;
  state: PrescriptionState;
}

/**
 * The limit is the due date + N years, same day of the month (31 → 28/29 February when
 * the month is shorter): the term starts the day after the due date and expires at the
 * end of its last day (art. 2229 C. civ., 641 CPC). So the limit day itself is still in
 * time: 'past' only from the day after it. 'near' in the 6 months up to the limit.
 */
export function prescriptionOf(regime: ClientType, dueDate: Day, today: Day): Prescription {
  const limit = addYears(dueDate, PRESCRIPTION_YEARS[regime]);
  if (today > limit) return { limit, state: 'past' };
  if (today >= addMonths(limit, -PRESCRIPTION_NEAR_MONTHS)) return { limit, state: 'near' };
  return { limit, state: 'ok' };
}
