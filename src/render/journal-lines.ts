// The journal as people read it: what each line says in a word or two and in detail,
// and where one invoice's cycle stands (`relance log INVOICE`), as lines and as JSON.

import type { ChalkInstance } from 'chalk';
import type { Day } from '../domain/dates.js';
import { formatFrenchDay, formatIsoDay, parseIsoDay } from '../domain/dates.js';
import type { InvoiceSummary } from '../domain/invoice-summary.js';
import type { JournalEntry } from '../domain/journal-entry.js';
import { formatEurosFr, parseAmount } from '../domain/money.js';
import { clip } from './text-table.js';
import { NOT_THE_ARCHIVE, lookUpPlaces } from './uncertain-steps.js';
import { visible } from './visible.js';

export interface LogLine {
  entry: JournalEntry;
  /** An intent that has no outcome (yet): the message may or may not have gone out. */
  uncertain: boolean;
}

/** What happened, in a word or two. */
export function whatOf(line: LogLine): string {
  const { entry } = line;
  if (entry.type === 'intent') return line.uncertain ? 'UNCERTAIN' : 'intent';
  if (entry.type !== 'record') return entry.type;
  if (entry.event === 'sent') return 'confirmed sent';
  if (entry.event === 'not-sent') return 'not sent';
  return entry.event ?? 'record';
}

/** The subject, the note or the SMTP error: whichever says most about the line. */
export function detailsOf(entry: JournalEntry): string {
  const parts: string[] = [];
  if (entry.until !== null) {
    const until = parseIsoDay(entry.until);
    parts.push(`until ${until === null ? entry.until : formatFrenchDay(until)}`);
  }
  if (entry.amount !== undefined) parts.push(`${formatEurosFr(parseAmount(entry.amount) ?? 0)} paid`);
  if (entry.tracking !== undefined) parts.push(`tracking ${entry.tracking}`);
  if (entry.received !== undefined) {
    const received = parseIsoDay(entry.received);
    parts.push(`received ${received === null ? entry.received : formatFrenchDay(received)}`);
  }
  if ((entry.type === 'failed' || entry.type === 'bounced') && entry.error !== null) parts.push(entry.error);
  else if (entry.subject !== null && entry.type !== 'record') parts.push(entry.subject);
  if (entry.note !== null) parts.push(entry.note);
  return parts.join(' · ');
}


/** The state in words: every fact that holds, the most important first, one a line. */
function stateFacts(s: InvoiceSummary, bcc: string | null): string[] {
  const h = s.history;
  const resume = `"relance record ${s.invoice} resume"`;
  const facts: string[] = [];
  if (s.state === 'cancelled' || s.state === 'insolvency') facts.push(`${s.state} (invoice file)`);
  if (s.state === 'time-barred') facts.push('time-barred: out of the reminder cycle (the next step says since when)');
  for (const p of h.handPayments) facts.push(`${formatEurosFr(p.amount)} paid by hand on ${formatFrenchDay(p.date ?? 0)} (${resume} undoes it)`);
  if (h.paidByHand !== null) facts.push(`paid by hand on ${formatFrenchDay(h.paidByHand)} (${resume} undoes it)`);
  else if (s.state === 'paid') facts.push('paid');
  if (h.disputedSince !== null) facts.push(`disputed since ${formatFrenchDay(h.disputedSince)}: no reminders until ${resume}`);
  else if (s.state === 'disputed') facts.push('disputed (invoice file)');
  if (s.pause !== null) {
    facts.push(s.pause.through === null ? `paused until ${resume}` : `paused until ${formatFrenchDay(s.pause.through)}: reminders resume on ${formatFrenchDay(s.pause.through + 1)}`);
  }
  if (h.uncertain.length > 0) {
    const steps = h.uncertain.map((u) => `${u.step} (${formatFrenchDay(u.date)})`).join(', ');
    const which = h.uncertain.length === 1 ? '' : ' --step ID';
    facts.push(
      `UNCERTAIN: ${steps} may not have gone out`,
      ...h.uncertain.map((u) => `  ${u.step}: Message-ID ${u.messageId ?? '(unknown)'}`),
      `  look for ${h.uncertain.length === 1 ? 'it' : 'each'} in ${lookUpPlaces(bcc)} (${NOT_THE_ARCHIVE}),`,
      `  then "relance record ${s.invoice} sent${which}" or "not-sent${which}"`,
      ...(h.uncertain.length === 1 ? [] : [`  (all at once: "relance record --uncertain sent --invoice ${s.invoice}", or not-sent)`]),
    );
  }
  for (const b of h.bounces) facts.push(`${b.step} bounced on ${formatFrenchDay(b.date)}: ${b.what} refused${b.error ? ` (${clip(oneLine(b.error), 60)})` : ''}`);
  for (const f of h.failed) facts.push(`${f.step} failed on ${formatFrenchDay(f.date)}${f.error ? ` (${clip(oneLine(f.error), 50)})` : ''}: the next send tries again`);
  return facts.length === 0 ? ['open'] : facts;
}

export function summaryLines(s: InvoiceSummary, c: ChalkInstance, bcc: string | null): string[] {
  const h = s.history;
  const by = { sent: 'sent', issued: 'issued', record: 'recorded' } as const;
  const done = h.done.map((d) => `${d.step} ${formatFrenchDay(d.date)} (${by[d.by]})`).join(', ');
  // The registered letter's proof, as recorded: tracking number and receipt (the deadline to pay runs from it).
  const n = h.notice;
  const proof = n === null || (n.tracking === null && n.receivedOn === null) ? '' : `${n.tracking === null ? '' : `, tracking ${n.tracking}`}, ${n.receivedOn === null ? 'no receipt recorded yet' : `received on ${formatFrenchDay(n.receivedOn)}`}`;
  const notice = s.notice === null ? '–' : `${formatFrenchDay(s.notice)}${proof}${s.b2c ? ` (B2C interest from ${formatFrenchDay(s.notice + 1)})` : ''}`;
  const rows: [string, string[]][] = [
    ['steps done', [done === '' ? '–' : done]],
    ['last action', [h.lastAction === null ? '–' : formatFrenchDay(h.lastAction)]],
    ['state', stateFacts(s, bcc)],
    ['formal notice', [notice]],
    ['next step', [s.next.text]],
  ];
  const label = (text: string): string => `  ${text.padEnd(13)}  `;
  return [
    c.bold(oneLine(s.client === null ? s.invoice : `${s.invoice} · ${s.client}`)),
    ...rows.flatMap(([name, values]) => values.map((v, i) => `${label(i === 0 ? name : '')}${visible(v)}`)),
  ];
}

export function summaryJson(s: InvoiceSummary): Record<string, unknown> {
  const h = s.history;
  const iso = (d: Day | null): string | null => (d === null ? null : formatIsoDay(d));
  return {
    invoice: s.invoice,
    client: s.client,
    state: s.state,
    steps_done: h.done.map((d) => ({ step: d.step, date: formatIsoDay(d.date), by: d.by })),
    last_action: iso(h.lastAction),
    disputed_since: iso(h.disputedSince),
    paused: s.pause === null ? null : { until: iso(s.pause.through) },
    paid_by_hand: iso(h.paidByHand),
    uncertain: h.uncertain.map((u) => ({ step: u.step, date: formatIsoDay(u.date) })),
    failed: h.failed.map((f) => ({ step: f.step, date: formatIsoDay(f.date), error: f.error })),
    bounced: h.bounces.map((b) => ({ step: b.step, date: formatIsoDay(b.date), to: b.to, what: b.what, error: b.error })),
    notice_date: iso(s.notice),
    next_step: s.next.step,
    next_date: iso(s.next.date),
  };
}

/** A journal value on one line, its control characters made visible. */
export function oneLine(text: string): string {
  return visible(text.replace(/\s+/g, ' ').trim());
}
