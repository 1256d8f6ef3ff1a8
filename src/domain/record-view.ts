// What a reader hands the validator, whatever the container (CSV, YAML, and the next
// ones): one record's text field by field, with the line each was read on. A tabular
// reader moves one view along its rows (no object per row); a YAML entry gets its own.

import type { BalancesAsOf } from './invoice.js';
import type { InvoiceField } from './invoice-fields.js';

/** One field's text and the line it was read on. */
export interface RawField {
  text: string;
  line: number;
}

export interface RawPayment {
  date: RawField | undefined;
  amount: RawField | undefined;
  line: number;
}

export interface RawInvoice {
  line: number;
  fields: Partial<Record<InvoiceField, RawField>>;
  /** A YAML invoice's `payments:` list. */
  payments?: RawPayment[];
  /** A snapshot's day (a FEC's records): carried onto the invoice. */
  balancesAsOf?: BalancesAsOf;
}

/**
 * One record as the validator reads it: the text of each field and the line it is on.
 * The CSV reader moves one view along its rows (no object per row); a YAML entry gets
 * its own.
 */
export interface RecordView {
  readonly line: number;
  /** The field's text as written ('' when absent). */
  text(field: InvoiceField): string;
  lineOf(field: InvoiceField): number;
  readonly payments?: readonly RawPayment[] | undefined;
  /** The day the file's balances stand on, when it is a snapshot (a FEC). */
  readonly balancesAsOf?: BalancesAsOf | undefined;
}

export function rawInvoiceView(raw: RawInvoice): RecordView {
  return {
    line: raw.line,
    text: (field) => raw.fields[field]?.text ?? '',
    lineOf: (field) => raw.fields[field]?.line ?? raw.line,
    payments: raw.payments,
    balancesAsOf: raw.balancesAsOf,
  };
}

/** Trims only when there is something to trim: most fields have nothing. */
export function trim(text: string): string {
  if (text === '') return text;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first <= 32 || last <= 32 || first === 0xa0 || last === 0xa0 ? text.trim() : text;
}
