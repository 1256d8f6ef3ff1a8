// A table's header line matched to the invoice fields, whatever container the table came
// in (CSV today, a workbook's sheet next): each column's field by its name (the
// vocabulary, or the config's `columns:`), one column per field, and the required ones
// there. Pure; shared by every tabular reader.

import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { InvoiceField } from './invoice-fields.js';
import { formatCount, quote } from './user-text.js';
import { fieldForHeader, namesOf } from './vocabulary.js';

export interface HeaderOptions {
  /** The config's `columns:` mapping, keys already normalised. */
  columns?: ReadonlyMap<string, InvoiceField>;
  /** Whether a missing due date column is fine (default payment terms in the config). */
  hasDefaultTerms: boolean;
}

/** Each field's column (0-based). */
export type ColumnMap = Partial<Record<InvoiceField, number>>;

const REQUIRED: readonly InvoiceField[] = ['number', 'client', 'amount'];

/** Each field's column, or null (with the problems) when a required column is missing. */
export function matchHeader(header: readonly string[], file: string, line: number, options: HeaderOptions, issues: Issue[]): ColumnMap | null {
  const columns: ColumnMap = {};
  const seen = new Map<InvoiceField, string>();
  header.forEach((name, column) => {
    const field = fieldForHeader(name, options.columns);
    if (field === null) return;
    const taken = seen.get(field);
    if (taken !== undefined) {
      issues.push(warning(file, line, field, `the columns ${quote(taken)} and ${quote(name.trim())} both read as ${field}: ${quote(name.trim())} is ignored`, `map one of them to another field under columns: in relance.yaml`));
      return;
    }
    seen.set(field, name.trim());
    columns[field] = column;
  });
  const missing = REQUIRED.filter((f) => !seen.has(f));
  // A delivery date is enough: without agreed terms the legal term runs from it (L441-10 I).
  if (!seen.has('due_date') && !seen.has('payment_terms') && !seen.has('delivery_date') && !options.hasDefaultTerms) missing.push('due_date');
  for (const field of missing) {
    const names = namesOf(field).slice(0, 3).map((n) => `"${n}"`).join(', ');
    issues.push(error(file, line, field, `no column for the ${field.replace('_', ' ')} (columns found: ${columnList(header)})`, `name one ${names}, or map yours under columns: in relance.yaml`));
  }
  return missing.length > 0 ? null : columns;
}

/** The header's names for a message: each one quoted and cut, the first 20 of them. */
function columnList(header: readonly string[]): string {
  const shown = header.slice(0, 20).map((h) => quote(h.trim()));
  return header.length > 20 ? `${shown.join(', ')} and ${formatCount(header.length - 20)} more` : shown.join(', ');
}
