// What `relance record` says once a line is written: what was recorded, what it changes
// in the reminder cycle, and the next step with its day.

import { noticeDateOf } from './claim.js';
import type { Day } from './dates.js';
import { formatFrenchDay, parseIsoDay } from './dates.js';
import type { History } from './history.js';
import type { Invoice } from './invoice.js';
import { knownBalance } from './invoice-state.js';
import { nextStepView } from './invoice-summary.js';
import { formatEurosFr, parseAmount } from './money.js';
import type { JournalEntry } from './journal-entry.js';
import type { Policy } from './policy.js';
import { DEFAULT_DEADLINE_DAYS, stepsFor } from './policy.js';
import type { SendCalendar } from './send-calendar.js';

/**
 * One line: what was recorded, what it changes in the reminder cycle, and the next
 * step with its day, from the history with the new entry.
 */
/** The days a formal notice gives to pay: its letter step's deadline_days, or the first letter step's, or 8. */
export function noticeDeadlineDays(policy: Policy, invoice: Invoice, step: string | null): number {
  const letters = stepsFor(policy, invoice).filter((s) => s.channel === 'letter');
  return (letters.find((s) => s.id === step) ?? letters[0])?.deadlineDays ?? DEFAULT_DEADLINE_DAYS;
}

export function confirmation(entry: JournalEntry, invoice: Invoice, policy: Policy, after: History, today: Day, calendar?: SendCalendar): string {
  const n = entry.invoice;
  const on = formatFrenchDay(parseIsoDay(entry.date)!);
  const until = entry.until === null ? null : parseIsoDay(entry.until);
  const resume = `"relance record ${n} resume"`;
  const effects: string[] = [];
  let what: string;
  switch (entry.event) {
    case 'call':
      what = `call recorded on ${on}`;
      if (entry.step !== null) effects.push(`step ${entry.step} done`);
      break;
    case 'letter': {
      what = `letter recorded on ${on}`;
      // The formal notice that starts B2C interest is the first one, the file's or the journal's.
      const notice = noticeDateOf(invoice, after);
      if (invoice.clientType === 'b2c') effects.push(`formal notice: B2C interest runs from ${formatFrenchDay(notice! + 1)}`);
      else effects.push(`formal notice (B2B: interest has run since ${formatFrenchDay(invoice.dueDate + 1)}, the day after the due date)`);
      if (entry.tracking !== undefined) effects.push(`tracking ${entry.tracking}`);
      const proof = after.notice;
      if (proof !== null && proof.receivedOn !== null) {
        const days = noticeDeadlineDays(policy, invoice, proof.step);
        effects.push(`received on ${formatFrenchDay(proof.receivedOn)}: the ${days} days to pay run to ${formatFrenchDay(proof.receivedOn + days)}`);
      } else if (entry.tracking !== undefined) effects.push(`once the avis de réception is back: relance record ${n} letter --received DATE`);
      if (entry.step !== null) effects.push(`step ${entry.step} done`);
      break;
    }
    case 'promise':
      what = until === null ? `promise to pay recorded on ${on}` : `promise to pay by ${formatFrenchDay(until)} recorded on ${on}`;
      effects.push(until === null ? `the next reminder waits ${policy.minGapDays} days (min_gap_days)` : `reminders resume on ${formatFrenchDay(until + 1)}`);
      break;
    case 'pause':
      what = until === null ? `pause recorded on ${on}` : `pause until ${formatFrenchDay(until)} recorded on ${on}`;
      effects.push(until === null ? `no reminders until ${resume}` : `reminders resume on ${formatFrenchDay(until + 1)}`);
      break;
    case 'dispute':
      what = `dispute recorded on ${on}`;
      effects.push(`no reminders until ${resume}`);
      break;
    case 'resume':
      what = `resume recorded on ${on}`;
      break;
    case 'paid-by-hand':
      if (entry.amount !== undefined) {
        const cents = parseAmount(entry.amount) ?? 0;
        what = `payment by hand of ${formatEurosFr(cents)} recorded on ${on}`;
        const left = knownBalance(invoice, after);
        effects.push(left > 0 ? `${formatEurosFr(left)} left to pay (${resume} undoes it)` : `nothing left to pay: no more reminders (${resume} undoes it)`);
        break;
      }
      what = `payment by hand recorded on ${on}`;
      effects.push(`marked paid: no more reminders, interest stops on ${on} (${resume} undoes it)`);
      break;
    case 'sent':
      what = `${entry.step} recorded as sent on ${on}`;
      effects.push('step done');
      break;
    case 'not-sent':
      what = `${entry.step} recorded as not sent`;
      effects.push('the next send does it again');
      break;
    case 'retry':
      what = `retry recorded on ${on}`;
      effects.push('the e-mail steps come back for the addresses refused before');
      break;
    default:
      what = `${entry.event ?? 'record'} recorded on ${on}`;
  }
  const next = nextStepView(invoice, policy, after, today, calendar);
  // A hold says itself in the effects; a closed invoice or a finished policy does not.
  if (next.none === null) effects.push(`next step ${next.text}`);
  else if (next.none !== 'held' || entry.event === 'resume' || entry.event === 'promise') effects.push(`next step ${next.text}`);
  return `${n}: ${what}${effects.length > 0 ? ` — ${effects.join('; ')}` : ''}`;
}
