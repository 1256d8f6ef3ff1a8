// Invoices kept by hand in YAML: a list of entries (or `invoices:` holding one), keyed by
// the same names as CSV headers, with an optional `payments:` list per invoice.
//
//   - number: F-2026-031
//     client: Studio Lumen
//     amount: 2 400,00
//     due_date: 2026-10-15
//     payments:
//       - { date: 2026-10-20, amount: 1000 }

import { suggestion } from '../domain/closest.js';
import type { Issue } from '../domain/issue.js';
import { error, warning } from '../domain/issue.js';
import type { InvoiceField } from '../domain/invoice-fields.js';
import { INVOICE_FIELDS } from '../domain/invoice-fields.js';
import { fieldForHeader } from '../domain/vocabulary.js';
import type { RawField, RawInvoice, RawPayment, RecordView } from '../domain/record-view.js';
import { rawInvoiceView } from '../domain/record-view.js';
import { fieldTooLong } from '../domain/invoice-facts.js';
import { MAX_FIELD_LENGTH, shorten } from '../domain/user-text.js';
import { readYamlFile } from './yaml-file.js';

export async function readYamlInvoices(path: string, file: string, columns: ReadonlyMap<string, InvoiceField> | undefined, onRecord: (row: RecordView) => void): Promise<Issue[]> {
  const source = await readYamlFile(path, file, { schema: 'failsafe' });
  const issues = [...source.issues];
  if (issues.length > 0) return issues;
  const data = source.data;
  const inRoot = Array.isArray(data);
  const list: unknown = inRoot ? data : isRecord(data) ? data.invoices : undefined;
  if (!Array.isArray(list)) {
    return [error(file, 1, undefined, 'no list of invoices found', 'write a list of entries (each starting with "- number: …"), or put it under invoices:')];
  }
  const at = (index: number, ...rest: (string | number)[]) => source.lineOf(inRoot ? [index, ...rest] : ['invoices', index, ...rest]) ?? 1;

  list.forEach((entry, index) => {
    const line = at(index);
    if (!isRecord(entry)) {
      issues.push(error(file, line, undefined, 'this entry is not an invoice (a map of fields)', 'write each invoice as "- number: …" followed by its fields, indented'));
      return;
    }
    const raw: RawInvoice = { line, fields: {} };
    let tooLong = false;
    for (const [key, value] of Object.entries(entry)) {
      const keyLine = at(index, key);
      if (key === 'payments') {
        raw.payments = readPayments(value, file, keyLine, (i, k) => at(index, 'payments', i, ...(k ? [k] : [])), issues);
        continue;
      }
      const field = fieldForHeader(key, columns);
      if (field === null) {
        issues.push(warning(file, keyLine, shorten(key, 40), 'unknown field, ignored', suggestion(key, [...INVOICE_FIELDS, 'payments'], `known fields: ${INVOICE_FIELDS.join(', ')}, payments`)));
        continue;
      }
      const text = scalarText(value);
      if (text === null) {
        issues.push(error(file, keyLine, field, 'expected a single value here', 'write the value on the same line as the key'));
        continue;
      }
      if (text.length > MAX_FIELD_LENGTH) {
        issues.push(fieldTooLong(file, keyLine, field, text.length));
        tooLong = true;
        continue;
      }
      raw.fields[field] = { text, line: keyLine };
    }
    if (!tooLong) onRecord(rawInvoiceView(raw));
  });
  return issues;
}

function readPayments(value: unknown, file: string, line: number, lineOf: (index: number, key?: string) => number, issues: Issue[]): RawPayment[] {
  if (!Array.isArray(value)) {
    issues.push(error(file, line, 'payments', 'expected a list of payments', 'write each payment as "- { date: 2026-10-20, amount: 1000 }"'));
    return [];
  }
  return value.map((p, i): RawPayment => {
    const paymentLine = lineOf(i);
    if (!isRecord(p)) {
      issues.push(error(file, paymentLine, 'payments', 'a payment must have a date and an amount', 'write it as "- { date: 2026-10-20, amount: 1000 }"'));
      return { date: undefined, amount: undefined, line: paymentLine };
    }
    const field = (key: string): RawField | undefined => {
      const text = scalarText(p[key]);
      return text === null ? undefined : { text, line: lineOf(i, key) };
    };
    return { date: field('date'), amount: field('amount'), line: paymentLine };
  });
}

function scalarText(value: unknown): string | null {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? value.join(', ') : null;
  return typeof value === 'string' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
