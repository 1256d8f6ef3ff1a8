// One line of `.relance/journal.jsonl`, exactly as it is written: the journal is a file
// format that users read and scripts grep, so the type mirrors the JSON (snake_case,
// ISO dates) and one entry concerns one invoice. A grouped email to two invoices writes
// two entries sharing the message id.

import type { Day } from './dates.js';
import { formatIsoDay, parseIsoDay } from './dates.js';
import type { Channel } from './policy.js';
import { CHANNELS } from './policy.js';

export const ENTRY_TYPES = ['intent', 'sent', 'failed', 'bounced', 'issued', 'record'] as const;
/**
 * - `intent`: written (and on disk) before an email is handed to SMTP;
 * - `sent` / `failed`: the outcome, with the Message-ID or the SMTP reply (failed: for now,
 *   tried again next run);
 * - `bounced`: refused for good (a 5xx to the recipient or the data, a message the server
 *   cannot take): `to` the refused addresses, `error` why, `note` "address refused" or
 *   "message refused". E-mail steps to those addresses are passed over (history.ts);
 * - `issued`: `send` listed a call, letter or task step as a to-do;
 * - `record`: a manual event from `relance record`.
 */
export type EntryType = (typeof ENTRY_TYPES)[number];

export const RECORD_EVENTS = ['call', 'letter', 'promise', 'dispute', 'pause', 'resume', 'paid-by-hand', 'sent', 'not-sent', 'retry'] as const;
export type RecordEvent = (typeof RECORD_EVENTS)[number];

export interface JournalEntry {
  readonly type: EntryType;
  /** relance's today (`--today` may simulate it), `YYYY-MM-DD`; for a record, its `--date`. */
  readonly date: string;
  /** Wall clock of the write, ISO 8601 UTC. */
  readonly at: string;
  readonly invoice: string;
  readonly step: string | null;
  readonly channel: Channel | null;
  readonly message_id: string | null;
  readonly subject: string | null;
  readonly to: readonly string[] | null;
  /** The SMTP reply of a failed or bounced send. */
  readonly error: string | null;
  /** Set on `record` entries only. */
  readonly event: RecordEvent | null;
  /** `pause` / `promise --until`: the last day of the pause, `YYYY-MM-DD`. */
  readonly until: string | null;
  readonly note: string | null;
  /** Identifies the `send` run that wrote the entry. */
  readonly run: string | null;
  /** `paid-by-hand --amount`: the part paid, `1234.56`; absent for a payment in full (and on every other entry). */
  readonly amount?: string;
  /** `letter --tracking`: the registered letter's tracking number; absent otherwise. */
  readonly tracking?: string;
  /** `letter --received`: the day the avis de réception was signed, `YYYY-MM-DD`; absent otherwise. */
  readonly received?: string;
}

/** The fields an entry must have; every other one defaults to null. */
export type NewEntry = Pick<JournalEntry, 'type' | 'invoice'> & { date: Day | string; at: Date | string } & Partial<Omit<JournalEntry, 'type' | 'invoice' | 'date' | 'at'>>;

/** Builds an entry with every field present (null when not given), in the file's key order. */
export function journalEntry(fields: NewEntry): JournalEntry {
  return {
    type: fields.type,
    date: typeof fields.date === 'number' ? formatIsoDay(fields.date) : fields.date,
    at: typeof fields.at === 'string' ? fields.at : fields.at.toISOString(),
    invoice: fields.invoice,
    step: fields.step ?? null,
    channel: fields.channel ?? null,
    message_id: fields.message_id ?? null,
    subject: fields.subject ?? null,
    to: fields.to ?? null,
    error: fields.error ?? null,
    event: fields.event ?? null,
    until: fields.until ?? null,
    note: fields.note ?? null,
    run: fields.run ?? null,
    ...(fields.amount === undefined ? {} : { amount: fields.amount }),
    ...(fields.tracking === undefined ? {} : { tracking: fields.tracking }),
    ...(fields.received === undefined ? {} : { received: fields.received }),
  };
}

/** One line of the journal, without its newline. Keys always come in the same order. */
export function serializeEntry(entry: JournalEntry): string {
  return JSON.stringify(journalEntry(entry));
}

export interface EntryProblem {
  field: string | undefined;
  message: string;
  hint: string;
}

const STEP_TYPES: ReadonlySet<EntryType> = new Set(['intent', 'sent', 'failed', 'bounced', 'issued']);

/**
 * Checks one parsed line. Unknown keys are ignored (a newer relance may add some);
 * missing optional ones read as null.
 */
export function parseEntry(raw: unknown): { entry: JournalEntry } | { problem: EntryProblem } {
  const problem = (field: string | undefined, message: string, hint: string) => ({ problem: { field, message, hint } });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return problem(undefined, `the line is not a JSON object: ${JSON.stringify(raw)}`, 'each line of the journal is one {...} object');
  }
  const o = raw as Record<string, unknown>;
  if (!(ENTRY_TYPES as readonly unknown[]).includes(o.type)) {
    return problem('type', `unknown entry type ${JSON.stringify(o.type ?? null)}`, `the types are: ${ENTRY_TYPES.join(', ')}`);
  }
  const type = o.type as EntryType;
  if (typeof o.date !== 'string' || parseIsoDay(o.date) === null) {
    return problem('date', `date ${JSON.stringify(o.date ?? null)} is not a date`, 'write it as YYYY-MM-DD');
  }
  if (typeof o.at !== 'string') {
    return problem('at', `at ${JSON.stringify(o.at ?? null)} is not a time stamp`, 'write it as 2026-11-22T07:00:03.120Z');
  }
  if (typeof o.invoice !== 'string' || o.invoice === '') {
    return problem('invoice', `invoice ${JSON.stringify(o.invoice ?? null)} is not an invoice number`, 'every entry names its invoice');
  }
  for (const key of ['step', 'message_id', 'subject', 'error', 'note', 'run'] as const) {
    if (o[key] !== undefined && o[key] !== null && typeof o[key] !== 'string') {
      return problem(key, `${key} ${JSON.stringify(o[key])} is not text`, `write a string or null`);
    }
  }
  if (STEP_TYPES.has(type) && typeof o.step !== 'string') {
    return problem('step', `an "${type}" entry has no step`, 'name the policy step it concerns');
  }
  if (o.channel !== undefined && o.channel !== null && !(CHANNELS as readonly unknown[]).includes(o.channel)) {
    return problem('channel', `unknown channel ${JSON.stringify(o.channel)}`, `the channels are: ${CHANNELS.join(', ')}`);
  }
  if (o.to !== undefined && o.to !== null && !(Array.isArray(o.to) && o.to.every((t) => typeof t === 'string'))) {
    return problem('to', `to ${JSON.stringify(o.to)} is not a list of addresses`, 'write ["a@example.com"] or null');
  }
  if (type === 'record') {
    if (!(RECORD_EVENTS as readonly unknown[]).includes(o.event)) {
      return problem('event', `unknown event ${JSON.stringify(o.event ?? null)}`, `the events are: ${RECORD_EVENTS.join(', ')}`);
    }
  } else if (o.event !== undefined && o.event !== null) {
    return problem('event', `an "${type}" entry carries event ${JSON.stringify(o.event)}`, 'only record entries have an event');
  }
  if (o.until !== undefined && o.until !== null && (typeof o.until !== 'string' || parseIsoDay(o.until) === null)) {
    return problem('until', `until ${JSON.stringify(o.until)} is not a date`, 'write it as YYYY-MM-DD');
  }
  if (o.amount !== undefined && o.amount !== null && (typeof o.amount !== 'string' || !/^\d{1,12}\.\d{2}$/.test(o.amount))) {
    return problem('amount', `amount ${JSON.stringify(o.amount)} is not an amount`, 'write it as "1234.56"');
  }
  if (o.tracking !== undefined && o.tracking !== null && typeof o.tracking !== 'string') {
    return problem('tracking', `tracking ${JSON.stringify(o.tracking)} is not text`, 'write the tracking number as a string');
  }
  if (o.received !== undefined && o.received !== null && (typeof o.received !== 'string' || parseIsoDay(o.received) === null)) {
    return problem('received', `received ${JSON.stringify(o.received)} is not a date`, 'write it as YYYY-MM-DD');
  }
  return {
    entry: journalEntry({
      type,
      date: o.date,
      at: o.at,
      invoice: o.invoice,
      step: (o.step as string | null | undefined) ?? null,
      channel: (o.channel as Channel | null | undefined) ?? null,
      message_id: (o.message_id as string | null | undefined) ?? null,
      subject: (o.subject as string | null | undefined) ?? null,
      to: (o.to as string[] | null | undefined) ?? null,
      error: (o.error as string | null | undefined) ?? null,
      event: (o.event as RecordEvent | null | undefined) ?? null,
      until: (o.until as string | null | undefined) ?? null,
      note: (o.note as string | null | undefined) ?? null,
      run: (o.run as string | null | undefined) ?? null,
      ...(typeof o.amount === 'string' ? { amount: o.amount } : {}),
      ...(typeof o.tracking === 'string' ? { tracking: o.tracking } : {}),
      ...(typeof o.received === 'string' ? { received: o.received } : {}),
    }),
  };
}

/** Every entry, grouped by invoice number, each group in file order. */
export function groupByInvoice(entries: readonly JournalEntry[]): Map<string, JournalEntry[]> {
  const groups = new Map<string, JournalEntry[]>();
  for (const e of entries) {
    const group = groups.get(e.invoice);
    if (group) group.push(e);
    else groups.set(e.invoice, [e]);
  }
  return groups;
}
