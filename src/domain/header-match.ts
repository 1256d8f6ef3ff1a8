// A table's header line matched to the invoice fields, whatever container the table came
// in (a CSV file, a workbook's sheet): each column's field by its name (the vocabulary, or
// the config's `columns:`), one column per field, the strongest name winning ("Montant TTC"
// over "Montant" over "Montant HT"), and the required ones there. Pure; shared by every
// tabular reader (table-records.ts).

import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { InvoiceField } from './invoice-fields.js';
import { formatCount, quote, shorten } from './user-text.js';
import type { HeaderCandidate } from './vocabulary.js';
import { candidatesForHeader, namesOf } from './vocabulary.js';

export interface HeaderOptions {
  /** The config's `columns:` mapping, keys already normalised. */
  columns?: ReadonlyMap<string, InvoiceField>;
  /** Whether a missing due date column is fine (default payment terms in the config). */
  hasDefaultTerms: boolean;
  /** The client is not in a column but in the groups' headings ("Client : Dupont SARL"). */
  clientInHeadings?: boolean;
}

/** Each field's column (0-based). */
export type ColumnMap = Partial<Record<InvoiceField, number>>;

const REQUIRED: readonly InvoiceField[] = ['number', 'client', 'amount'];

/** How many cells of a line name a field: a header line names at least two. */
export function knownNames(cells: readonly string[], columns?: ReadonlyMap<string, InvoiceField>): number {
  let known = 0;
  for (const cell of cells) if (cell !== '' && candidatesForHeader(cell, columns).length > 0) known += 1;
  return known;
}

interface Candidate extends HeaderCandidate {
  column: number;
}

/** Each field's column, or null (with the problems) when a required column is missing. */
export function matchHeader(header: readonly string[], file: string, line: number, options: HeaderOptions, issues: Issue[]): ColumnMap | null {
  const names = header.map((h) => h.trim());
  const candidates: Candidate[] = [];
  names.forEach((name, column) => {
    if (name !== '') for (const c of candidatesForHeader(name, options.columns)) candidates.push({ ...c, column });
  });
  // Strongest names first; among equals, the leftmost column.
  candidates.sort((a, b) => b.rank - a.rank || a.column - b.column);
  const chosen = new Map<InvoiceField, Candidate>();
  const byColumn = new Map<number, Candidate>();
  for (const c of candidates) {
    if (byColumn.has(c.column) || chosen.has(c.field)) continue;
    chosen.set(c.field, c);
    byColumn.set(c.column, c);
  }
  // A required field left without a column takes one that could also be it, from a field that is not required
  // ("Montant dû" alone: the amount, rather than a balance with no amount).
  for (const field of REQUIRED) {
    if (chosen.has(field)) continue;
    const spare = candidates.find((c) => {
      const holder = byColumn.get(c.column);
      return c.field === field && holder !== undefined && !REQUIRED.includes(holder.field);
    });
    if (spare === undefined) continue;
    chosen.delete(byColumn.get(spare.column)!.field);
    chosen.set(field, spare);
    byColumn.set(spare.column, spare);
  }

  const columns: ColumnMap = {};
  for (const [field, c] of chosen) columns[field] = c.column;
  const unused: string[] = [];
  names.forEach((name, column) => {
    if (name === '' || byColumn.has(column)) return;
    const best = candidates.find((c) => c.column === column);
    const taken = best === undefined ? undefined : chosen.get(best.field);
    if (best !== undefined && taken !== undefined && taken.rank === best.rank) {
      issues.push(warning(file, line, best.field, `the columns ${quote(names[taken.column]!)} and ${quote(name)} both read as ${best.field}: ${quote(name)} is ignored`, 'map one of them to another field under columns: in relance.yaml'));
    } else {
      unused.push(name);
    }
  });

  const missing = REQUIRED.filter((f) => !chosen.has(f) && !(f === 'client' && options.clientInHeadings === true));
  // A delivery date is enough: without agreed terms the legal term runs from it (L441-10 I).
  if (!chosen.has('due_date') && !chosen.has('payment_terms') && !chosen.has('delivery_date') && !options.hasDefaultTerms) missing.push('due_date');
  for (const field of missing) {
    const hint = namesOf(field).slice(0, 3).map((n) => `"${n}"`).join(', ');
    issues.push(error(file, line, field, `no column for the ${field.replace('_', ' ')} (columns found: ${columnList(names)})`, `name one ${hint}, or map yours under columns: in relance.yaml`));
  }
  if (missing.length > 0) return null;

  const amount = chosen.get('amount')!;
  if (amount.ht) {
    issues.push(warning(file, line, 'amount', `the amount is read from ${quote(names[amount.column]!)}, before VAT: reminders claim what is due, TTC`, 'add the TTC column to the export (Montant TTC), or map it under columns: in relance.yaml'));
  }
  if (unused.length > 0) {
    const shown = unused.slice(0, 12).map((n) => quote(shorten(n, 40)));
    const more = unused.length > 12 ? ` and ${formatCount(unused.length - 12)} more` : '';
    issues.push(
      warning(
        file,
        line,
        undefined,
        `column${unused.length === 1 ? '' : 's'} not used: ${shown.join(', ')}${more}`,
        `relance reads no invoice field from ${unused.length === 1 ? 'it' : 'them'}; if one holds one (a paid amount, a due date…), map it under columns: in relance.yaml, e.g. columns: { "Encaissé TTC": paid_amount }`,
      ),
    );
  }
  return columns;
}

/** The header's names for a message: each one quoted and cut, the first 20 of them. */
function columnList(header: readonly string[]): string {
  const shown = header.slice(0, 20).map((h) => quote(h));
  return header.length > 20 ? `${shown.join(', ')} and ${formatCount(header.length - 20)} more` : shown.join(', ');
}
